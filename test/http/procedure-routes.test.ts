import type { FastifyInstance } from 'fastify';
import { buildServer, startServer } from '../../src/http/server';
import { captureLogs, postJson } from './helpers';
import { procedureEmulator, RecordedRun } from './fake-procedures';

const TOKEN = 'a-token-of-thirty-two-characters';

describe('ipemu serve: Integration Procedure routes (inject)', () => {
  let app: FastifyInstance;
  let runs: RecordedRun[];
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    runs = [];
    logs = captureLogs();
    app = buildServer({ emulator: procedureEmulator(runs), logStream: logs.stream });
  });
  afterEach(() => app.close());

  const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) => postJson(app, url, payload, headers);

  describe('POST /procedures/<Type_SubType>', () => {
    test('answers the envelope { IPResult, errorCode: INVOKE-200, error: OK } with 200', async () => {
      const res = await post('/procedures/Demo_Echo', { input: { policy: 'P-1' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ IPResult: { policy: 'P-1' }, errorCode: 'INVOKE-200', error: 'OK' });
    });

    test('passes options (trace, test, timeout) to the run, and the envelope keeps the trace', async () => {
      const res = await post('/procedures/Demo_Echo', { input: {}, options: { trace: true, test: true, timeout: 5000 } });
      expect(res.statusCode).toBe(200);
      expect(runs[0]!.options).toEqual({ trace: true, test: true, timeout: 5000 });
      expect(res.json().trace).toEqual([{ name: 'Step1', type: 'Set Values', status: 'ran', ms: 0.25, output: { echoed: true } }]);
    });

    test('no body runs on {} like an empty { input, options }', async () => {
      const res = await app.inject({ method: 'POST', url: '/procedures/Demo_Echo' });
      expect(res.statusCode).toBe(200);
      expect(res.json().IPResult).toEqual({});
    });

    test('a failed run answers its failure envelope with the status of the error table', async () => {
      const cases: [string, number][] = [
        ['ORG_ERROR', 502],
        ['NOT_IMPLEMENTED', 501],
        ['TIMEOUT', 504],
        ['FORBIDDEN', 403],
      ];
      for (const [code, status] of cases) {
        const res = await post('/procedures/Demo_Echo', { input: { failWith: code } });
        expect(res.statusCode).toBe(status);
        expect(res.json()).toMatchObject({ errorCode: `INVOKE-${status}`, details: { element: 'Step1', type: 'Remote Action' } });
      }
    });

    test('an unknown key is 404 INVOKE-404; a key that is not Type_SubType is 400', async () => {
      const unknown = await post('/procedures/Nope_Missing', {});
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().errorCode).toBe('INVOKE-404');
      const malformed = await post('/procedures/NoUnderscore', {});
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().errorCode).toBe('INVOKE-400');
    });

    test('an input that is not a JSON object is 400 INVOKE-400 and runs nothing', async () => {
      for (const body of [{ input: [1, 2] }, { input: 'text' }, { input: null }, [1]]) {
        const res = await post('/procedures/Demo_Echo', body);
        expect(res.statusCode).toBe(400);
        expect(res.json().errorCode).toBe('INVOKE-400');
      }
      expect(runs).toHaveLength(0);
    });

    test('the request log line carries the run INVOKE code', async () => {
      await post('/procedures/Demo_Echo', { input: { failWith: 'ORG_ERROR' } });
      expect(logs.lines().some((line) => line.errorCode === 'INVOKE-502')).toBe(true);
    });
  });

  describe('Apex REST /services/apexrest/<ns>/v1/integrationprocedure/<Type_SubType>/', () => {
    test('POST answers the IP response itself (no envelope) for every namespace and none, with or without the trailing slash', async () => {
      for (const ns of ['vlocity_ins/', 'vlocity_cmt/', 'vlocity_ps/', 'omnistudio/', '']) {
        for (const slash of ['/', '']) {
          const res = await post(`/services/apexrest/${ns}v1/integrationprocedure/Demo_Echo${slash}`, { policy: 'P-1' });
          expect(res.statusCode).toBe(200);
          expect(res.json()).toEqual({ policy: 'P-1' });
        }
      }
    });

    test('GET takes the query parameters as input: strings, a repeated one as a list', async () => {
      const res = await app.inject({ method: 'GET', url: '/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/?ref=REF-1&tag=a&tag=b' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ref: 'REF-1', tag: ['a', 'b'] });
    });

    test('a namespace outside vlocity_ins, vlocity_cmt, vlocity_ps and omnistudio is no route (404)', async () => {
      const res = await post('/services/apexrest/acme/v1/integrationprocedure/Demo_Echo/', {});
      expect(res.statusCode).toBe(404);
      expect(runs).toHaveLength(0);
    });

    test('the key is case-sensitive: demo_echo is 404 INVOKE-404', async () => {
      const res = await post('/services/apexrest/vlocity_ins/v1/integrationprocedure/demo_echo/', {});
      expect(res.statusCode).toBe(404);
      expect(res.json().errorCode).toBe('INVOKE-404');
    });

    test("a Response Action's StatusCode sets the status; header-safe entries become headers, the rest are dropped", async () => {
      const res = await post('/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Created/', {});
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ created: true });
      expect(res.headers['x-request-id']).toBe('abc-1');
      expect(res.headers['x-split']).toBeUndefined();
      expect(res.headers['injected']).toBeUndefined();
      expect(res.headers['content-length']).not.toBe('3');
    });

    test('a failed run answers the failure map (code, message, details) with the table status, without the trace', async () => {
      const res = await post('/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/', { failWith: 'ORG_ERROR' });
      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({ errorCode: 'INVOKE-502', error: 'Step1 failed: ORG_ERROR', details: { element: 'Step1', type: 'Remote Action' } });
    });

    test('a JSON body that is not an object is 400 INVOKE-400', async () => {
      const res = await post('/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/', [1, 2]);
      expect(res.statusCode).toBe(400);
      expect(res.json().errorCode).toBe('INVOKE-400');
    });
  });

  describe('Connect API /services/data/vXX.X/connect/omni-global/integration-procedure/execute/<Type_SubType>', () => {
    const connect = (body: unknown, key = 'Demo_Echo', version = 'v64.0') =>
      post(`/services/data/${version}/connect/omni-global/integration-procedure/execute/${key}`, body);

    test('each entry of input.inputs (a JSON string) is one run; response lists the IP responses in order, status Success', async () => {
      const res = await connect({ input: { inputs: ['{"n":1}', '{"n":2}'] }, options: { ignoreCache: false } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ error: null, response: [{ n: 1 }, { n: 2 }], status: 'Success' });
      expect(runs.map((r) => r.input)).toEqual([{ n: 1 }, { n: 2 }]);
      expect(runs[0]!.options).toEqual({ ignoreCache: false });
    });

    test('an entry that is already an object is taken as it is; no inputs is one run on {}', async () => {
      expect((await connect({ input: { inputs: [{ n: 3 }] } })).json().response).toEqual([{ n: 3 }]);
      expect((await connect({})).json().response).toEqual([{}]);
    });

    test('the first failed run stops the rest: status Error, its message, its failure map last, the table status', async () => {
      const res = await connect({ input: { inputs: ['{"n":1}', '{"failWith":"ORG_ERROR"}', '{"n":3}'] } });
      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({
        error: 'Step1 failed: ORG_ERROR',
        response: [{ n: 1 }, { errorCode: 'INVOKE-502', error: 'Step1 failed: ORG_ERROR', details: { element: 'Step1', type: 'Remote Action' } }],
        status: 'Error',
      });
      expect(runs).toHaveLength(2);
    });

    test('an unknown key answers status Error with 404', async () => {
      const res = await connect({ input: { inputs: ['{}'] } }, 'Nope_Missing');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 'Error', response: [{ errorCode: 'INVOKE-404' }] });
    });

    test('an inputs entry that is not JSON, or an input that is not an object, is 400 status Error', async () => {
      for (const body of [{ input: { inputs: ['{not json'] } }, { input: { inputs: '{}' } }, { input: 'x' }, { input: { inputs: ['[1]'] } }]) {
        const res = await connect(body);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ status: 'Error', response: [{ errorCode: 'INVOKE-400' }] });
      }
    });

    test('versions before v64.0, and a version that is not vNN.N, have no such resource (404)', async () => {
      for (const version of ['v63.0', 'v20.0', '64.0', 'vlatest']) {
        const res = await connect({}, 'Demo_Echo', version);
        expect(res.statusCode).toBe(404);
      }
      expect(runs).toHaveLength(0);
    });
  });

  test('malformed JSON is 400 INVOKE-400 and a body over 1 MiB is 413, on every procedure route', async () => {
    const urls = [
      '/procedures/Demo_Echo',
      '/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/',
      '/services/data/v64.0/connect/omni-global/integration-procedure/execute/Demo_Echo',
    ];
    for (const url of urls) {
      const bad = await post(url, '{"input":');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errorCode).toBe('INVOKE-400');
      const big = await post(url, JSON.stringify({ input: { s: 'x'.repeat(1024 * 1024) } }));
      expect(big.statusCode).toBe(413);
      expect(big.json().errorCode).toBe('INVOKE-400');
    }
    expect(runs).toHaveLength(0);
  });
});

describe('ipemu serve with a token: the procedure routes need it like every route', () => {
  let app: FastifyInstance;
  beforeEach(() => {
    app = buildServer({ emulator: procedureEmulator(), token: TOKEN, logLevel: 'silent' });
  });
  afterEach(() => app.close());

  test('without the bearer token each procedure route is 401 INVOKE-401; with it, 200', async () => {
    const routes: [string, string][] = [
      ['POST', '/procedures/Demo_Echo'],
      ['POST', '/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/'],
      ['GET', '/services/apexrest/v1/integrationprocedure/Demo_Echo/'],
      ['POST', '/services/data/v64.0/connect/omni-global/integration-procedure/execute/Demo_Echo'],
    ];
    for (const [method, url] of routes) {
      const refused = await app.inject({ method: method as 'GET' | 'POST', url });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().errorCode).toBe('INVOKE-401');
      const allowed = await app.inject({ method: method as 'GET' | 'POST', url, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.statusCode).toBe(200);
    }
  });
});

describe('ipemu serve over a real loopback socket', () => {
  test('POST to the Apex REST route answers the IP response', async () => {
    const server = await startServer({ emulator: procedureEmulator(), host: '127.0.0.1', port: 0, logLevel: 'silent' });
    try {
      const res = await fetch(`${server.url}/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ policy: 'P-9' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ policy: 'P-9' });
    } finally {
      await server.close();
    }
  });
});
