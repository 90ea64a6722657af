// Seed superoffice_erpsync's emitted WSDL (SOAP 1.2 only): ForceResyncExternal answers what it
// read (scenarios.py, _plugin_response), its two headers included (`wsdl` makes the string
// header ApplicationToken a class named @string holding its text).
using System.Linq;

public static class Handler {
    public static PluginResponse ForceResyncExternal(
            ErpSync service, int id, bool idSpecified, string actor, string[] keys) {
        var response = new PluginResponse {
            IsOk = service.CredentialsValue != null,
            IsOkSpecified = true,
            UserExplanation = service.ApplicationToken == null ? null : string.Concat(service.ApplicationToken.Text ?? new string[0]),
            TechExplanation = actor,
            ErrorCode = idSpecified ? id.ToString() : null,
            Status = service.CredentialsValue != null && service.CredentialsValue.Ticket != null
                ? service.CredentialsValue.Ticket : "Ok",
        };
        if (keys != null) {
            response.Changes = new ChangedData {
                AddedRecords = keys.Select((key, index) => new ChangedDataItem {
                    Tablename = key, RecordId = index, RecordIdSpecified = true }).ToArray(),
                DeletedRecords = new ChangedDataItem[0],
            };
        }
        return response;
    }
}
