'use strict';
// Seed leadertask_sync's emitted WSDL: ProcessContactsFiles answers what it read, rearranged
// (scenarios.py, _contacts_result).
// node-soap reads an empty element of a complex type as null (lib/wsdl/index.js, onclosetag): an
// array present but empty; an absent one is undefined
function items(request, name, item) {
  if (!(name in request)) return null;
  const array = request[name] || {};
  const found = array[item];
  if (found === undefined) return [];
  return Array.isArray(found) ? found : [found];
}

module.exports = (operation, args) => {
  const request = args || {};
  const verify = items(request, 'objects_to_verify', 'ObjClient_ToVerify');
  const remove = items(request, 'objects_to_remove', 'ObjClient_ToRemove');
  const result = {error_code: verify ? verify.length : 0};
  if (request.name !== undefined) result.error_string = request.name;
  if (remove) result.list_delete_objects = {string: remove.map((o) => o._str_uid)};
  if (verify) result.list_send_objects = {string: verify.map((o) => o._str_uid)};
  if (remove) {
    result.list_process_deleted = {DeletedObject: remove.map((o) => {
      const deleted = {uid: o._str_uid};
      if (request.password !== undefined) deleted.error_string = request.password;
      return deleted;
    })};
  }
  if (verify) {
    result.list_add_objects = {LionContactFile: verify.map((o) => {
      const file = {Uid: o._str_uid};
      if (request.str_uid_session !== undefined) file.ContactUID = request.str_uid_session;
      if (o._usn_entity !== undefined) file.__usn_entity = String(o._usn_entity);
      return file;
    })};
  }
  return {ProcessContactsFilesResult: result};
};
