// Seed sanspapier_synchronization's emitted WSDL: SynchronizationAttachment hashes what it read
// (scenarios.py, _attachment_hash) and answers HashError unless that is the fileHash sent.
// `wsdl -server` passes each optional value type with a *Specified flag, and answers through
// out parameters.
using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

public static class Handler {
    static string Text(string value) { return value ?? "-"; }
    static string Text(bool value, bool specified) { return specified ? (value ? "true" : "false") : "-"; }

    public static void SynchronizationAttachment(
            Synchronization service, string token, string code, Guid guid, bool guidSpecified,
            int documentId, bool documentIdSpecified, byte[] buffer, long offset,
            bool offsetSpecified, bool terminate, bool terminateSpecified, string fileHash,
            bool allowChecksumUpdate, bool allowChecksumUpdateSpecified,
            out SynchronizationAttachmentResult result, out bool resultSpecified) {
        string canonical = Text(token) + "|" + Text(code) + "|"
            + (guidSpecified ? guid.ToString() : "-") + "|"
            + (documentIdSpecified ? documentId.ToString() : "-") + "|"
            + (offsetSpecified ? offset.ToString() : "-") + "|"
            + Text(terminate, terminateSpecified) + "|"
            + Text(allowChecksumUpdate, allowChecksumUpdateSpecified) + "|";
        byte[] data = Encoding.UTF8.GetBytes(canonical).Concat(buffer ?? new byte[0]).ToArray();
        string hash;
        using (var md5 = MD5.Create())
            hash = string.Concat(md5.ComputeHash(data).Select(b => b.ToString("x2")));
        resultSpecified = true;
        if (fileHash == null) result = SynchronizationAttachmentResult.UnknownError;
        else if (hash != fileHash) result = SynchronizationAttachmentResult.HashError;
        else if (terminateSpecified && terminate) result = SynchronizationAttachmentResult.OK;
        else result = SynchronizationAttachmentResult.SychronizationError;
    }
}
