import { assembleEmulator } from '../../src/core/emulator';
import { defineService, MethodDefinition } from '../../src/core/define-service';
import { IpemuError } from '../../src/core/errors';
import type { Org } from '../../src/core/org';
import { MAX_OUTPUT_CHARS } from '../../src/core/settle';
import { cyclic, HUGE, revokedProxy, selfThrowingName, throwingGetter, trappingProxy } from './hostile-values';

/**
 * Issue 12 item 4: whatever a handler throws or returns ends as a plain, JSON-serialisable output
 * map; INVOKE-500 for what cannot be serialised or is not an output map, and no rejection escapes.
 */

const org: Org = {
  cacheKey: 'none',
  query: () => Promise.reject(new Error('no org in this test')),
  describe: () => Promise.reject(new Error('no org in this test')),
};

type Handler = MethodDefinition['handler'];

interface Row {
  name: string;
  handler: Handler;
  code: string;
  /** Checked against `error`, when the message matters. */
  error?: RegExp;
  /** Further keys the answer must hold. */
  has?: Record<string, unknown>;
}

const ASYNC_THROW = (value: unknown): Handler => {
  return async () => {
    await Promise.resolve();
    throw value;
  };
};
const SYNC_THROW = (value: unknown): Handler => {
  return () => {
    throw value;
  };
};
const RETURN = (value: unknown): Handler => {
  return () => value as Record<string, unknown>;
};

/** Error's constructor makes `message` an own property, so the getter goes on the instance. */
function hostileMessage(): IpemuError {
  const err = new IpemuError('NOT_FOUND', 'x');
  return Object.defineProperty(err, 'message', {
    get: () => {
      throw err;
    },
  });
}

function thenable(then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): Record<string, unknown> {
  return { then };
}

function replacedThen(): Promise<unknown> {
  const promise = Promise.resolve({ kept: true });
  void Object.defineProperty(promise, 'then', {
    value: () => {
      throw new Error('replaced then');
    },
  });
  return promise;
}

function throwingConstructor(): Promise<unknown> {
  const promise = Promise.resolve({ kept: true });
  void Object.defineProperty(promise, 'constructor', {
    get: () => {
      throw new Error('constructor getter');
    },
  });
  return promise;
}

const INTERNAL = /^An internal server error has occurred\.$/;
const NOT_JSON = /^The answer of Hostile:\w+ is not a JSON output map: /;

const rows: Row[] = [
  { name: 'throws (async) an object whose name getter rethrows it', handler: ASYNC_THROW(selfThrowingName()), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws (sync) an object whose name getter rethrows it', handler: SYNC_THROW(selfThrowingName()), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws a Proxy whose every trap throws', handler: ASYNC_THROW(trappingProxy()), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws a revoked Proxy', handler: SYNC_THROW(revokedProxy()), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws a BigInt', handler: SYNC_THROW(10n), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws a Symbol', handler: SYNC_THROW(Symbol('s')), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws undefined', handler: ASYNC_THROW(undefined), code: 'INVOKE-500', error: INTERNAL },
  { name: 'throws a 50 MB string', handler: ASYNC_THROW(HUGE), code: 'INVOKE-500', error: INTERNAL },
  {
    name: 'throws an IpemuError with cyclic details',
    handler: SYNC_THROW(new IpemuError('NOT_FOUND', 'gone', cyclic())),
    code: 'INVOKE-500',
    error: /is not a JSON output map: a cycle at details\.self\.$/,
  },
  {
    name: 'throws an IpemuError with a 50 MB message',
    handler: SYNC_THROW(new IpemuError('NOT_FOUND', HUGE)),
    code: 'INVOKE-500',
    error: /: more than 4194304 characters at error\.$/,
  },
  {
    name: 'throws an IpemuError with a code not in the table',
    handler: SYNC_THROW(new IpemuError('NOPE' as never, 'x')),
    code: 'INVOKE-500',
    error: /code that is not in ipemu's error table/,
  },
  { name: 'throws an IpemuError whose message getter throws', handler: SYNC_THROW(hostileMessage()), code: 'INVOKE-500', error: INTERNAL },
  {
    name: 'throws an IpemuError of the table: its own code and message',
    handler: SYNC_THROW(new IpemuError('FORBIDDEN', 'No access.')),
    code: 'INVOKE-403',
    error: /^No access\.$/,
  },
  { name: 'returns a cyclic map', handler: RETURN(cyclic()), code: 'INVOKE-500', error: /: a cycle at self\.$/ },
  { name: 'returns a BigInt value', handler: RETURN({ count: 1n }), code: 'INVOKE-500', error: /: a BigInt at count\.$/ },
  {
    name: 'returns a map whose errorCode getter throws',
    handler: RETURN(throwingGetter('errorCode')),
    code: 'INVOKE-500',
    error: /: a value that threw when read at errorCode\.$/,
  },
  { name: 'returns a map whose error getter throws', handler: RETURN(throwingGetter('error')), code: 'INVOKE-500', error: NOT_JSON },
  {
    name: 'returns a map whose toJSON throws',
    handler: RETURN({
      toJSON: () => {
        throw new Error('toJSON');
      },
    }),
    code: 'INVOKE-500',
    error: NOT_JSON,
  },
  { name: 'returns a map whose then getter throws', handler: RETURN(throwingGetter('then')), code: 'INVOKE-500', error: INTERNAL },
  { name: 'returns a Proxy whose every trap throws', handler: RETURN(trappingProxy()), code: 'INVOKE-500', error: INTERNAL },
  { name: 'returns a revoked Proxy', handler: RETURN(revokedProxy()), code: 'INVOKE-500', error: INTERNAL },
  {
    name: 'returns a map holding a Proxy whose every trap throws',
    handler: RETURN({ details: trappingProxy() }),
    code: 'INVOKE-500',
    error: /threw when read at details\.$/,
  },
  { name: 'returns a map with a 50 MB string', handler: RETURN({ big: HUGE }), code: 'INVOKE-500', error: /: more than 4194304 characters at big\.$/ },
  {
    name: 'returns a non-string error',
    handler: RETURN({ errorCode: 'INVOKE-404', error: 42 }),
    code: 'INVOKE-500',
    error: /answered INVOKE-404 with number as error, not a string message/,
  },
  {
    name: 'returns an errorCode not in the table',
    handler: RETURN({ errorCode: 'INVOKE-999', error: 'x' }),
    code: 'INVOKE-500',
    error: /errorCode "INVOKE-999", which is not an INVOKE code of ipemu's error table/,
  },
  {
    name: 'returns a numeric errorCode',
    handler: RETURN({ errorCode: 404, error: 'x' }),
    code: 'INVOKE-500',
    error: /errorCode number, which is not an INVOKE code/,
  },
  { name: 'returns a string', handler: RETURN('text'), code: 'INVOKE-500', error: /answered string, not an output map/ },
  { name: 'returns an array', handler: RETURN([1]), code: 'INVOKE-500', error: /answered an array, not an output map/ },
  { name: 'returns nothing', handler: RETURN(undefined), code: 'INVOKE-500', error: /answered undefined, not an output map/ },
  {
    name: 'returns a thenable that resolves twice: the first wins',
    handler: RETURN(thenable((ok) => (ok({ first: 1 }), ok({ second: 2 })))),
    code: 'INVOKE-200',
    has: { first: 1 },
  },
  {
    name: 'returns a thenable that resolves, then rejects, then throws',
    handler: RETURN(
      thenable((ok, fail) => {
        ok({ first: 1 });
        fail(selfThrowingName());
        throw selfThrowingName() as unknown;
      }),
    ),
    code: 'INVOKE-200',
    has: { first: 1 },
  },
  {
    name: 'returns a thenable that rejects with a hostile value',
    handler: RETURN(thenable((_ok, fail) => fail(trappingProxy()))),
    code: 'INVOKE-500',
    error: INTERNAL,
  },
  {
    name: 'returns a thenable that never settles: INVOKE-504 at its timeout',
    handler: RETURN(thenable(() => undefined)),
    code: 'INVOKE-504',
    error: /^The invocation did not finish within 50 ms\.$/,
  },
  { name: 'returns a promise whose own then was replaced by a throwing one', handler: RETURN(replacedThen()), code: 'INVOKE-200', has: { kept: true } },
  { name: 'returns a promise whose constructor getter throws', handler: RETURN(throwingConstructor()), code: 'INVOKE-500', error: INTERNAL },
];

const methods: Record<string, MethodDefinition> = {};
rows.forEach((row, i) => (methods[`m${i}`] = { description: row.name, input: { type: 'object' }, handler: row.handler }));
methods.fine = { description: 'answers', input: { type: 'object' }, handler: () => ({ fine: true }) };
const emu = assembleEmulator({ services: [defineService('Hostile', methods)], org });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

/** Lets every pending job and rejection report run, so an unhandled one is seen by the listener. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('a handler that throws or returns a hostile value still gets a plain output map', () => {
  it.each(rows.map((row, i) => [row.name, i, row] as const))('%s', async (_name, i, row) => {
    const answer = await emu.invoke(`Hostile:m${i}`, {}, { timeout: row.code === 'INVOKE-504' ? 50 : 2000 });
    expect(answer.errorCode).toBe(row.code);
    expect(typeof answer.error).toBe('string');
    if (row.error) expect(answer.error).toMatch(row.error);
    if (row.has) expect(answer).toMatchObject(row.has);
    // Plain and serialisable: a fresh copy with Object.prototype, equal to its JSON round trip.
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    const text = JSON.stringify(answer);
    expect(text.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(JSON.parse(text)).toEqual(answer);
    await drain();
    expect(unhandled).toEqual([]);
  });

  it('answers a copy: the getters of what the handler returned are read once and are not in the answer', async () => {
    let reads = 0;
    const source = {
      get status(): string {
        reads += 1;
        return 'Success';
      },
    };
    const copying = assembleEmulator({
      services: [defineService('Copy', { get: { description: 'x', input: { type: 'object' }, handler: () => source } })],
      org,
    });
    const answer = await copying.invoke('Copy:get', {});
    expect(answer).toEqual({ status: 'Success', errorCode: 'INVOKE-200', error: 'OK' });
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(answer, 'status')).toMatchObject({ value: 'Success', writable: true });
  });

  it('an answer that echoes a whole 1 MiB input is still answered (the output cap leaves room for it)', async () => {
    const echo = assembleEmulator({
      services: [defineService('Echo', { echo: { description: 'x', input: { type: 'object' }, handler: (input) => ({ got: input }) } })],
      org,
    });
    const input = { s: 'x'.repeat(1_048_000) };
    await expect(echo.invoke('Echo:echo', input)).resolves.toEqual({ got: input, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it('still answers INVOKE-200 after every hostile row (the emulator stays healthy)', async () => {
    await expect(emu.invoke('Hostile:fine', {})).resolves.toEqual({ fine: true, errorCode: 'INVOKE-200', error: 'OK' });
  });
});
