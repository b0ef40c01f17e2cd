import { createEmulator, defineService, definePlugin, IpemuError } from '../../src';
import type { Org } from '../../src';

// Transport-level tests need an org but never touch it.
const unusedOrg: Org = {
  cacheKey: 'unused',
  query: () => Promise.reject(new Error('not used')),
  describe: () => Promise.reject(new Error('not used')),
};

/** The signal each EchoService:slow call was given. */
const slowSignals: AbortSignal[] = [];

const echo = defineService('EchoService', {
  echo: {
    description: 'Returns its input.',
    input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    handler: (input) => ({ text: input.text }),
  },
  slow: {
    description: 'Waits for its signal or 10 s.',
    input: { type: 'object' },
    handler: (_input, ctx) =>
      new Promise((resolve) => {
        slowSignals.push(ctx.signal);
        const t = setTimeout(() => resolve({ done: true }), 10_000);
        ctx.signal.addEventListener('abort', () => clearTimeout(t));
      }),
  },
  boom: {
    description: 'Throws.',
    input: { type: 'object' },
    handler: () => {
      throw new Error('secret internals at /srv/x.ts:12');
    },
  },
  known: {
    description: 'Throws a known outcome.',
    input: { type: 'object' },
    handler: () => {
      throw new IpemuError('NOT_FOUND', 'No such thing.');
    },
  },
  notAMap: {
    description: 'Returns a string.',
    input: { type: 'object' },
    handler: () => 'oops' as unknown as Record<string, unknown>,
  },
});
const plugin = definePlugin({ name: 'echo', services: [echo] });

describe('registry and invoke', () => {
  const emu = createEmulator({ org: unusedOrg, plugins: [plugin] });

  it('lists built-in and plugin services with their schemas', () => {
    const keys = emu.services().map((s) => s.key);
    expect(keys).toContain('InsPolicyService:getPolicyAsyncJobStatus');
    expect(keys).toContain('EchoService:echo');
    const builtIn = emu.services().find((s) => s.key === 'InsPolicyService:getPolicyAsyncJobStatus');
    expect(builtIn?.inputSchema).toMatchObject({ type: 'object', properties: { jobId: expect.any(Object) } });
    const info = emu.services().find((s) => s.key === 'EchoService:echo');
    expect(info).toEqual({ key: 'EchoService:echo', description: 'Returns its input.', inputSchema: echo.methods.echo!.input });
  });

  it('adds INVOKE-200 / OK to a handler result without an errorCode', async () => {
    await expect(emu.invoke('EchoService:echo', { text: 'hi' })).resolves.toEqual({ text: 'hi', errorCode: 'INVOKE-200', error: 'OK' });
  });

  it('answers an unknown key with INVOKE-404 and a malformed key with INVOKE-400', async () => {
    await expect(emu.invoke('EchoService:nope', {})).resolves.toMatchObject({ errorCode: 'INVOKE-404' });
    await expect(emu.invoke('NoSuchClass:echo', {})).resolves.toMatchObject({ errorCode: 'INVOKE-404' });
    await expect(emu.invoke('not a key', {})).resolves.toMatchObject({ errorCode: 'INVOKE-400' });
    await expect(emu.invoke(undefined as unknown as string, {})).resolves.toMatchObject({ errorCode: 'INVOKE-400' });
  });

  it('validates input against the schema before the handler, naming the key', async () => {
    const out = await emu.invoke('EchoService:echo', { text: 42 });
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain('text');
    expect(out.details).toEqual([{ path: 'text', message: 'must be string' }]);
    await expect(emu.invoke('EchoService:echo', [])).resolves.toMatchObject({ errorCode: 'INVOKE-400', error: 'Input must be a JSON object.' });
    await expect(emu.invoke('EchoService:echo', null)).resolves.toMatchObject({ errorCode: 'INVOKE-400' });
  });

  it('turns a handler throw into INVOKE-500 without leaking its message', async () => {
    const out = await emu.invoke('EchoService:boom', {});
    expect(out).toEqual({ errorCode: 'INVOKE-500', error: 'An internal server error has occurred.' });
  });

  it('keeps a known IpemuError outcome', async () => {
    await expect(emu.invoke('EchoService:known', {})).resolves.toEqual({ errorCode: 'INVOKE-404', error: 'No such thing.' });
  });

  it('treats a non-object handler result as an internal error', async () => {
    await expect(emu.invoke('EchoService:notAMap', {})).resolves.toMatchObject({ errorCode: 'INVOKE-500' });
  });

  it('answers INVOKE-504 past options.timeout and aborts the handler signal', async () => {
    jest.useFakeTimers();
    try {
      slowSignals.length = 0;
      let out: unknown;
      const pending = emu.invoke('EchoService:slow', {}, { timeout: 50 }).then((o) => (out = o));
      await jest.advanceTimersByTimeAsync(49);
      expect(out).toBeUndefined();
      expect(slowSignals).toHaveLength(1);
      expect(slowSignals[0]!.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await pending;
      expect(out).toEqual({ errorCode: 'INVOKE-504', error: 'The invocation did not finish within 50 ms.' });
      expect(slowSignals[0]!.aborted).toBe(true);
      expect(slowSignals[0]!.reason).toMatchObject({ code: 'TIMEOUT' });
      // The handler's own 10 s timer was cleared by the abort.
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([0, -1, 1.5, 120_001, 'x'])('rejects options.timeout %p with INVOKE-400', async (timeout) => {
    await expect(emu.invoke('EchoService:echo', { text: 'a' }, { timeout: timeout as number })).resolves.toMatchObject({ errorCode: 'INVOKE-400' });
  });

  it('refuses a key registered twice at start-up, not at invoke time', () => {
    expect(() => createEmulator({ org: unusedOrg, plugins: [plugin, plugin] })).toThrow(/registered twice/);
    const clash = definePlugin({ name: 'clash', services: [defineService('InsPolicyService', { getPolicyAsyncJobStatus: echo.methods.echo! })] });
    expect(() => createEmulator({ org: unusedOrg, plugins: [clash] })).toThrow(/InsPolicyService:getPolicyAsyncJobStatus is registered twice/);
  });

  it('refuses an invalid input schema at start-up', () => {
    const bad = definePlugin({ name: 'bad', services: [defineService('Bad', { m: { description: '', input: { type: 'nope' }, handler: () => ({}) } })] });
    expect(() => createEmulator({ org: unusedOrg, plugins: [bad] })).toThrow(/invalid input schema/);
  });

  it('refuses invalid class or method names at start-up', () => {
    const bad = definePlugin({ name: 'bad', services: [defineService('Bad Class', { m: echo.methods.echo! })] });
    expect(() => createEmulator({ org: unusedOrg, plugins: [bad] })).toThrow(/Invalid service class name/);
  });

  it('rejects a bad jobLink config at start-up', () => {
    expect(() => createEmulator({ org: unusedOrg, config: { jobLink: { sobject: "X' OR Id != null" } } })).toThrow(/jobLink.sobject/);
  });
});
