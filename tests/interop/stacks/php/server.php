<?php
// A foreign server for the interop suite: PHP's SoapServer in WSDL mode, run under `php -S`.
// The harness (stacks/php.py) puts the service's WSDL under wsdl/ and the test's handler.php
// beside this file; handler.php defines handle(string $operation, array $arguments), and may
// define options() to add SoapServer options.
declare(strict_types=1);

ini_set('soap.wsdl_cache_enabled', '0');
require __DIR__ . '/handler.php';

$wsdl = __DIR__ . '/wsdl/' . getenv('SOAP_WSDL');
if ($_SERVER['REQUEST_METHOD'] === 'GET') {
    // SoapServer answers POSTs only; the harness waits for ?wsdl as its readiness signal.
    header('Content-Type: text/xml; charset=utf-8');
    readfile($wsdl);
    return;
}

final class Dispatch
{
    // SoapServer calls the operation's name as a method: one entry point serves them all.
    public function __call(string $name, array $arguments): mixed
    {
        return handle($name, $arguments);
    }
}

$options = [
    'cache_wsdl' => WSDL_CACHE_NONE,
    // a repeated element read as an array even when one is sent
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
];
// a handler may add SoapServer options (a classmap) by defining options()
$server = new SoapServer($wsdl, $options + (function_exists('options') ? options() : []));
$server->setObject(new Dispatch());
$server->handle();
