/** Values a careless or hostile plugin or caller may hand ipemu: each one broke an answer once. */

function trap(): never {
  throw new Error('trap');
}

/** A Proxy whose every trap throws: even `then`, `Symbol.toPrimitive` and `instanceof` fail on it. */
export function trappingProxy(): object {
  return new Proxy(
    {},
    {
      get: trap,
      has: trap,
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
      getPrototypeOf: trap,
      defineProperty: trap,
      set: trap,
      deleteProperty: trap,
      isExtensible: trap,
      preventExtensions: trap,
      setPrototypeOf: trap,
    },
  );
}

export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** The plugin value: reading its `name` (as an error handler does) throws the value itself. */
export function selfThrowingName(): object {
  const value = {
    get name(): string {
      throw value as unknown;
    },
    get message(): string {
      throw value as unknown;
    },
  };
  return value;
}

export function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { status: 'Success' };
  value.self = value;
  return value;
}

/** An object whose getter on `key` throws. */
export function throwingGetter(key: string): object {
  return Object.defineProperty({}, key, { enumerable: true, get: trap });
}

/** 50 MB of text. */
export const HUGE = 'x'.repeat(50 * 1024 * 1024);
