<?php
// Seed superoffice_erpsync's emitted WSDL (SOAP 1.2 only): ForceResyncExternal answers what it
// read (scenarios.py, _plugin_response), its two headers included.  SoapServer calls each
// header's element name as a method before the operation.
$headers = [];

function handle(string $operation, array $arguments): mixed
{
    global $headers;
    if ($operation === 'ApplicationToken' || $operation === 'Credentials') {
        $headers[$operation] = $arguments[0];
        return null;
    }
    $request = $arguments[0] ?? new stdClass();
    $response = [
        'IsOk' => isset($headers['Credentials']),
        'UserExplanation' => $headers['ApplicationToken'] ?? null,
        'TechExplanation' => $request->ErpActorType ?? null,
        'ErrorCode' => isset($request->ErpConnectionId) ? (string) $request->ErpConnectionId : null,
        'Status' => $headers['Credentials']->Ticket ?? 'Ok',
    ];
    if (isset($request->ExternalKeys)) {
        $added = [];
        foreach ($request->ExternalKeys->string ?? [] as $index => $key) {
            $added[] = ['Tablename' => $key, 'RecordId' => $index];
        }
        $response['Changes'] = [
            'AddedRecords' => ['ChangedDataItem' => $added],
            'DeletedRecords' => ['ChangedDataItem' => []],
        ];
    }
    return ['Response' => $response];
}
