<?php
// Seed sanspapier_synchronization's emitted WSDL: SynchronizationAttachment hashes what it read
// (scenarios.py, _attachment_hash) and answers HashError unless that is the fileHash sent.
function text(mixed $value): string
{
    if ($value === null) {
        return '-';
    }
    return is_bool($value) ? ($value ? 'true' : 'false') : (string) $value;
}

function handle(string $operation, array $arguments): mixed
{
    $request = $arguments[0] ?? new stdClass();
    $canonical = '';
    foreach (['token', 'code', 'guid', 'documentId', 'offset', 'terminate', 'allowChecksumUpdate'] as $name) {
        $canonical .= text($request->$name ?? null) . '|';
    }
    if (!isset($request->fileHash)) {
        $result = 'UnknownError';
    } elseif (md5($canonical . ($request->buffer ?? '')) !== $request->fileHash) {
        $result = 'HashError';
    } else {
        $result = ($request->terminate ?? false) ? 'OK' : 'SychronizationError';
    }
    return ['SynchronizationAttachmentResult' => $result];
}
