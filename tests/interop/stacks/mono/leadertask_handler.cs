// Seed leadertask_sync's emitted WSDL: ProcessContactsFiles answers what it read, rearranged
// (scenarios.py, _contacts_result).
using System.Linq;

public static class Handler {
    public static ProcessContactsFilesResult ProcessContactsFiles(
            LeaderTaskSyncService service, ObjClient_ToVerify[] verify, ObjClient_ToRemove[] remove,
            string name, string password, string session) {
        var result = new ProcessContactsFilesResult {
            error_code = verify == null ? 0 : verify.Length,
            error_codeSpecified = true,
            error_string = name,
        };
        if (remove != null) {
            result.list_delete_objects = remove.Select(o => o._str_uid).ToArray();
            result.list_process_deleted = remove
                .Select(o => new DeletedObject { uid = o._str_uid, error_string = password }).ToArray();
        }
        if (verify != null) {
            result.list_send_objects = verify.Select(o => o._str_uid).ToArray();
            result.list_add_objects = verify.Select(o => new LionContactFile {
                Uid = o._str_uid,
                ContactUID = session,
                __usn_entity = o._usn_entitySpecified ? o._usn_entity.ToString() : null,
            }).ToArray();
        }
        return result;
    }
}
