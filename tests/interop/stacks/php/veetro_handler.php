<?php
// Seed worketc_veetro's emitted WSDL: SetOutlookSyncRecord answers the record it was sent
// (absent fields stay absent: ext/soap leaves a property it was not sent unset).
function handle(string $operation, array $arguments): mixed
{
    $record = $arguments[0]->Record ?? null;
    return $record === null ? new stdClass() : ['SetOutlookSyncRecordResult' => $record];
}
