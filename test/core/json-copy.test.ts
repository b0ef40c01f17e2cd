import fc from 'fast-check';
import { copyJson, MAX_JSON_DEPTH } from '../../src/core/json-copy';

const LIMIT = 1_000_000;

function problemOf(value: unknown, limit = LIMIT): string {
  const copy = copyJson(value, limit);
  if (copy.ok) throw new Error('expected the copy to be refused');
  return copy.problem;
}

describe('copyJson: a plain JSON copy of a value someone else made', () => {
  it('equals JSON.parse(JSON.stringify(value)) for generated values, dates, undefined, NaN and functions (300 runs)', () => {
    const extra = fc.constantFrom<unknown>(undefined, NaN, -Infinity, () => 1, Symbol('s'), new Date(0), [undefined, () => 1]);
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.jsonValue({ maxDepth: 2 }), extra)));
    fc.assert(
      fc.property(value, (v) => {
        const copy = copyJson(v, LIMIT);
        expect(copy.ok).toBe(true);
        expect(JSON.stringify(copy.ok && copy.value)).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('returns fresh plain objects: a getter runs once, and its later answers do not reach the copy', () => {
    let reads = 0;
    const source = {
      get status(): string {
        reads += 1;
        return reads === 1 ? 'Success' : 'changed';
      },
    };
    const copy = copyJson(source, LIMIT);
    expect(copy).toEqual({ ok: true, value: { status: 'Success' } });
    expect(reads).toBe(1);
    const value = (copy.ok ? copy.value : undefined) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, 'status')).toMatchObject({ value: 'Success', writable: true });
  });

  it('copies a flat object literal (the spread fast path) to a fresh object with exactly its JSON keys and values', () => {
    const source: Record<string | symbol, unknown> = { a: 'x', n: NaN, t: true, z: null, f: () => 1, u: undefined, [Symbol('s')]: 'hidden' };
    const copy = copyJson(source, LIMIT);
    const value = (copy.ok ? copy.value : undefined) as Record<string | symbol, unknown>;
    expect(value).not.toBe(source);
    expect(Reflect.ownKeys(value)).toEqual(['a', 'n', 't', 'z']);
    expect(value).toEqual({ a: 'x', n: null, t: true, z: null });
    const flat = { status: 'Success', errorCode: 'INVOKE-200' };
    const flatCopy = copyJson(flat, LIMIT);
    expect(flatCopy).toEqual({ ok: true, value: flat });
    expect(flatCopy.ok && flatCopy.value).not.toBe(flat);
  });

  it('reads each property once when a literal is not flat, and names a cycle back to it by its path', () => {
    let reads = 0;
    const source: Record<string, unknown> = {
      get status(): string {
        reads += 1;
        return 'Success';
      },
      nested: { a: 1 },
    };
    expect(copyJson(source, LIMIT)).toEqual({ ok: true, value: { status: 'Success', nested: { a: 1 } } });
    expect(reads).toBe(1);
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    expect(problemOf(cyclic)).toBe('a cycle at self');
    expect(problemOf({ a: 'x'.repeat(20) }, 10)).toBe('more than 10 characters at a');
  });

  it('keeps __proto__ as an own key, as JSON.parse does, without setting the prototype', () => {
    const source: unknown = JSON.parse('{"__proto__":{"polluted":"yes"},"a":1}');
    const copy = copyJson(source, LIMIT);
    const value = (copy.ok ? copy.value : undefined) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('names a cycle, a BigInt, a throwing getter, a throwing toJSON and a Proxy by their path', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(problemOf({ details: cyclic })).toBe('a cycle at details.self');
    expect(problemOf({ n: [1, 2n] })).toBe('a BigInt at n[1]');
    expect(problemOf(10n)).toBe('a BigInt');
    const thrown = {
      get message(): string {
        throw thrown as unknown;
      },
    };
    expect(problemOf({ error: thrown })).toBe('a value that threw when read at error.message');
    expect(
      problemOf({
        x: {
          toJSON: () => {
            throw new Error('no');
          },
        },
      }),
    ).toBe('a value that threw when read at x');
    const trap = (): never => {
      throw new Error('trap');
    };
    const proxy = new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, has: trap });
    expect(problemOf({ p: proxy })).toBe('a value that threw when read at p');
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(problemOf([revoked])).toBe('a value that threw when read at [0]');
  });

  it(`stops at the size limit before reading the rest, and at ${MAX_JSON_DEPTH} levels of nesting`, () => {
    expect(problemOf({ big: 'x'.repeat(2000) }, 1000)).toBe('more than 1000 characters at big');
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    expect(problemOf({ sparse }, 1000)).toBe('more than 1000 characters at sparse');
    let deep: unknown = 'leaf';
    for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
    expect(problemOf(deep)).toMatch(new RegExp(`^more than ${MAX_JSON_DEPTH} levels of nesting at (\\[0\\])+`));
    const endless = (): unknown => ({ toJSON: () => ({ next: endless() }) });
    expect(problemOf(endless())).toMatch(/^more than 100 levels of nesting at next/);
  });

  it('shortens a path made of huge keys', () => {
    const problem = problemOf({ ['k'.repeat(10_000)]: { ['j'.repeat(10_000)]: 1n } });
    expect(problem.length).toBeLessThan(300);
    expect(problem).toMatch(/^a BigInt at k{40}….j{40}…$/);
  });
});
