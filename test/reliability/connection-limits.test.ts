import { connect, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LISTEN_LIMITS, ListenLimits } from '../../src/core/listen-defaults';
import { buildServer } from '../../src/http/server';
import { MockOrg } from '../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../src/mock-org/rest/server';
import { captureLogs, makeEmulator } from '../http/helpers';

/**
 * Sockets a client holds open must not starve a server of file descriptors: 1,100 idle sockets
 * once made every real request fail at `ulimit -n 1024`. Both servers apply the same limits
 * (src/core/listen-defaults.ts); the timeouts are shortened here so that each wait stays short.
 */

type Build = (limits?: Partial<ListenLimits>) => Promise<FastifyInstance>;

const SERVERS: [string, Build, string][] = [
  ['ipemu serve', async (limits) => buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream, limits }), '/healthz'],
  ['mock-org serve', async (limits) => buildMockRestServer({ org: await MockOrg.fromFixtures({ records: {} }), limits }), '/services/data'],
];

/** A raw socket that records what it received and when the server closed it. */
interface Probe {
  socket: Socket;
  received(): string;
  closed: Promise<void>;
}

function probe(port: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    let text = '';
    let closedResolve!: () => void;
    const closed = new Promise<void>((r) => (closedResolve = r));
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, received: () => text, closed }));
    socket.setEncoding('utf8').on('data', (d: string) => (text += d));
    // A connection dropped at accept is reset; that is the outcome under test, not a failure.
    socket.on('error', () => undefined);
    socket.on('close', () => closedResolve());
    socket.once('error', reject);
  });
}

function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return address.port;
}

async function connectionsOf(app: FastifyInstance): Promise<number> {
  return new Promise((resolve, reject) => app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}

/** Polls (bounded) until the server has accepted `n` connections. */
async function untilConnections(app: FastifyInstance, n: number): Promise<void> {
  for (let i = 0; i < 200 && (await connectionsOf(app)) < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await connectionsOf(app)).toBe(n);
}

const elapsedSince = (start: number): number => Date.now() - start;

describe.each(SERVERS)('%s: socket limits', (_name, build, route) => {
  let app: FastifyInstance | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    await app?.close();
    app = undefined;
  });

  async function listen(limits: Partial<ListenLimits>): Promise<number> {
    app = await build(limits);
    await app.listen({ host: '127.0.0.1', port: 0 });
    return portOf(app);
  }

  test('the defaults are a cap of 512 connections, a 10 s header deadline and at most 5 s of keep-alive idle', async () => {
    app = await build();
    expect(app.server.maxConnections).toBe(DEFAULT_LISTEN_LIMITS.maxConnections);
    expect(DEFAULT_LISTEN_LIMITS).toEqual({ maxConnections: 512, headerTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000 });
    expect(app.server.headersTimeout).toBe(10_000);
    // Node holds an idle socket 1 s past keepAliveTimeout.
    expect(app.server.keepAliveTimeout + 1_000).toBeLessThanOrEqual(5_000);
  });

  test('idle sockets beyond the cap are dropped at once, and a real request is answered once the held ones time out', async () => {
    // Long enough that the held sockets are surely still open while the cap is checked on a loaded machine.
    const port = await listen({ maxConnections: 3, headerTimeoutMs: 1_500 });
    const held = await Promise.all([0, 1, 2].map(() => probe(port)));
    sockets.push(...held.map((p) => p.socket));
    await untilConnections(app!, 3);

    const beyond = await Promise.all([0, 1, 2, 3, 4].map(() => probe(port)));
    sockets.push(...beyond.map((p) => p.socket));
    await Promise.all(beyond.map((p) => p.closed));
    expect(beyond.map((p) => p.received())).toEqual(['', '', '', '', '']);
    await expect(fetch(`http://127.0.0.1:${port}${route}`)).rejects.toThrow();

    // The held sockets never sent a header, so the header deadline frees them.
    await Promise.all(held.map((p) => p.closed));
    const res = await fetch(`http://127.0.0.1:${port}${route}`);
    expect(res.status).toBe(200);
  });

  test('a socket that trickles a header that never completes is answered 408 and closed at the header deadline', async () => {
    const port = await listen({ headerTimeoutMs: 500 });
    const slow = await probe(port);
    sockets.push(slow.socket);
    const started = Date.now();
    slow.socket.write(`GET ${route} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    // Slowloris: a byte every 50 ms keeps the socket busy but must not extend the deadline.
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write('X'), 50);
    await slow.closed;
    clearInterval(trickle);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsedSince(started)).toBeGreaterThanOrEqual(400);
    // Freeze guard: closed near the configured 0.5 s, not node's 60 s default.
    expect(elapsedSince(started)).toBeLessThan(5_000);
  });

  test('an idle keep-alive socket is closed after the keep-alive timeout', async () => {
    const port = await listen({ keepAliveTimeoutMs: 1_300 });
    const client = await probe(port);
    sockets.push(client.socket);
    client.socket.write(`GET ${route} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    for (let i = 0; i < 200 && !client.received().includes('\r\n\r\n'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    const answered = Date.now();
    await client.closed;
    expect(elapsedSince(answered)).toBeGreaterThanOrEqual(1_000);
    // Freeze guard: fastify's own default held it 72 s.
    expect(elapsedSince(answered)).toBeLessThan(5_000);
  });
});
