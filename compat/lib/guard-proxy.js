'use strict';
// The sf CLI runs with HTTP(S)_PROXY pointing here: tunnels to the mock server pass, every other
// destination is refused and recorded, so the suite proves the CLI phoned nobody (no telemetry,
// no update check, no release notes). sf's jsforce tunnels even plain-http loopback requests
// through a proxy (NO_PROXY is not honoured there), which is what makes this guard see them all.
const http = require('node:http');
const net = require('node:net');

/** @param {() => number | undefined} allowedPort the mock server's port, once known */
async function startGuardProxy(allowedPort) {
  const refused = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, socket, head) => {
    const m = /^(127\.0\.0\.1|localhost|\[::1\]):(\d+)$/.exec(req.url ?? '');
    if (m === null || Number(m[2]) !== allowedPort()) {
      refused.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(m[2]), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => [...refused],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

module.exports = { startGuardProxy };
