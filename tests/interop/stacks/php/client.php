<?php
// A foreign client for the interop suite: PHP's SoapClient in WSDL mode.
// Reads the job as JSON on stdin: {"wsdl", "location", "style": "rpc"|"document",
// "soap_version": "1.1"|"1.2", "calls": [{"operation", "arguments", "headers": [{"namespace",
// "name", "value"}]}]}, makes every call and
// prints one outcome per call as JSON: {"result"}, {"fault": {"code", "string", "detail"}} or
// {"error"} (see stacks/__init__.py for the wire form of arguments).
declare(strict_types=1);

ini_set('soap.wsdl_cache_enabled', '0');

// Tagged wire-form values to what ext/soap wants: raw bytes for the binary types (it encodes
// them itself), the lexical form for the rest.
function native(mixed $value): mixed
{
    if (!is_array($value)) {
        return $value;
    }
    if (count($value) === 1 && is_string(array_key_first($value)) && str_starts_with(array_key_first($value), '$')) {
        $lexical = reset($value);
        return match (array_key_first($value)) {
            '$base64Binary' => base64_decode($lexical, true),
            '$hexBinary' => hex2bin($lexical),
            default => $lexical,
        };
    }
    // attributes are plain keys to ext/soap, and simple content is "_"
    $type = $value['$xsiType'] ?? null;
    unset($value['$xsiType']);
    $out = [];
    foreach ($value as $key => $item) {
        $name = is_string($key) && str_starts_with($key, '@') ? substr($key, 1) : $key;
        $out[$name === '#text' ? '_' : $name] = native($item);
    }
    if ($type !== null) {
        // a subtype: SoapVar names it, and ext/soap writes its xsi:type
        [$namespace, $local] = explode('}', substr($type, 1), 2);
        return new SoapVar($out, SOAP_ENC_OBJECT, $local, $namespace);
    }
    return $out;
}

// What ext/soap returned, as JSON can carry it: objects as maps, bytes that are not UTF-8
// tagged as base64.
function plain(mixed $value): mixed
{
    if (is_object($value)) {
        $value = get_object_vars($value);
        return $value === [] ? new stdClass() : array_map('plain', $value);
    }
    if (is_array($value)) {
        return array_map('plain', $value);
    }
    if (is_string($value) && preg_match('//u', $value) !== 1) {
        return ['$bytes' => base64_encode($value)];
    }
    return $value;
}

$job = json_decode(file_get_contents('php://stdin'), true, 512, JSON_THROW_ON_ERROR);
$outcomes = [];
try {
    $client = new SoapClient($job['wsdl'], [
        'location' => $job['location'],
        'soap_version' => $job['soap_version'] === '1.2' ? SOAP_1_2 : SOAP_1_1,
        'cache_wsdl' => WSDL_CACHE_NONE,
        'exceptions' => true,
        'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
        'connection_timeout' => 30,
    ]);
} catch (Throwable $e) {
    // the WSDL itself did not load: every call fails the same way
    foreach ($job['calls'] as $call) {
        $outcomes[] = ['error' => 'WSDL: ' . $e->getMessage()];
    }
    echo json_encode($outcomes, JSON_THROW_ON_ERROR);
    exit(0);
}
foreach ($job['calls'] as $call) {
    $arguments = native($call['arguments']);
    // rpc: one PHP argument per part, in order; document/literal wrapped: the wrapper's content
    $parameters = $job['style'] === 'rpc' ? array_values($arguments) : [$arguments];
    $headers = array_map(
        fn (array $header) => new SoapHeader($header['namespace'], $header['name'], native($header['value'])),
        $call['headers'] ?? [],
    );
    try {
        $result = $client->__soapCall($call['operation'], $parameters, null, $headers);
        $outcomes[] = ['result' => plain($result)];
    } catch (SoapFault $fault) {
        $outcomes[] = ['fault' => [
            'code' => $fault->faultcode,
            'string' => $fault->faultstring,
            'detail' => plain($fault->detail ?? null),
        ]];
    } catch (Throwable $e) {
        $outcomes[] = ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
}
echo json_encode($outcomes, JSON_THROW_ON_ERROR | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
