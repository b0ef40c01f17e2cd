// Every failure status /openapi.json documents is one the route can send: its INVOKE codes are the
// error table's for that status (or INVOKE-400 under a status HTTP needs of its own), and a real
// reply of each status on a test service matches the documented schema.
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ErrorCode, httpStatusOf } from '../../src/core/errors';
import { buildOpenApi } from '../../src/http/openapi';
import { TRANSPORT_STATUSES } from '../../src/http/openapi-responses';
import { buildServer, startServer } from '../../src/http/server';
import { createEmulator } from '../../src/ipemu';
import { bodySchemaOf, OpenApiDoc, Operation, operationsOf, Part, validatorOf } from './openapi-doc';
import { captureLogs, makeEmulator, postJson, tinyOrg } from './helpers';

/** The errorCode consts a schema admits, through its references, anyOf and allOf. */
function errorCodesOf(doc: OpenApiDoc, schema: unknown, seen = new Set<unknown>()): string[] {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return [];
  seen.add(schema);
  const part = schema as Part;
  if (typeof part.$ref === 'string') return errorCodesOf(doc, doc.components.schemas?.[part.$ref.split('/').pop()!], seen);
  const own = (part.properties as { errorCode?: { const?: string } } | undefined)?.errorCode?.const;
  const nested = [...((part.anyOf as unknown[]) ?? []), ...((part.allOf as unknown[]) ?? [])].flatMap((s) => errorCodesOf(doc, s, seen));
  return [...(own === undefined ? [] : [own]), ...nested];
}

describe.each([false, true])('documented failure statuses of the demo document (token: %s)', (bearerAuth) => {
  const doc = buildOpenApi(createEmulator({ org: tinyOrg }), { bearerAuth }) as unknown as OpenApiDoc;

  test('each carries only the INVOKE codes the error table (or the transport) gives that status', () => {
    const checked: string[] = [];
    for (const { path, method, op } of operationsOf(doc)) {
      for (const status of Object.keys(op.responses).filter((s) => /^[45]\d\d$/.test(s))) {
        const codes = [...new Set(errorCodesOf(doc, bodySchemaOf(doc, op, status)))].filter((c) => c !== 'INVOKE-200');
        const where = `${method.toUpperCase()} ${path} ${status}`;
        // The Connect API's run failures carry their code inside `response`, not at the top.
        if (codes.length === 0) {
          expect({ where, body: bodySchemaOf(doc, op, status) }).toEqual({ where, body: { $ref: '#/components/schemas/ConnectExecuteError' } });
          continue;
        }
        const n = Number(status);
        const transport = TRANSPORT_STATUSES[n] !== undefined;
        for (const code of codes) {
          // A transport status carries INVOKE-400; any other, only codes the table gives that status.
          const fits = transport ? code === 'INVOKE-400' : httpStatusOf(code) === n;
          expect({ where, code, fits }).toEqual({ where, code, fits: true });
        }
        checked.push(where);
      }
    }
    expect(checked.length).toBeGreaterThan(100);
  });

  test('401 only with a token, 421 (the Host rule) only without; /healthz never 401', () => {
    for (const { path, op } of operationsOf(doc)) {
      expect({ path, has401: '401' in op.responses }).toEqual({ path, has401: bearerAuth && path !== '/healthz' });
      expect({ path, has421: '421' in op.responses }).toEqual({ path, has421: !bearerAuth });
    }
  });
});

describe('a real reply of every status documented for a service', () => {
  const token = 'a-token-of-enough-length';
  const docOf = (bearerAuth: boolean) => buildOpenApi(makeEmulator(), { bearerAuth }) as unknown as OpenApiDoc;
  const failOp = (doc: OpenApiDoc) => doc.paths['/invoke/Echo:fail']!.post as Operation;
  let open: FastifyInstance;
  let secured: FastifyInstance;
  let small: FastifyInstance;
  beforeAll(() => {
    open = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
    secured = buildServer({ emulator: makeEmulator(), token, logStream: captureLogs().stream });
    small = buildServer({ emulator: makeEmulator(), bodyLimit: 64, logStream: captureLogs().stream });
  });
  afterAll(async () => {
    await Promise.all([open.close(), secured.close(), small.close()]);
  });

  const codeFor: Partial<Record<number, ErrorCode | 'CRASH'>> = {
    400: 'INVALID_INPUT',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    500: 'CRASH',
    501: 'NOT_IMPLEMENTED',
    504: 'TIMEOUT',
  };
  const replyOf = async (status: number): Promise<{ statusCode: number; json(): unknown }> => {
    const url = '/invoke/Echo:fail';
    if (status === 401) return secured.inject({ method: 'POST', url, payload: {} });
    if (status === 413) return postJson(small, url, { input: { code: 'x'.repeat(100) } });
    if (status === 415) return open.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    if (status === 421) return postJson(open, url, { input: { code: 'NOT_FOUND' } }, { host: 'rebound.example' });
    if (status === 502) return postJson(open, url, { input: { code: 'ORG' } });
    return postJson(open, url, { input: { code: codeFor[status] } });
  };

  test.each([false, true])('each status of POST /invoke/Echo:fail (token: %s) is answered with a body its schema accepts', async (bearerAuth) => {
    const doc = docOf(bearerAuth);
    const statuses = Object.keys(failOp(doc).responses).filter((s) => s !== '200');
    expect(statuses.length).toBeGreaterThan(8);
    for (const status of statuses) {
      const res = await replyOf(Number(status));
      const validate = validatorOf(doc, bodySchemaOf(doc, failOp(doc), status)!);
      const body = res.json();
      expect({ status, got: res.statusCode, errors: validate(body) ? [] : validate.errors }).toEqual({ status, got: Number(status), errors: [] });
    }
  });

  test('/healthz: 431 for headers too large, as documented, in the INVOKE-400 map', async () => {
    const doc = docOf(true);
    const op = doc.paths['/healthz']!.get as Operation;
    expect(Object.keys(op.responses)).toEqual(['200', '431']);
    const running = await startServer({ emulator: makeEmulator(), token, port: 0, logStream: captureLogs().stream });
    try {
      const { port } = new URL(running.url);
      // A raw socket: node's own client would refuse to send what the server must refuse.
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
        );
        let received = '';
        socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received));
        socket.on('error', (err) => (received ? resolve(received) : reject(err)));
      });
      const statusCode = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      const validate = validatorOf(doc, bodySchemaOf(doc, op, '431')!);
      expect({ statusCode, valid: validate(JSON.parse(body)) }).toEqual({ statusCode: 431, valid: true });
    } finally {
      await running.close();
    }
  });
});
