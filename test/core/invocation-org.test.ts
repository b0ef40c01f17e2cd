import { assembleEmulator } from '../../src/core/emulator';
import { defineService } from '../../src/core/define-service';
import type { Org, QueryOptions, RecordFields, WriteOptions } from '../../src/core/org';

/** What a handler's `ctx.org` passes on to the org under it: writes, package calls and final-row declarations. */

interface Call {
  op: string;
  args: unknown[];
  signal: boolean;
}

function writableOrg(calls: Call[]): Org {
  const record = (op: string, args: unknown[], options: WriteOptions | QueryOptions | undefined): void => {
    calls.push({ op, args, signal: options?.signal instanceof AbortSignal });
  };
  return {
    cacheKey: 'fake:writable',
    async query(soql, binds, options) {
      record('query', [soql, binds, options?.final], options);
      return { totalSize: 0, done: true, records: [] };
    },
    async describe() {
      throw new Error('not used');
    },
    async create(sobject: string, fields: RecordFields, options?: WriteOptions) {
      record('create', [sobject, fields], options);
      return '0YT5w0000000001GAA';
    },
    async update(sobject: string, id: string, fields: RecordFields, options?: WriteOptions) {
      record('update', [sobject, id, fields], options);
    },
    async delete(sobject: string, id: string, options?: WriteOptions) {
      record('delete', [sobject, id], options);
    },
  };
}

const writer = defineService('Writer', {
  write: {
    description: 'writes through ctx.org',
    input: { type: 'object' },
    async handler(_input, { org }) {
      if (!org.create || !org.update || !org.delete) return { writable: false };
      const id = await org.create('InsurancePolicy', { Name: 'P' });
      await org.update('InsurancePolicy', id, { Name: 'Q' });
      await org.delete('InsurancePolicy', id);
      await org.query('SELECT Id FROM AsyncApexJob', {}, { final: { field: 'Status', values: ['Completed'] } });
      return { writable: true, id };
    },
  },
});

describe("a handler's ctx.org", () => {
  test("passes create, update and delete to the org with the invocation's signal, and keeps a query's final rows without a merge", async () => {
    const calls: Call[] = [];
    const emu = assembleEmulator({ services: [writer], org: writableOrg(calls) });
    expect(await emu.invoke('Writer:write', {})).toEqual({ writable: true, id: '0YT5w0000000001GAA', errorCode: 'INVOKE-200', error: 'OK' });
    expect(calls).toEqual([
      { op: 'create', args: ['InsurancePolicy', { Name: 'P' }], signal: true },
      { op: 'update', args: ['InsurancePolicy', '0YT5w0000000001GAA', { Name: 'Q' }], signal: true },
      { op: 'delete', args: ['InsurancePolicy', '0YT5w0000000001GAA'], signal: true },
      { op: 'query', args: ['SELECT Id FROM AsyncApexJob', {}, { field: 'Status', values: ['Completed'] }], signal: true },
    ]);
  });

  test('has no create, update or delete when the org under it has none (a read-only org)', async () => {
    const readOnly: Org = {
      cacheKey: 'fake:read-only',
      query: async () => ({ totalSize: 0, done: true, records: [] }),
      describe: async () => {
        throw new Error('not used');
      },
    };
    const emu = assembleEmulator({ services: [writer], org: readOnly });
    expect(await emu.invoke('Writer:write', {})).toEqual({ writable: false, errorCode: 'INVOKE-200', error: 'OK' });
  });
});
