// A foreign server for the interop suite: node-soap's soap.listen on 127.0.0.1.
// The harness (stacks/node.py) passes the WSDL file, the port, and the services' ports and
// operations ({service: {port: [operation]}}) as SOAP_SERVICES; the test's handler.js exports
// (operation, args, headers) => answer (throw {Fault: {...}} to answer a fault).
'use strict';
const fs = require('fs');
const http = require('http');
const soap = require('soap');
const handle = require('./handler.js');

const wsdl = fs.readFileSync(process.env.SOAP_WSDL, 'utf8');
const layout = JSON.parse(process.env.SOAP_SERVICES);
const services = {};
for (const [service, ports] of Object.entries(layout)) {
  services[service] = {};
  for (const [port, operations] of Object.entries(ports)) {
    services[service][port] = {};
    for (const operation of operations) {
      services[service][port][operation] = (args, callback, headers) =>
        handle(operation, args, headers || {});
    }
  }
}
// node-soap answers POSTs and GET ?wsdl on its path; anything else is not ours
const server = http.createServer((request, response) => {
  response.statusCode = 404;
  response.end();
});
server.listen(Number(process.env.SOAP_PORT), '127.0.0.1', () => {
  // uri: where the WSDL's relative imports (schemaLocation) resolve
  // node-soap's server writes SOAP 1.1 envelopes whatever the binding unless told (the option
  // is its client's): a WSDL of SOAP 1.2 bindings only is served in 1.2
  const listener = soap.listen(server, {
    path: '/',
    services,
    xml: wsdl,
    uri: process.env.SOAP_WSDL,
    forceSoap12Headers: process.env.SOAP_12_ONLY === '1',
  });
  listener.log = (type, data) => {
    if (type === 'error') console.error(data);
  };
});
