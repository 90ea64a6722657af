'use strict';
// Seed sanspapier_synchronization's emitted WSDL: SynchronizationAttachment hashes what it read
// (scenarios.py, _attachment_hash) and answers HashError unless that is the fileHash sent.
const crypto = require('crypto');

function text(value) {
  if (value === undefined || value === null) return '-';
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

module.exports = (operation, args) => {
  const request = args || {};
  const names = ['token', 'code', 'guid', 'documentId', 'offset', 'terminate', 'allowChecksumUpdate'];
  const canonical = names.map((name) => text(request[name]) + '|').join('');
  // node-soap hands base64Binary over as its base64 text
  const buffer = Buffer.from(request.buffer || '', 'base64');
  let result;
  if (request.fileHash === undefined) {
    result = 'UnknownError';
  } else {
    const hash = crypto.createHash('md5').update(Buffer.concat([Buffer.from(canonical, 'utf8'), buffer]));
    if (hash.digest('hex') !== request.fileHash) result = 'HashError';
    else result = request.terminate ? 'OK' : 'SychronizationError';
  }
  return {SynchronizationAttachmentResult: result};
};
