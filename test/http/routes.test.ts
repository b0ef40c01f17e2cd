import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server';
import { captureLogs, Gate, makeEmulator, postJson, testPlugin } from './helpers';

describe('HTTP routes (inject)', () => {
  let app: FastifyInstance;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    logs = captureLogs();
    app = buildServer({ emulator: makeEmulator(), logStream: logs.stream });
  });
  afterEach(() => app.close());

  const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) => postJson(app, url, payload, headers);

  test('GET /healthz answers {"status":"ok"}', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  test('GET /services lists key, description and input schema of each service', async () => {
    const res = await app.inject({ method: 'GET', url: '/services' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<{ key: string; description: string; inputSchema: object }[]>();
    expect(body.map((s) => s.key).sort()).toEqual(['Echo:echo', 'Echo:fail', 'Echo:sleep']);
    expect(body.find((s) => s.key === 'Echo:echo')).toEqual({
      key: 'Echo:echo',
      description: 'Returns its input.',
      inputSchema: { type: 'object', properties: { n: { type: 'integer' }, name: { type: 'string' } } },
    });
  });

  test('POST /invoke/<Class:Method> with a raw colon returns the output map with INVOKE-200', async () => {
    const res = await post('/invoke/Echo:echo', { input: { n: 7 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 7, echoed: { n: 7 }, errorCode: 'INVOKE-200', error: 'OK' });
  });

  test('the colon may be URL-encoded (%3A and %3a)', async () => {
    for (const url of ['/invoke/Echo%3Aecho', '/invoke/Echo%3aecho']) {
      const res = await post(url, { input: { n: 3 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ n: 3, errorCode: 'INVOKE-200' });
    }
  });

  test('input and options are optional: no body, an empty JSON body and {} all invoke with {}', async () => {
    const noBody = await app.inject({ method: 'POST', url: '/invoke/Echo:echo' });
    const emptyJson = await post('/invoke/Echo:echo', '');
    const emptyObject = await post('/invoke/Echo:echo', {});
    for (const res of [noBody, emptyJson, emptyObject]) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ echoed: {}, errorCode: 'INVOKE-200', error: 'OK' });
    }
  });

  test('options reach invoke: an invalid timeout is INVOKE-400 and a short one times out with 504', async () => {
    const bad = await post('/invoke/Echo:sleep', { input: {}, options: { timeout: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('timeout') });
    // The handler waits on a gate that stays shut, and timers are fake: only the 20 ms deadline can answer.
    const gate = new Gate();
    const gated = buildServer({ emulator: makeEmulator([testPlugin(gate)]), logStream: captureLogs().stream });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask'] });
    try {
      let slow: Awaited<ReturnType<typeof post>> | undefined;
      const pending = gated
        .inject({
          method: 'POST',
          url: '/invoke/Echo:sleep',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ options: { timeout: 20 } }),
        })
        .then((res) => (slow = res));
      await gate.entered;
      await jest.advanceTimersByTimeAsync(19);
      expect(slow).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      await pending;
      expect(slow?.statusCode).toBe(504);
      expect(slow?.json()).toEqual({ errorCode: 'INVOKE-504', error: 'The invocation did not finish within 20 ms.' });
    } finally {
      jest.useRealTimers();
      gate.open();
      await gated.close();
    }
  });

  test.each([
    ['INVALID_INPUT', 400, 'INVOKE-400'],
    ['FORBIDDEN', 403, 'INVOKE-403'],
    ['NOT_FOUND', 404, 'INVOKE-404'],
    ['INTERNAL', 500, 'INVOKE-500'],
    ['ORG_ERROR', 502, 'INVOKE-502'],
    ['TIMEOUT', 504, 'INVOKE-504'],
  ])('a handler outcome %s answers HTTP %i with %s', async (code, status, invoke) => {
    const res = await post('/invoke/Echo:fail', { input: { code } });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ errorCode: invoke, error: `raised ${code}` });
  });

  test('an org refusal is 502 and a crashing handler is 500 without its message or stack', async () => {
    const org = await post('/invoke/Echo:fail', { input: { code: 'ORG' } });
    expect(org.statusCode).toBe(502);
    expect(org.json()).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'REQUEST_LIMIT_EXCEEDED' } });
    const crash = await post('/invoke/Echo:fail', { input: { code: 'CRASH' } });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toEqual({ errorCode: 'INVOKE-500', error: 'An internal server error has occurred.' });
    expect(crash.body).not.toMatch(/secret internals|at line|\.ts:/);
  });

  test('a schema violation is INVOKE-400 naming the key', async () => {
    const res = await post('/invoke/Echo:echo', { input: { n: 'seven' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('n must be integer') });
  });

  test('an unknown service is 404 INVOKE-404 and a malformed key is 400', async () => {
    const unknown = await post('/invoke/Nope:nothing', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errorCode: 'INVOKE-404', error: 'Service Nope:nothing was not found.' });
    const malformed = await post('/invoke/no-colon-here', {});
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ errorCode: 'INVOKE-400' });
  });

  test('malformed JSON is 400 INVOKE-400 without echoing the body, and the server keeps answering', async () => {
    const res = await post('/invoke/Echo:echo', '{"input": {"name": "Jane Doe"');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errorCode: 'INVOKE-400', error: 'The request body is not valid JSON.' });
    expect(res.body).not.toContain('Jane');
    const after = await post('/invoke/Echo:echo', { input: { n: 1 } });
    expect(after.statusCode).toBe(200);
  });

  test.each([
    ['an array body', [1, 2]],
    ['a string body', '"text"'],
    ['a number body', '42'],
    ['a null body', 'null'],
  ])('%s is 400 INVOKE-400', async (_name, payload) => {
    const res = await post('/invoke/Echo:echo', typeof payload === 'string' ? payload : JSON.stringify(payload));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('body must be a JSON object') });
  });

  test.each([
    ['input', { input: [1] }],
    ['input', { input: 'x' }],
    ['input', { input: null }],
    ['options', { input: {}, options: [] }],
    ['options', { input: {}, options: 5 }],
  ])('a non-object %s is 400 INVOKE-400 naming it', async (name, payload) => {
    const res = await post('/invoke/Echo:echo', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errorCode: 'INVOKE-400', error: `"${name}" must be a JSON object.` });
  });

  test('null options mean no options', async () => {
    const res = await post('/invoke/Echo:echo', { input: { n: 2 }, options: null });
    expect(res.statusCode).toBe(200);
  });

  test('a body over 1 MiB is 413 with an INVOKE-400 map; exactly at the limit is read', async () => {
    const filler = (size: number) => {
      const frame = JSON.stringify({ input: { name: '' } });
      return JSON.stringify({ input: { name: 'x'.repeat(size - frame.length) } });
    };
    const over = await post('/invoke/Echo:echo', filler(1024 * 1024 + 1));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('1048576') });
    const at = await post('/invoke/Echo:echo', filler(1024 * 1024));
    expect(at.statusCode).toBe(200);
  });

  test('bodyLimit is configurable', async () => {
    const small = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream, bodyLimit: 64 });
    const res = await small.inject({
      method: 'POST',
      url: '/invoke/Echo:echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ input: { name: 'y'.repeat(100) } }),
    });
    expect(res.statusCode).toBe(413);
    await small.close();
  });

  test('a content type other than JSON is 415 INVOKE-400 (text/plain too)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await app.inject({ method: 'POST', url: '/invoke/Echo:echo', headers: { 'content-type': type }, payload: 'input=1' });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('application/json') });
    }
  });

  test('JSON with a charset parameter is accepted', async () => {
    const res = await post('/invoke/Echo:echo', JSON.stringify({ input: { n: 5 } }), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.statusCode).toBe(200);
  });

  test('an unknown route is 404 INVOKE-404; a method the route does not take is 405 INVOKE-400 naming the ones it does', async () => {
    const route = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(route.statusCode).toBe(404);
    expect(route.json()).toEqual({ errorCode: 'INVOKE-404', error: 'No route GET /nowhere.' });
    const method = await app.inject({ method: 'GET', url: '/invoke/Echo:echo' });
    expect(method.statusCode).toBe(405);
    expect(method.json()).toEqual({ errorCode: 'INVOKE-400', error: "HTTP Method 'GET' not allowed. Allowed are POST" });
    expect(method.headers.allow).toBe('POST');
  });

  test('proto-poisoning JSON is refused as INVOKE-400', async () => {
    const res = await post('/invoke/Echo:echo', '{"input": {"__proto__": {"polluted": true}}}');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-400' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('each request is logged once as JSON with request id, key, errorCode, status and duration, and no input', async () => {
    await post('/invoke/Echo:echo', { input: { name: 'Jane Doe', n: 9 } });
    await post('/invoke/Echo:fail', { input: { code: 'NOT_FOUND' } });
    await app.inject({ method: 'GET', url: '/healthz' });
    const lines = logs.lines().filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, method: 'POST', route: '/invoke/:key', key: 'Echo:echo', status: 200, errorCode: 'INVOKE-200' });
    expect(typeof lines[0]!.reqId).toBe('string');
    expect(typeof lines[0]!.ms).toBe('number');
    expect(lines[1]).toMatchObject({ key: 'Echo:fail', status: 404, errorCode: 'INVOKE-404' });
    expect(lines[2]).toMatchObject({ route: '/healthz', status: 200 });
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(3);
    expect(logs.text()).not.toContain('Jane Doe');
    expect(logs.text()).not.toMatch(/"input"|"headers"/);
  });

  test('a crashed invocation is logged as INVOKE-500 without the crash message', async () => {
    const res = await post('/invoke/Echo:fail', { input: { code: 'CRASH' } });
    expect(res.statusCode).toBe(500);
    const line = logs.lines().find((l) => l.msg === 'request');
    expect(line).toMatchObject({ errorCode: 'INVOKE-500', status: 500 });
    expect(logs.text()).not.toContain('secret internals');
  });

  test('an error thrown inside a route becomes INVOKE-500 with no stack in the response, logged at error level', async () => {
    const extra = buildServer({ emulator: makeEmulator(), logStream: logs.stream });
    extra.get('/boom', async () => {
      throw new Error('boom at /work/main/src/secret.ts:12');
    });
    const res = await extra.inject({ method: 'GET', url: '/boom' });
    await extra.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ errorCode: 'INVOKE-500', error: 'An internal server error has occurred.' });
    expect(res.body).not.toMatch(/secret\.ts|stack/);
    expect(logs.lines().some((l) => l.level === 50 && l.msg === 'unexpected server error')).toBe(true);
  });

  test('logLevel filters the lines, and an unknown level is refused at build time', async () => {
    const quiet = captureLogs();
    const warnOnly = buildServer({ emulator: makeEmulator(), logStream: quiet.stream, logLevel: 'warn' });
    await warnOnly.inject({ method: 'GET', url: '/healthz' });
    await warnOnly.close();
    expect(quiet.lines().filter((l) => l.msg === 'request')).toHaveLength(0);
    expect(() => buildServer({ emulator: makeEmulator(), logLevel: 'loud' })).toThrow(/Unknown log level "loud"/);
  });
});
