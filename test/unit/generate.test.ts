import { forEachGeneratedRecord, generatedId, generateFixtures, mulberry32 } from '../../src/org/mock/generate';
import { makeId, normalizeId } from '../../src/org/salesforce-id';
import type { FixtureRecord } from '../../src/org/mock/fixture-types';

const PREFIX: Record<string, string> = {
  InsurancePolicy: '0YT',
  AsyncApexJob: '707',
  InsuranceAsyncBulkRequest: '0rf',
  InsuranceAsyncBulkRequestItem: '0rg',
  InsuranceAsyncBulkRecordDetail: '0rh',
};

function records(doc: ReturnType<typeof generateFixtures>, sobject: string): FixtureRecord[] {
  return doc.records?.[sobject] ?? [];
}

describe('generateFixtures', () => {
  const doc = generateFixtures({ policies: 2000, jobsPerPolicy: 3, seed: 42 });

  it('is deterministic for a seed and differs across seeds', () => {
    const small = { policies: 50, jobsPerPolicy: 2 };
    expect(generateFixtures({ ...small, seed: 5 })).toEqual(generateFixtures({ ...small, seed: 5 }));
    expect(JSON.stringify(generateFixtures({ ...small, seed: 5 }))).not.toBe(JSON.stringify(generateFixtures({ ...small, seed: 6 })));
  });

  it('generatedId is makeId, only faster', () => {
    for (const serial of [0, 1, 61, 62, 3843, 150_000, 2_147_483_000]) expect(generatedId('707', serial)).toBe(makeId('707', serial));
  });

  it('mulberry32 stays in [0, 1) and repeats for a seed', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('writes the requested counts', () => {
    expect(records(doc, 'InsurancePolicy')).toHaveLength(2000);
    expect(records(doc, 'AsyncApexJob')).toHaveLength(6000);
    expect(records(doc, 'InsuranceAsyncBulkRequestItem')).toHaveLength(6000);
    expect(records(doc, 'InsuranceAsyncBulkRecordDetail')).toHaveLength(6000);
    expect(doc.users).toEqual({ admin: { default: true } });
  });

  it('gives every record a unique valid 18-character Id with its object key prefix', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const [sobject, prefix] of Object.entries(PREFIX)) {
      for (const r of records(doc, sobject)) {
        const id = r.Id as string;
        if (normalizeId(id) !== id || !id.startsWith(prefix) || seen.has(id)) bad.push(`${sobject} ${id}`);
        seen.add(id);
      }
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(2000 + 3 * 6000 + records(doc, 'InsuranceAsyncBulkRequest').length);
  });

  it('links every job to a policy through request item and record detail', () => {
    const policies = new Set(records(doc, 'InsurancePolicy').map((r) => r.Id));
    const jobs = new Set(records(doc, 'AsyncApexJob').map((r) => r.Id));
    const requests = new Set(records(doc, 'InsuranceAsyncBulkRequest').map((r) => r.Id));
    const items = new Map(records(doc, 'InsuranceAsyncBulkRequestItem').map((r) => [r.Id, r]));
    const linkedJobs = new Set<unknown>();
    const broken: unknown[] = [];
    for (const detail of records(doc, 'InsuranceAsyncBulkRecordDetail')) {
      const item = items.get(detail.InsuranceAsyncBulkRequestItemId);
      const ok = policies.has(detail.ReferenceRecordId) && item && jobs.has(item.BatchJobId) && requests.has(item.InsuranceAsyncBulkRequestId);
      if (!ok) broken.push(detail.Id);
      linkedJobs.add(item?.BatchJobId);
    }
    expect(broken).toEqual([]);
    expect(linkedJobs.size).toBe(jobs.size);
  });

  it('spreads statuses realistically: mostly Completed, every status present', () => {
    const counts = new Map<unknown, number>();
    for (const job of records(doc, 'AsyncApexJob')) counts.set(job.Status, (counts.get(job.Status) ?? 0) + 1);
    expect(counts.get('Completed')).toBeGreaterThan(6000 * 0.6);
    for (const status of ['Holding', 'Queued', 'Preparing', 'Processing', 'Failed', 'Aborted']) expect(counts.get(status)).toBeGreaterThan(0);
    const jobs = records(doc, 'AsyncApexJob');
    expect(jobs.some((j) => j.Status === 'Completed' && (j.NumberOfErrors as number) > 0)).toBe(true);
    expect(jobs.some((j) => j.Status === 'Failed' && typeof j.ExtendedStatus === 'string')).toBe(true);
    expect(jobs.every((j) => !Number.isNaN(Date.parse(j.CreatedDate as string)))).toBe(true);
  });

  it('has versions sharing a reference number and multi-root policies', () => {
    const policies = records(doc, 'InsurancePolicy');
    const ids = new Set(policies.map((p) => p.Id));
    const byRef = new Map<unknown, FixtureRecord[]>();
    for (const p of policies) byRef.set(p.ReferencePolicyNumber, [...(byRef.get(p.ReferencePolicyNumber) ?? []), p]);
    const versioned = [...byRef.values()].filter((group) => group.length > 1);
    expect(versioned.length).toBeGreaterThan(50);
    for (const group of versioned) expect(group.every((p) => p.ParentPolicyId === null)).toBe(true);
    const children = policies.filter((p) => p.ParentPolicyId !== null);
    expect(children.length).toBeGreaterThan(20);
    for (const child of children) expect(ids.has(child.ParentPolicyId)).toBe(true);
  });

  it('streams the same records through forEachGeneratedRecord', () => {
    const opts = { policies: 30, jobsPerPolicy: 2, seed: 3 };
    const streamed: Record<string, number> = {};
    forEachGeneratedRecord(opts, (sobject) => {
      streamed[sobject] = (streamed[sobject] ?? 0) + 1;
    });
    const whole = generateFixtures(opts);
    expect(streamed).toEqual(Object.fromEntries(Object.entries(whole.records ?? {}).map(([k, v]) => [k, v.length])));
  });

  it('refuses counts that are not whole numbers, with a code', () => {
    expect(() => generateFixtures({ policies: -1, jobsPerPolicy: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => generateFixtures({ policies: 1, jobsPerPolicy: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('produces 150,000 jobs (50,000 policies x 3) in well under 2 s', () => {
    let best = Infinity;
    for (let attempt = 0; attempt < 2 && best >= 1500; attempt++) {
      const start = performance.now();
      const big = generateFixtures({ policies: 50_000, jobsPerPolicy: 3 });
      best = Math.min(best, performance.now() - start);
      expect(records(big, 'AsyncApexJob')).toHaveLength(150_000);
    }
    expect(best).toBeLessThan(2000);
  });
});
