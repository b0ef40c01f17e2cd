import { assembleEmulator } from '../../src/core/emulator';
import { defineService } from '../../src/core/define-service';
import type { Org, QueryResult } from '../../src/core/org';
import type { ProcedureHost, ProcedurePort, ProcedureRunOptions } from '../../src/core/procedure-port';

const org: Org = {
  cacheKey: 'empty',
  query: async <R>(): Promise<QueryResult<R>> => ({ totalSize: 0, done: true, records: [] }),
  describe: async (sobject) => ({ name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] }),
};

const echo = defineService('Echo', {
  say: {
    description: 'Answers the word it was given.',
    input: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
    handler: (input) => ({ said: input.word }),
  },
});

interface Call {
  key: string;
  input: Record<string, unknown>;
  options: ProcedureRunOptions;
  host: ProcedureHost;
}

/** A port with one procedure, Demo_Echo, whose run is the test's. */
function portOf(run: (call: Call) => Promise<unknown>): { port: ProcedurePort; calls: Call[] } {
  const calls: Call[] = [];
  const port: ProcedurePort = {
    list: () => [
      { key: 'Demo_Echo', type: 'Demo', subType: 'Echo', version: 1, isTest: false, file: '/x/Demo_Echo_DataPack.json', format: 'datapack-expanded' },
    ],
    has: (key) => key === 'Demo_Echo',
    run: (key, input, options, host) => {
      const call = { key, input, options, host };
      calls.push(call);
      return run(call) as ReturnType<ProcedurePort['run']>;
    },
  };
  return { port, calls };
}

describe('emulator.runProcedure: the envelope, the key check and the deadline shared with invoke', () => {
  it('answers INVOKE-404 naming a Type_SubType key that no procedure has, and INVOKE-400 for a key that is not Type_SubType or not a string', async () => {
    const emu = assembleEmulator({ services: [], org, procedures: portOf(async () => ({})).port });
    await expect(emu.runProcedure('Demo_Missing', {})).resolves.toEqual({
      errorCode: 'INVOKE-404',
      error: 'Integration Procedure Demo_Missing was not found.',
    });
    await expect(emu.runProcedure('NoUnderscore', {})).resolves.toMatchObject({
      errorCode: 'INVOKE-400',
      error: '"NoUnderscore" is not a Type_SubType procedure key.',
    });
    await expect(emu.runProcedure(42 as unknown as string, {})).resolves.toMatchObject({
      errorCode: 'INVOKE-400',
      error: 'The procedure key must be a Type_SubType string, not number.',
    });
  });

  it('answers INVOKE-404 for every key when no procedures were handed in, and lists none', async () => {
    const emu = assembleEmulator({ services: [], org });
    expect(emu.procedures()).toEqual([]);
    await expect(emu.runProcedure('Demo_Echo', {})).resolves.toMatchObject({ errorCode: 'INVOKE-404' });
  });

  it('refuses an input that is not a JSON object and an out-of-range timeout with INVOKE-400, without running the procedure', async () => {
    const { port, calls } = portOf(async () => ({}));
    const emu = assembleEmulator({ services: [], org, procedures: port });
    await expect(emu.runProcedure('Demo_Echo', [1, 2])).resolves.toEqual({ errorCode: 'INVOKE-400', error: 'Input must be a JSON object.' });
    await expect(emu.runProcedure('Demo_Echo', '{"a":1}')).resolves.toMatchObject({ errorCode: 'INVOKE-400' });
    await expect(emu.runProcedure('Demo_Echo', {}, { timeout: 0 })).resolves.toMatchObject({
      errorCode: 'INVOKE-400',
      error: expect.stringContaining('options.timeout'),
    });
    expect(calls).toHaveLength(0);
  });

  it('hands the port a copy of the input, the options, the org with the run signal, and the emulator invoke', async () => {
    const { port, calls } = portOf(async ({ host }) => {
      const said = await host.invoke('Echo:say', { word: 'hi' });
      return { IPResult: { said }, errorCode: 'INVOKE-200', error: 'OK' };
    });
    const emu = assembleEmulator({ services: [echo], org, procedures: port });
    const input = { policy: { id: 'P-1' } };
    const out = await emu.runProcedure('Demo_Echo', input, { trace: true });
    expect(out).toEqual({ IPResult: { said: { said: 'hi', errorCode: 'INVOKE-200', error: 'OK' } }, errorCode: 'INVOKE-200', error: 'OK' });
    const [call] = calls;
    expect(call!.input).toEqual(input);
    expect(call!.input).not.toBe(input);
    expect(call!.options).toEqual({ trace: true });
    expect(call!.host.signal.aborted).toBe(false);
    expect(call!.host.expired).toBe(false);
    expect(call!.host.deadlineAt).toBeGreaterThan(call!.host.clock());
    expect(call!.host.org.cacheKey).toBe('empty');
  });

  it('turns a port that throws into INVOKE-500 and one that answers a code outside the table into INVOKE-500 naming it', async () => {
    const throwing = assembleEmulator({ services: [], org, procedures: portOf(async () => Promise.reject(new Error('boom'))).port });
    await expect(throwing.runProcedure('Demo_Echo', {})).resolves.toEqual({ errorCode: 'INVOKE-500', error: 'An internal server error has occurred.' });
    const odd = assembleEmulator({ services: [], org, procedures: portOf(async () => ({ errorCode: 'INVOKE-999', error: 'odd' })).port });
    await expect(odd.runProcedure('Demo_Echo', {})).resolves.toMatchObject({ errorCode: 'INVOKE-500', error: expect.stringContaining('"INVOKE-999"') });
  });

  it('answers INVOKE-504 at the deadline of a procedure that never settles, and aborts the signal it was given', async () => {
    const { port, calls } = portOf(() => new Promise(() => undefined));
    const emu = assembleEmulator({ services: [], org, procedures: port });
    await expect(emu.runProcedure('Demo_Echo', {}, { timeout: 30 })).resolves.toEqual({
      errorCode: 'INVOKE-504',
      error: 'The invocation did not finish within 30 ms.',
    });
    expect(calls[0]!.host.signal.aborted).toBe(true);
    expect(calls[0]!.host.expired).toBe(true);
  });
});

describe('emulator.invoke: services read their parameters from input, then from options', () => {
  it('takes a parameter the input lacks from options, and keeps the input value when both have it', async () => {
    const emu = assembleEmulator({ services: [echo], org });
    await expect(emu.invoke('Echo:say', {}, { word: 'from-options' })).resolves.toMatchObject({ said: 'from-options', errorCode: 'INVOKE-200' });
    await expect(emu.invoke('Echo:say', { word: 'from-input' }, { word: 'from-options' })).resolves.toMatchObject({ said: 'from-input' });
  });

  it('takes only the input schema properties from options: other option keys never reach the input', async () => {
    const seen: Record<string, unknown>[] = [];
    const open = defineService('Open', {
      look: {
        description: 'Records its input.',
        input: { type: 'object', properties: { word: { type: 'string' } } },
        handler: (input) => (seen.push(input), {}),
      },
    });
    const emu = assembleEmulator({ services: [open], org });
    await emu.invoke('Open:look', {}, { timeout: 1000, other: 'x' });
    expect(seen).toEqual([{}]);
  });
});
