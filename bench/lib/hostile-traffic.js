'use strict';
// The hostile half of the soak: requests a careless or malicious client sends, each with the
// answers ipemu may give. Every answer must be an INVOKE output map whose errorCode matches the HTTP
// status (the one table), and the server must stay up. Slow sockets (a header never finished) are
// held open beside them, as a slowloris client would.
const http = require('node:http');
const net = require('node:net');
const { KEY } = require('./http-load');

const MiB = 2 ** 20;

/** `{"input":{"a":{"a":…}}}` as text: JSON.stringify itself overflows the stack at this depth. */
const nested = (depth) => `{"input":${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}}`;

/** The attacks, each `{ name, method, path, headers, body, expect: [status…] }`, built for one token. */
function attacks(token) {
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const invoke = `/invoke/${KEY}`;
  const list = [
    { name: 'no token', method: 'POST', path: invoke, headers: { 'content-type': 'application/json' }, body: '{"input":{}}', expect: [401] },
    { name: 'wrong token', method: 'POST', path: invoke, headers: { ...json, authorization: `Bearer ${token}x` }, body: '{"input":{}}', expect: [401] },
    { name: 'malformed JSON', method: 'POST', path: invoke, headers: json, body: '{"input": {"jobId": ', expect: [400] },
    // The server may answer 413 from the Content-Length and close while the body is still being sent.
    {
      name: 'body over 1 MiB',
      method: 'POST',
      path: invoke,
      headers: json,
      body: `{"input":{"jobId":"${'x'.repeat(MiB + 16)}"}}`,
      expect: [413],
      mayCloseMidBody: true,
    },
    { name: 'bad URL encoding', method: 'POST', path: '/invoke/%ZZ', headers: json, body: '{"input":{}}', expect: [400, 404] },
    { name: 'bad URL encoding, no token', method: 'POST', path: '/invoke/%ZZ', headers: { 'content-type': 'application/json' }, body: '{}', expect: [401] },
    { name: 'unknown service', method: 'POST', path: '/invoke/No:Such', headers: json, body: '{"input":{}}', expect: [404] },
    { name: 'unknown route', method: 'GET', path: '/../../etc/passwd', headers: auth, expect: [404] },
    { name: 'wrong method', method: 'GET', path: invoke, headers: auth, expect: [404, 405] },
    { name: 'text/plain body', method: 'POST', path: invoke, headers: { ...auth, 'content-type': 'text/plain' }, body: 'jobId=1', expect: [400, 415] },
    { name: 'input nested 10,000 deep', method: 'POST', path: invoke, headers: json, body: nested(10_000), expect: [400] },
    {
      name: 'prototype keys',
      method: 'POST',
      path: invoke,
      headers: json,
      body: '{"input":{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"jobId":"7075j00004uK6GjAAK"}}',
      expect: [400],
    },
    { name: 'input not an object', method: 'POST', path: invoke, headers: json, body: '{"input":[1,2,3]}', expect: [400] },
    { name: 'header over 16 KiB', method: 'GET', path: '/services', headers: { ...auth, 'x-big': 'y'.repeat(20_000) }, expect: [431] },
  ];
  const hostileMethods = require('../child/hostile-plugin').METHODS;
  for (const method of hostileMethods) {
    const options = method === 'neverSettle' || method === 'busyLoop' ? { timeout: method === 'busyLoop' ? 5 : 200 } : {};
    list.push({
      name: `plugin ${method}`,
      method: 'POST',
      path: `/invoke/Hostile:${method}`,
      headers: json,
      body: JSON.stringify({ input: {}, options }),
      // A thenable's first settlement wins, as for a promise; every other kind is refused.
      expect: method === 'neverSettle' || method === 'busyLoop' ? [504] : method === 'resolveTwice' ? [200] : [500],
    });
  }
  return list;
}

function send(base, attack, agent) {
  return new Promise((resolve) => {
    const req = http.request(`${base}${attack.path}`, { method: attack.method, headers: attack.headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => resolve({ error: `${err.code ?? ''} ${err.message}` }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (err) => resolve({ error: `${err.code ?? ''} ${err.message}` }));
    req.end(attack.body);
  });
}

/** Why an answer is wrong, or null when it is an output map whose code matches its status. */
function verdict(attack, reply, httpStatusOf) {
  if (reply.error) return attack.mayCloseMidBody && /EPIPE|ECONNRESET/.test(reply.error) ? null : `connection failed: ${reply.error}`;
  if (!attack.expect.includes(reply.status)) return `status ${reply.status}, expected ${attack.expect.join(' or ')}`;
  let body;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return `status ${reply.status} with a body that is not JSON: ${JSON.stringify(reply.body.slice(0, 120))}`;
  }
  if (body === null || typeof body !== 'object' || typeof body.errorCode !== 'string' || typeof body.error !== 'string')
    return `status ${reply.status} with a body that is not an output map: ${reply.body.slice(0, 120)}`;
  // Statuses the table has no code of its own for (the request never reached a service) carry a 4xx code.
  const transportOnly = [405, 413, 415, 431].includes(reply.status);
  const codeStatus = httpStatusOf(body.errorCode);
  if (transportOnly ? codeStatus < 400 || codeStatus >= 500 : codeStatus !== reply.status) return `${body.errorCode} answered with HTTP ${reply.status}`;
  return null;
}

/**
 * Sends the attacks round-robin from `workers` loops and keeps `slowSockets` half-sent requests
 * open until `signal` aborts. Resolves with counts and the first few wrong answers.
 */
async function hostileTraffic(url, token, { workers = 6, slowSockets = 16, signal, httpStatusOf }) {
  const list = attacks(token);
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  const stats = { sent: 0, wrong: 0, byAttack: {}, examples: [], slowOpened: 0, slowClosedByServer: 0, closedMidBody: 0 };
  let next = 0;
  const worker = async () => {
    while (!signal.aborted) {
      const attack = list[next++ % list.length];
      const reply = await send(url, attack, agent);
      stats.sent++;
      stats.byAttack[attack.name] = (stats.byAttack[attack.name] || 0) + 1;
      if (reply.error && attack.mayCloseMidBody) stats.closedMidBody++;
      const why = verdict(attack, reply, httpStatusOf);
      if (why !== null) {
        stats.wrong++;
        if (stats.examples.length < 10 && !stats.examples.some((e) => e.startsWith(attack.name))) stats.examples.push(`${attack.name}: ${why}`);
      }
    }
  };
  const { hostname, port } = new URL(url);
  const open = new Set();
  const slowloris = () => {
    if (signal.aborted) return;
    const socket = net.connect({ host: hostname, port: Number(port) });
    open.add(socket);
    stats.slowOpened++;
    socket.on('connect', () => socket.write(`POST /invoke/${KEY} HTTP/1.1\r\nHost: ${hostname}\r\nX-Slow: `));
    socket.on('error', () => {});
    // Read what the server sends (its 408), or the socket never sees the server's close.
    socket.resume();
    socket.on('close', () => {
      open.delete(socket);
      if (!socket.destroyedByUs) stats.slowClosedByServer++;
      setTimeout(slowloris, 200).unref();
    });
  };
  for (let i = 0; i < slowSockets; i++) slowloris();
  await Promise.all(Array.from({ length: workers }, worker));
  for (const socket of open) {
    socket.destroyedByUs = true;
    socket.destroy();
  }
  agent.destroy();
  return stats;
}

module.exports = { hostileTraffic, attacks };
