'use strict';
// Seed worketc_veetro's emitted WSDL: SetOutlookSyncRecord answers the record it was sent.
// node-soap reads xs:dateTime into a JS Date, which it would write back as an empty element.
module.exports = (operation, args) => {
  // an empty request wrapper comes as null
  const record = (args || {}).Record;
  if (record === undefined || record === null) return {};
  const echoed = {};
  for (const [key, value] of Object.entries(record)) {
    echoed[key] = value instanceof Date ? value.toISOString() : value;
  }
  return {SetOutlookSyncRecordResult: echoed};
};
