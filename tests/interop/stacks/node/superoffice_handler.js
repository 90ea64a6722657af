'use strict';
// Seed superoffice_erpsync's emitted WSDL (SOAP 1.2 only): ForceResyncExternal answers what it
// read (scenarios.py, _plugin_response), its two headers included.
// The generated client writes xsi:type on each element, as SuperOffice's documentation shows
// them; node-soap hands such a value over as {attributes: {'xsi:type'}, $value}
function plain(value) {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  if ('$value' in value) return value.$value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'attributes') out[key] = plain(item);
  }
  return out;
}

module.exports = (operation, args, headers) => {
  const request = plain(args || {});
  headers = plain(headers);
  const credentials = headers.Credentials;
  const response = {IsOk: credentials !== undefined};
  if (headers.ApplicationToken !== undefined) response.UserExplanation = headers.ApplicationToken;
  if (request.ErpActorType !== undefined) response.TechExplanation = request.ErpActorType;
  if (request.ErpConnectionId !== undefined) response.ErrorCode = String(request.ErpConnectionId);
  // an empty array's element is null (node-soap's reading of an empty complex element)
  if ('ExternalKeys' in request) {
    const keys = (request.ExternalKeys || {}).string;
    const list = keys === undefined ? [] : Array.isArray(keys) ? keys : [keys];
    response.Changes = {
      AddedRecords: {ChangedDataItem: list.map((key, index) => ({Tablename: key, RecordId: index}))},
      DeletedRecords: {ChangedDataItem: []},
    };
  }
  response.Status = credentials && credentials.Ticket !== undefined ? credentials.Ticket : 'Ok';
  return {Response: response};
};
