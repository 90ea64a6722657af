<?php
// Seed leadertask_sync's emitted WSDL: ProcessContactsFiles answers what it read, rearranged
// (scenarios.py, _contacts_result): the uids sent back as string lists, each removed object with
// the password, each verified one as a LionContactFile (whose fields are unqualified).
function items(?object $array, string $item): ?array
{
    // SOAP_SINGLE_ELEMENT_ARRAYS: an item is always a list; an empty array has no property
    return $array === null ? null : ($array->$item ?? []);
}

function handle(string $operation, array $arguments): mixed
{
    $request = $arguments[0] ?? new stdClass();
    $verify = items($request->objects_to_verify ?? null, 'ObjClient_ToVerify');
    $remove = items($request->objects_to_remove ?? null, 'ObjClient_ToRemove');
    $result = ['error_code' => count($verify ?? []), 'error_string' => $request->name ?? null];
    if ($remove !== null) {
        $result['list_delete_objects'] = ['string' => array_map(fn ($o) => $o->_str_uid, $remove)];
    }
    if ($verify !== null) {
        $result['list_send_objects'] = ['string' => array_map(fn ($o) => $o->_str_uid, $verify)];
    }
    if ($remove !== null) {
        $result['list_process_deleted'] = ['DeletedObject' => array_map(
            fn ($o) => ['uid' => $o->_str_uid, 'error_string' => $request->password ?? null],
            $remove,
        )];
    }
    if ($verify !== null) {
        $result['list_add_objects'] = ['LionContactFile' => array_map(
            fn ($o) => [
                'Uid' => $o->_str_uid,
                'ContactUID' => $request->str_uid_session ?? null,
                '__usn_entity' => isset($o->_usn_entity) ? (string) $o->_usn_entity : null,
            ],
            $verify,
        )];
    }
    return ['ProcessContactsFilesResult' => $result];
}
