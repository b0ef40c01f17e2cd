import { assembleEmulator } from '../../src/core/emulator';
import { defineService } from '../../src/core/define-service';
import type { Binds, Org, QueryOptions, QueryResult } from '../../src/core/org';

interface Seen {
  soql: string;
  binds?: Binds;
  options?: QueryOptions;
}

function recordingOrg(): { org: Org; seen: Seen[] } {
  const seen: Seen[] = [];
  const org: Org = {
    cacheKey: 'recording',
    async query<R>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
      seen.push({ soql, binds, options });
      return { totalSize: 0, done: true, records: [] };
    },
    describe: async (sobject) => ({ name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] }),
  };
  return { org, seen };
}

const probe = defineService('Probe', {
  ask: {
    description: 'Queries once, declaring the query mergeable.',
    input: { type: 'object' },
    output: { type: 'object' },
    handler: async (_input, { org }) => {
      await org.query('SELECT Id FROM Thing WHERE Id IN :ids', { ids: ['a'] }, { merge: { field: 'Id', bind: 'ids' } });
      return { asked: true };
    },
  },
});

describe('assembleEmulator: the core is handed its services and its org', () => {
  it('registers only the services it is given: no built-in service is known', async () => {
    const emu = assembleEmulator({ services: [], org: recordingOrg().org });
    expect(emu.services()).toEqual([]);
    const out = await emu.invoke('InsPolicyService:getPolicyAsyncJobStatus', { jobId: '7075j00004uK6GjAAK' });
    expect(out).toMatchObject({ errorCode: 'INVOKE-404', error: 'Service InsPolicyService:getPolicyAsyncJobStatus was not found.' });
  });

  it('hands transports service declarations, never handlers or validators', () => {
    const emu = assembleEmulator({ services: [probe], org: recordingOrg().org });
    const [description] = emu.describeServices();
    expect(description).toEqual({
      key: 'Probe:ask',
      className: 'Probe',
      methodName: 'ask',
      description: 'Queries once, declaring the query mergeable.',
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
    });
    expect(Object.isFrozen(description)).toBe(true);
    expect(emu.services()).toEqual([{ key: 'Probe:ask', description: 'Queries once, declaring the query mergeable.', inputSchema: { type: 'object' } }]);
  });

  it('calls an org loader once, on the first invoke and not before', async () => {
    const { org } = recordingOrg();
    const loader = jest.fn(async () => org);
    const emu = assembleEmulator({ services: [probe], org: loader });
    expect(loader).not.toHaveBeenCalled();
    await Promise.all([emu.invoke('Probe:ask', {}), emu.invoke('Probe:ask', {})]);
    await emu.invoke('Probe:ask', {});
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it("gives the handler an org whose requests carry the invocation's signal and the handler's merge declaration", async () => {
    const { org, seen } = recordingOrg();
    const emu = assembleEmulator({ services: [probe], org });
    await expect(emu.invoke('Probe:ask', {})).resolves.toEqual({ asked: true, errorCode: 'INVOKE-200', error: 'OK' });
    expect(seen).toHaveLength(1);
    const options = seen[0]!.options!;
    expect(options.merge).toEqual({ field: 'Id', bind: 'ids' });
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect(options.signal!.aborted).toBe(false);
  });

  it("aborts the signal the org was given when the invocation's timeout passes", async () => {
    let given: AbortSignal | undefined;
    const hanging: Org = {
      cacheKey: 'hanging',
      query: (_soql, _binds, options) => {
        given = options?.signal;
        return new Promise(() => undefined);
      },
      describe: async (sobject) => ({ name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] }),
    };
    const emu = assembleEmulator({ services: [probe], org: hanging });
    const out = await emu.invoke('Probe:ask', {}, { timeout: 20 });
    expect(out).toEqual({ errorCode: 'INVOKE-504', error: 'The invocation did not finish within 20 ms.' });
    expect(given?.aborted).toBe(true);
  });
});
