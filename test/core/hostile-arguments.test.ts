import { assembleEmulator } from '../../src/core/emulator';
import { defineService, InvokeOptions } from '../../src/core/define-service';
import type { OutputMap } from '../../src/core/envelope';
import type { Org } from '../../src/core/org';
import { cyclic, HUGE, revokedProxy, throwingGetter, trappingProxy } from './hostile-values';

/**
 * Issue 12 item 12 and DESIGN.md §3: `invoke` never throws and never rejects, whatever the
 * arguments. A key that is not a string (one `String()` cannot even convert), and input or
 * options that cannot be read as JSON, are INVOKE-400 output maps.
 */

const org: Org = {
  cacheKey: 'none',
  query: () => Promise.reject(new Error('no org in this test')),
  describe: () => Promise.reject(new Error('no org in this test')),
};

let seen: { input: unknown; options: unknown } | undefined;
const echo = defineService('Echo', {
  echo: {
    description: 'Answers what it was given.',
    input: { type: 'object' },
    handler: (input, ctx) => {
      seen = { input, options: ctx.options };
      return { got: input };
    },
  },
});
const emu = assembleEmulator({ services: [echo], org });

/** Calls invoke, proving it does not throw synchronously, and awaits the answer (a rejection fails the test). */
async function answer(key: unknown, input: unknown, options?: unknown): Promise<OutputMap> {
  let pending: Promise<OutputMap> | undefined;
  expect(() => {
    pending = emu.invoke(key as string, input, options as InvokeOptions);
  }).not.toThrow();
  expect(pending).toBeInstanceOf(Promise);
  const out = await pending!;
  expect(typeof out.error).toBe('string');
  expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  return out;
}

const throwingToString = {
  toString: (): never => {
    throw new Error('toString');
  },
};

describe('invoke with a hostile key answers INVOKE-400, never a throw', () => {
  it.each<[string, unknown, RegExp]>([
    ['Object.create(null)', Object.create(null), /^The service key must be a Class:Method string, not object\.$/],
    ['an object whose toString throws', throwingToString, /not object\.$/],
    ['a Symbol', Symbol('Echo:echo'), /not symbol\.$/],
    ['a BigInt', 10n, /not bigint\.$/],
    ['a Proxy whose every trap throws', trappingProxy(), /not object\.$/],
    ['a revoked Proxy', revokedProxy(), /not object\.$/],
    ['undefined', undefined, /not undefined\.$/],
    ['null', null, /not null\.$/],
    ['a number', 42, /not number\.$/],
  ])('%s', async (_name, key, message) => {
    const out = await answer(key, {});
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toMatch(message);
  });
});

describe('invoke with hostile input or options answers INVOKE-400, never a throw', () => {
  it.each<[string, unknown, RegExp]>([
    ['a getter that throws', throwingGetter('jobId'), /^Input could not be read as JSON: a value that threw when read at jobId\.$/],
    ['a Proxy whose every trap throws', trappingProxy(), /^Input could not be read as JSON: a value that threw when read\.$/],
    ['a revoked Proxy', revokedProxy(), /^Input could not be read as JSON: a value that threw when read\.$/],
    ['a cycle', cyclic(), /^Input could not be read as JSON: a cycle at self\.$/],
    ['a BigInt value', { jobId: 1n }, /^Input could not be read as JSON: a BigInt at jobId\.$/],
    ['a 50 MB string', { jobId: HUGE }, /^Input could not be read as JSON: more than 1048576 characters at jobId\.$/],
  ])('input: %s', async (_name, input, message) => {
    const out = await answer('Echo:echo', input);
    expect(out).toEqual({ errorCode: 'INVOKE-400', error: expect.stringMatching(message) as unknown });
  });

  it.each<[string, unknown, RegExp]>([
    ['a timeout getter that throws', throwingGetter('timeout'), /^Options could not be read as JSON: a value that threw when read at timeout\.$/],
    ['a Proxy whose every trap throws', trappingProxy(), /^Options could not be read as JSON: a value that threw when read\.$/],
    ['a revoked Proxy', revokedProxy(), /^Options could not be read as JSON: a value that threw when read\.$/],
    ['a cycle', cyclic(), /^Options could not be read as JSON: a cycle at self\.$/],
    ['a BigInt timeout', { timeout: 10n }, /^Options could not be read as JSON: a BigInt at timeout\.$/],
    ['an array', [1], /^Options must be a JSON object\.$/],
  ])('options: %s', async (_name, options, message) => {
    const out = await answer('Echo:echo', {}, options);
    expect(out).toEqual({ errorCode: 'INVOKE-400', error: expect.stringMatching(message) as unknown });
  });

  it('the handler gets plain copies of input and options: a getter is read once, before the handler runs', async () => {
    let reads = 0;
    const input = {
      get say(): string {
        reads += 1;
        return reads === 1 ? 'first' : 'later';
      },
    };
    const out = await answer('Echo:echo', input, { timeout: 1000, note: { deep: true } });
    expect(out).toEqual({ got: { say: 'first' }, errorCode: 'INVOKE-200', error: 'OK' });
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(seen!.input, 'say')).toMatchObject({ value: 'first', writable: true });
    expect(seen!.options).toEqual({ timeout: 1000, note: { deep: true } });
  });

  it('a null-prototype input is read like any object; a function-valued key is left out, as JSON leaves it', async () => {
    const input = Object.assign(Object.create(null) as object, { say: 'hi', toString: throwingToString.toString });
    await expect(answer('Echo:echo', input)).resolves.toEqual({ got: { say: 'hi' }, errorCode: 'INVOKE-200', error: 'OK' });
  });
});
