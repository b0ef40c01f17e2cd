import { startServer, RunningServer } from '../../src/http/server';
import { captureLogs, Gate, makeEmulator, testPlugin } from './helpers';

const json = { 'content-type': 'application/json' };

describe('over a real socket', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('listens on 127.0.0.1 with an ephemeral port and answers every route', async () => {
    server = await startServer({ emulator: makeEmulator(), port: 0, logStream: captureLogs().stream });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const res = await fetch(`${server.url}/invoke/Echo%3Aecho`, { method: 'POST', headers: json, body: JSON.stringify({ input: { n: 4 } }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 4, echoed: { n: 4 }, errorCode: 'INVOKE-200', error: 'OK' });
    const bad = await fetch(`${server.url}/invoke/Echo:echo`, { method: 'POST', headers: json, body: '{"input":' });
    expect(bad.status).toBe(400);
    const after = await fetch(`${server.url}/services`);
    expect(after.status).toBe(200);
  });

  test('500 concurrent invocations are all answered, each with its own output', async () => {
    server = await startServer({ emulator: makeEmulator(), port: 0, logStream: captureLogs().stream });
    const url = `${server.url}/invoke/Echo:echo`;
    const results = await Promise.all(
      Array.from({ length: 500 }, async (_, n) => {
        const res = await fetch(url, { method: 'POST', headers: json, body: JSON.stringify({ input: { n } }) });
        return { status: res.status, body: (await res.json()) as { n: number; errorCode: string } };
      }),
    );
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    results.forEach((r, n) => expect(r.body).toMatchObject({ n, errorCode: 'INVOKE-200' }));
  });

  test('a token guards the socket too', async () => {
    server = await startServer({ emulator: makeEmulator(), port: 0, token: 'tok', logStream: captureLogs().stream });
    const denied = await fetch(`${server.url}/services`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ errorCode: 'INVOKE-401' });
    const allowed = await fetch(`${server.url}/services`, { headers: { authorization: 'Bearer tok' } });
    expect(allowed.status).toBe(200);
  });

  test('close() lets an in-flight request finish with 200, then resolves and refuses new connections', async () => {
    const gate = new Gate();
    const running = await startServer({ emulator: makeEmulator([testPlugin(gate)]), port: 0, logStream: captureLogs().stream });
    const inFlight = fetch(`${running.url}/invoke/Echo:sleep`, { method: 'POST', headers: json, body: '{}' });
    await gate.entered;

    let closed = false;
    const closing = running.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);

    gate.open();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ slept: true, errorCode: 'INVOKE-200', error: 'OK' });
    await closing;
    expect(closed).toBe(true);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  test('close() does not hang on an idle keep-alive connection', async () => {
    const running = await startServer({ emulator: makeEmulator(), port: 0, logStream: captureLogs().stream });
    const res = await fetch(`${running.url}/healthz`, { headers: { connection: 'keep-alive' } });
    await res.json();
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a port already in use rejects startServer with the listen error', async () => {
    server = await startServer({ emulator: makeEmulator(), port: 0, logStream: captureLogs().stream });
    const port = Number(new URL(server.url).port);
    await expect(startServer({ emulator: makeEmulator(), port, logStream: captureLogs().stream })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
