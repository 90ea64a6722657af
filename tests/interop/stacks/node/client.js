// A foreign client for the interop suite: node-soap's createClientAsync.
// Reads the job as JSON on stdin: {"wsdl", "location", "soap_version", "calls": [{"operation",
// "arguments", "headers": [{"namespace", "name", "value"}]}]}, makes every call and prints one
// outcome per call as JSON: {"result"},
// {"fault": {"code", "string", "detail"}} or {"error"} (see stacks/__init__.py for the wire form).
'use strict';
const fs = require('fs');
const soap = require('soap');

// node-soap writes what it is given: the tagged values go as their lexical form
function native(value) {
  if (Array.isArray(value)) return value.map(native);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0].startsWith('$')) return value[keys[0]];
    // attributes go under "attributes", simple content is "$value"
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$xsiType') {
        // a subtype: node-soap writes xsi:type from {type, xmlns}
        const [namespace, local] = item.slice(1).split('}');
        out.attributes = {...(out.attributes || {}), xsi_type: {type: local, xmlns: namespace}};
      } else if (key.startsWith('@')) {
        out.attributes = {...(out.attributes || {}), [key.slice(1)]: native(item)};
      } else {
        out[key === '#text' ? '$value' : key] = native(item);
      }
    }
    return out;
  }
  return value;
}

// node-soap hands back an element that has attributes as {attributes, $value}: the value is what
// was sent; an element's own (unprefixed) attributes are fields beside its children, its
// xsi:type is $xsiType, and soapenc:arrayType and other prefixed attributes are metadata
function plain(value) {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const own = {};
  for (const [name, item] of Object.entries(value.attributes || {})) {
    if (!name.includes(':') && name !== 'xmlns') own[name] = item;
    // a struct's xsi:type says which subtype it is; a simple value's is metadata
    if (name.endsWith(':type') && !('$value' in value)) own.$xsiType = String(item);
  }
  if ('$value' in value && Object.keys(own).length === 0) return value.$value;
  const out = {...own};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'attributes') out[key] = plain(item);
  }
  return out;
}

function faultOf(error) {
  const body = error && error.root && error.root.Envelope && error.root.Envelope.Body;
  const fault = body && body.Fault;
  if (!fault) return null;
  if (fault.Code) {
    // SOAP 1.2
    const reason = fault.Reason && fault.Reason.Text;
    return {
      code: fault.Code.Value,
      string: typeof reason === 'object' && reason !== null ? reason.$value : reason,
      detail: fault.Detail === undefined ? null : plain(fault.Detail),
    };
  }
  return {
    code: fault.faultcode,
    string: fault.faultstring,
    detail: fault.detail === undefined ? null : plain(fault.detail),
  };
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  const outcomes = [];
  let client;
  try {
    client = await soap.createClientAsync(job.wsdl, {forceSoap12Headers: job.soap_version === '1.2'});
    client.setEndpoint(job.location);
  } catch (error) {
    for (const _ of job.calls) outcomes.push({error: 'WSDL: ' + String(error && error.message)});
    process.stdout.write(JSON.stringify(outcomes));
    return;
  }
  for (const call of job.calls) {
    const method = client[call.operation + 'Async'];
    if (typeof method !== 'function') {
      outcomes.push({error: 'no method ' + call.operation});
      continue;
    }
    client.clearSoapHeaders();
    for (const header of call.headers || []) {
      client.addSoapHeader({[header.name]: native(header.value)}, header.name, 'h', header.namespace);
    }
    try {
      const [result] = await method.call(client, native(call.arguments));
      outcomes.push({result: result === undefined ? null : plain(result)});
    } catch (error) {
      const fault = faultOf(error);
      outcomes.push(fault ? {fault} : {error: String(error && error.message)});
    }
  }
  // JSON.stringify writes a Date as its ISO form
  process.stdout.write(JSON.stringify(outcomes));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
