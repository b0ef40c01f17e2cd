import type { Org, QueryResult } from '../../src/core/org';
import { QueryCapture, type CapturedQuery } from '../../src/parity/capturing-org';
import { compareQueries, sameOutput } from '../../src/parity/compare';
import { evenSample } from '../../src/parity/even-sample';

const rec = (Id: string, Status = 'Completed') => ({ attributes: { type: 'AsyncApexJob' }, Id, Status });
const q = (soql: string, binds: Record<string, unknown>, records: unknown[]): CapturedQuery => ({ soql, binds, records });
const JOBS = 'SELECT Id, Status FROM AsyncApexJob WHERE Id IN :jobIds';
const ORDERED = 'SELECT Id FROM AsyncApexJob ORDER BY CreatedDate';

describe('compareQueries', () => {
  it('without ORDER BY, records compare as sets by Id, and a list bind as a set', () => {
    const org = [q(JOBS, { jobIds: ['a', 'b'] }, [rec('a'), rec('b')])];
    const mock = [q(JOBS, { jobIds: ['b', 'a'] }, [rec('b'), rec('a')])];
    expect(compareQueries(org, mock)).toBeUndefined();
  });

  it('with ORDER BY, records compare in order', () => {
    const org = [q(ORDERED, {}, [rec('a'), rec('b')])];
    const mock = [q(ORDERED, {}, [rec('b'), rec('a')])];
    expect(compareQueries(org, mock)).toEqual({ index: 0, org: org[0], mock: mock[0] });
  });

  it('independent queries sent in another order agree; a record that differs is the difference', () => {
    const other = q('SELECT Id FROM InsurancePolicy WHERE Id IN :policyIds', { policyIds: ['p'] }, [{ Id: 'p' }]);
    const org = [q(JOBS, { jobIds: ['a'] }, [rec('a')]), other];
    expect(compareQueries(org, [other, q(JOBS, { jobIds: ['a'] }, [rec('a')])])).toBeUndefined();
    const changed = q(JOBS, { jobIds: ['a'] }, [rec('a', 'Failed')]);
    expect(compareQueries(org, [other, changed])).toEqual({ index: 0, org: org[0], mock: changed });
  });

  it('a query one side did not send is the difference, with null for that side', () => {
    const a = q(JOBS, { jobIds: ['a'] }, [rec('a')]);
    const b = q(JOBS, { jobIds: ['b'] }, [rec('b')]);
    expect(compareQueries([a, b], [a])).toEqual({ index: 1, org: b, mock: null });
    expect(compareQueries([a], [a, b])).toEqual({ index: 1, org: null, mock: b });
    expect(compareQueries([a], [b])).toEqual({ index: 0, org: a, mock: null });
  });

  it('a failed query differs from an answered one, and agrees with one failed with the same errorCode', () => {
    const failed: CapturedQuery = { soql: JOBS, binds: {}, error: 'INVALID_FIELD' };
    expect(compareQueries([failed], [q(JOBS, {}, [])])).toEqual({ index: 0, org: failed, mock: q(JOBS, {}, []) });
    expect(compareQueries([failed], [{ ...failed }])).toBeUndefined();
  });
});

describe('sameOutput', () => {
  it('is deep equality, whatever the key order', () => {
    expect(sameOutput({ status: 'Success', errorCode: 'INVOKE-200' }, { errorCode: 'INVOKE-200', status: 'Success' })).toBe(true);
    expect(sameOutput({ status: 'Success', errorCode: 'INVOKE-200' }, { status: 'Failed', errorCode: 'INVOKE-200' })).toBe(false);
    expect(sameOutput({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('QueryCapture', () => {
  it("keeps each concurrent run's queries apart, with binds and records as JSON, and records a failure's errorCode", async () => {
    const slow: Org = {
      cacheKey: 'k',
      query: async (soql, binds) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (soql.includes('Bad')) throw Object.assign(new Error('no'), { name: 'OrgError' });
        return { totalSize: 1, done: true, records: [{ attributes: { type: 'X' }, Id: String((binds as { id: string }).id) }] } as QueryResult<never>;
      },
      describe: () => Promise.reject(new Error('unused')),
    };
    const capture = new QueryCapture();
    const org = capture.wrap(slow);
    const [one, two] = await Promise.all([
      capture.run(async () => (await org.query('SELECT Id FROM X WHERE Id = :id', { id: '1' })).records.length),
      capture.run(async () => {
        await org.query('SELECT Id FROM X WHERE Id = :id', { id: '2', at: new Date('2026-01-01T00:00:00Z') });
        return org.query('SELECT Bad FROM X').catch(() => 0);
      }),
    ]);
    expect(one.value).toBe(1);
    expect(one.queries).toEqual([{ soql: 'SELECT Id FROM X WHERE Id = :id', binds: { id: '1' }, records: [{ attributes: { type: 'X' }, Id: '1' }] }]);
    expect(two.queries).toEqual([
      { soql: 'SELECT Id FROM X WHERE Id = :id', binds: { id: '2', at: '2026-01-01T00:00:00.000Z' }, records: [{ attributes: { type: 'X' }, Id: '2' }] },
      { soql: 'SELECT Bad FROM X', binds: {}, error: 'OrgError' },
    ]);
  });
});

describe('evenSample', () => {
  it('keeps everything that fits; beyond the limit picks evenly spread values, the same each time', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(values, 20)).toEqual(values);
    expect(evenSample(values, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenSample(values, 3)).toEqual([0, 3, 6]);
    expect(evenSample(values, 3)).toEqual(evenSample(values, 3));
  });
});
