'use strict';
// Plain requests to the mock server, for what the suite sets up (a deleted record) and the facts it
// checks sf's answers against. node:http(s) rather than fetch: fetch cannot be given the test CA.
const http = require('node:http');
const https = require('node:https');

const REQUEST_TIMEOUT_MS = 30_000;

/** @param {{ instanceUrl: string, accessToken: string, ca?: string }} server */
function restClient({ instanceUrl, accessToken, ca }) {
  const base = new URL(instanceUrl);
  const lib = base.protocol === 'https:' ? https : http;
  /** @returns {Promise<{ status: number, body: any }>} */
  const request = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = lib.request(
        new URL(path, base),
        {
          method,
          ca,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            authorization: `Bearer ${accessToken}`,
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c) => (text += c));
          res.on('end', () => {
            let parsed;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  return { request };
}

module.exports = { restClient };
