import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MockOrg } from '../../src/mock-org/mock-org';
import { OrgError } from '../../src/core/org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { recordOrg } from '../../src/recording/record-org';
import type { RecordSummary } from '../../src/recording/record-summary';
import { customSchemaOrg } from './custom-schema-fixture';
import { allText, bothAnswers, DEMO_OBJECTS, readRecords, removeDir, serve, tempDir, type Served } from './record-helpers';

/* recordOrg (issue 17 items 1, 2, 5) over the fake REST API through jsforce 3.10.16: REST and Bulk API 2.0. */

let served: Served;
let out: string;
beforeEach(async () => {
  served = await serve();
  out = tempDir();
});
afterEach(async () => {
  await served.close();
  removeDir(out);
});

async function record(options: Partial<Parameters<typeof recordOrg>[1]> = {}): Promise<RecordSummary> {
  return recordOrg(served.source, { out, ...options });
}

describe('recording the demo org', () => {
  test.each([
    ['REST', {}],
    ['Bulk API 2.0, pages of 7 rows', { bulkThreshold: 1, bulkPageSize: 7 }],
  ] as const)(
    'through %s: the recording loads with MockOrg.fromFixtures, every record equals the source (same Ids, same values), every describe equals the source',
    async (_via, options) => {
      const summary = await record(options);
      expect(summary.objects.map((o) => o.object)).toEqual(DEMO_OBJECTS);
      const recorded = await MockOrg.fromFixtures(out);
      for (const object of DEMO_OBJECTS) {
        const { source, recorded: again } = await bothAnswers(served.org, out, object);
        expect(source.length).toBeGreaterThan(0);
        expect(again).toEqual(source);
        expect(await recorded.overRestApi().describe(object)).toEqual(await served.org.overRestApi().describe(object));
      }
      const via = 'bulkThreshold' in options ? 'bulk' : 'rest';
      expect(summary.objects.every((o) => o.via === via)).toBe(true);
    },
  );

  test('the files: one <Object>.json per object (a JSON array, one record a line, no attributes), org.json with users and schema only, no .partial left', async () => {
    await record();
    const text = readFileSync(join(out, 'AsyncApexJob.json'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-1)).toBe(']');
    expect(lines.length - 2).toBe(readRecords(out, 'AsyncApexJob').length);
    expect(text).not.toContain('"attributes"');
    const orgJson = JSON.parse(readFileSync(join(out, 'org.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(orgJson).sort()).toEqual(['schema', 'users']);
    expect(orgJson.users).toEqual({ admin: { default: true } });
    expect(existsSync(join(out, 'AsyncApexJob.json.partial'))).toBe(false);
  });

  test('the summary: row counts and REST/Bulk per object, /limits before and after with DailyApiRequests used, DailyBulkV2QueryJobs used = one job per object', async () => {
    const summary = await record({ bulkThreshold: 1 });
    expect(summary.objects.map((o) => o.rows)).toEqual(
      await Promise.all(DEMO_OBJECTS.map(async (o) => (await served.org.query(`SELECT COUNT() FROM ${o}`)).totalSize)),
    );
    expect(summary.limits.dailyApiRequestsUsed).toBe(summary.limits.before!.DailyApiRequests!.Remaining - summary.limits.after!.DailyApiRequests!.Remaining);
    expect(summary.limits.dailyApiRequestsUsed).toBeGreaterThan(DEMO_OBJECTS.length);
    expect(summary.limits.dailyBulkV2QueryJobsUsed).toBe(DEMO_OBJECTS.length);
  });

  test("the running user's access: a user with hidden fields and objects is recorded as a fixture user with the same lists, and hidden objects are not recorded", async () => {
    await served.close();
    served = await serve({
      users: { agent: { default: true, hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'], hiddenObjects: ['InsuranceAsyncBulkRequest'] } },
      records: { InsurancePolicy: [{ Name: 'P-1', ReferencePolicyNumber: 'R-1' }] },
    });
    const summary = await record();
    expect(summary.hiddenObjects).toEqual(['InsuranceAsyncBulkRequest']);
    expect(existsSync(join(out, 'InsuranceAsyncBulkRequest.json'))).toBe(false);
    const users = (JSON.parse(readFileSync(join(out, 'org.json'), 'utf8')) as { users: Record<string, unknown> }).users;
    expect(users).toEqual({ agent: { default: true, hiddenObjects: ['InsuranceAsyncBulkRequest'], hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'] } });
    expect(readRecords(out, 'InsurancePolicy')[0]).not.toHaveProperty('ReferencePolicyNumber');
    await MockOrg.fromFixtures(out);
  });

  test('a user who cannot see the job link object still gets the bulk request items recorded (InsAsyncBulkService reads them directly)', async () => {
    await served.close();
    served = await serve({
      users: { nodetail: { default: true, hiddenObjects: ['InsuranceAsyncBulkRecordDetail'] } },
      records: {
        InsuranceAsyncBulkRequest: [{ Id: '0rf5w0000000001AAA' }],
        InsuranceAsyncBulkRequestItem: [{ Id: '0rg5w0000000001AAA', InsuranceAsyncBulkRequestId: '0rf5w0000000001AAA' }],
      },
    });
    const summary = await record();
    expect(summary.hiddenObjects).toEqual(['InsuranceAsyncBulkRecordDetail']);
    expect(summary.objects.map((o) => [o.object, o.rows])).toEqual(expect.arrayContaining([['InsuranceAsyncBulkRequestItem', 1]]));
  });

  test.each([
    ['REST', {}],
    ['Bulk API 2.0', { bulkThreshold: 1 }],
  ] as const)(
    'objects the fixture declares (custom fields of every type, picklists, polymorphic references), named by objects, through %s: describe and records round-trip',
    async (_via, options) => {
      await served.close();
      const doc: FixtureDocument = {
        ...customSchemaOrg(),
        records: {
          Account: [
            {
              Id: '0015w0000000001AAA',
              Name: 'Acme, "the" company',
              Industry: 'Banking',
              Phone: '+1 555 0100',
              Website: 'https://acme.example',
              AnnualRevenue: 12.5,
            },
          ],
          InsurancePolicy: [{ Id: '0YT5w000000Y8MNGA0', Name: 'P-1', Status: 'Active', Region__c: 'North' }],
          Claim__c: [
            {
              Id: 'a015w0000000001AAA',
              Name: 'C-1',
              Status__c: 'open',
              Perils__c: 'Fire;Flood',
              Notes__c: 'line one\nline "two", with a comma',
              Contact_Email__c: 'a@b.example',
              Amount__c: 1234.5,
              Share__c: 12.25,
              Count__c: 3,
              Reported__c: '2026-11-01',
              Closed__c: '2026-11-02T10:30:00.000+0000',
              Urgent__c: true,
              External_Ref__c: 'X-1',
              Account__c: '0015w0000000001AAA',
              Policy__c: '0YT5w000000Y8MNGA0',
              Subject__c: '0YT5w000000Y8MNGA0',
            },
            { Id: 'a015w0000000002AAA', Name: 'C-2', Policy__c: '0YT5w000000Y8MNGA0', Urgent__c: false },
          ],
          Claim_Line__c: [{ Id: 'a025w0000000001AAA', Claim__c: 'a015w0000000001AAA', Any__c: '0015w0000000001AAA' }],
        },
      };
      served = await serve(doc);
      const declared = Object.keys(doc.schema!).filter((name) => !DEMO_OBJECTS.includes(name));
      const summary = await record({ objects: declared, ...options });
      expect(summary.objects.map((o) => o.object)).toEqual(expect.arrayContaining(declared));
      expect(summary.skippedFields).toEqual([]);
      const recorded = await MockOrg.fromFixtures(out);
      for (const object of [...declared, 'InsurancePolicy']) {
        expect(await recorded.overRestApi().describe(object)).toEqual(await served.org.overRestApi().describe(object));
        const { source, recorded: again } = await bothAnswers(served.org, out, object);
        expect(again).toEqual(source);
        if (object !== 'Audit_Log__c') expect(source.length).toBeGreaterThan(0);
      }
    },
  );
});

describe('what to record: objects, where, limit', () => {
  test('objects adds Product2 (its file written); where keeps only the matching AsyncApexJobs; limit caps every object', async () => {
    const summary = await record({ objects: ['Product2'], where: [{ object: 'AsyncApexJob', condition: "Status = 'Failed'" }], limit: 3 });
    expect(summary.objects.map((o) => o.object)).toEqual([...DEMO_OBJECTS, 'Product2']);
    const jobs = readRecords(out, 'AsyncApexJob');
    const failed = (await served.org.query("SELECT Id FROM AsyncApexJob WHERE Status = 'Failed'")).totalSize;
    expect(jobs.length).toBe(Math.min(3, failed));
    expect(jobs.every((job) => job.Status === 'Failed')).toBe(true);
    for (const o of summary.objects) expect(o.rows).toBeLessThanOrEqual(3);
    expect(readRecords(out, 'Product2').length).toBe(3);
  });

  test('a where for an object that is not recorded, a hostile where, an unknown object: INVALID_INPUT naming it, and nothing is read', async () => {
    await expect(record({ where: [{ object: 'Product2', condition: 'Id != null' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('--where Product2'),
    });
    await expect(record({ where: [{ object: 'AsyncApexJob', condition: 'Id != null) OR (Id != null' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('closes a parenthesis'),
    });
    await expect(record({ objects: ['../../etc/passwd'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not an object API name'),
    });
    removeDir(out);
    await expect(record({ objects: ['NoSuch__c'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('--objects NoSuch__c') });
    expect(served.urls().some((url) => url.includes('/query'))).toBe(false);
  });

  test("a malformed condition is the org's error, reported clearly: INVALID_INPUT naming --where and the org's errorCode", async () => {
    await expect(record({ where: [{ object: 'AsyncApexJob', condition: 'NoSuchField__c = 1' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^--where AsyncApexJob: the org refused the condition \(INVALID_FIELD: /),
    });
  });
});

describe('references', () => {
  test('a reference to a record not recorded is reported (object.field, count, examples) and kept; recording the parent object clears it', async () => {
    const summary = await record();
    const productRefs = summary.danglingReferences.find((d) => d.object === 'InsurancePolicy' && d.field === 'ProductId');
    const withProduct = readRecords(out, 'InsurancePolicy').filter((p) => typeof p.ProductId === 'string');
    expect(productRefs).toEqual({ object: 'InsurancePolicy', field: 'ProductId', count: withProduct.length, examples: expect.any(Array) });
    expect(productRefs!.examples.length).toBeGreaterThan(0);
    for (const id of productRefs!.examples) expect(withProduct.map((p) => p.ProductId)).toContain(id);
    removeDir(out);
    const again = await record({ objects: ['Product2'] });
    expect(again.danglingReferences.find((d) => d.field === 'ProductId')).toBeUndefined();
    // The links between recorded records are all satisfied.
    expect(again.danglingReferences.find((d) => d.field === 'ReferenceRecordId' || d.field === 'InsuranceAsyncBulkRequestItemId')).toBeUndefined();
  });
});

describe('picklist values beyond the active ones', () => {
  test('records holding a value the describe no longer lists (an inactive one) still load: the schema is widened and the summary says so', async () => {
    const source = served.source;
    const narrowed = {
      ...source,
      instanceUrl: source.instanceUrl,
      apiVersion: source.apiVersion,
      describe: async (name: string) => {
        const described = await source.describe(name);
        if (described === 'hidden' || described.name !== 'AsyncApexJob') return described;
        const fields = described.fields.map((f) => (f.name === 'Status' ? { ...f, picklistValues: f.picklistValues.filter((v) => v.value !== 'Failed') } : f));
        return { ...described, fields };
      },
      count: source.count.bind(source),
      query: source.query.bind(source),
      queryMore: source.queryMore.bind(source),
      bulkQuery: source.bulkQuery.bind(source),
      limits: source.limits.bind(source),
      identity: source.identity.bind(source),
      secrets: source.secrets.bind(source),
      close: async () => undefined,
    };
    const summary = await recordOrg(narrowed, { out });
    expect(summary.widenedPicklists).toEqual([{ object: 'AsyncApexJob', field: 'Status', values: ['Failed'] }]);
    const recorded = await MockOrg.fromFixtures(out);
    expect((await recorded.query("SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'")).totalSize).toBe(
      (await served.org.query("SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'")).totalSize,
    );
  });
});

describe('Bulk API 2.0 refusing a job', () => {
  test('a query job refused before any row (an object Bulk API 2.0 does not support) is read through REST instead: same records, the summary says why; an org failure (limits) is not retried', async () => {
    const source = served.source;
    const refusing = Object.assign(Object.create(Object.getPrototypeOf(source) as object) as typeof source, source, {
      bulkQuery: (soql: string) =>
        (async function* () {
          if (/FROM AsyncApexJob/.test(soql)) throw new OrgError('INVALIDENTITY', 'Entity AsyncApexJob is not supported by the Bulk API.', 400);
          yield* source.bulkQuery(soql);
        })(),
    });
    const summary = await recordOrg(refusing, { out, bulkThreshold: 1 });
    const job = summary.objects.find((o) => o.object === 'AsyncApexJob')!;
    expect(job).toMatchObject({ via: 'rest', bulkRefused: 'INVALIDENTITY: Entity AsyncApexJob is not supported by the Bulk API.' });
    expect(summary.objects.filter((o) => o.object !== 'AsyncApexJob').every((o) => o.via === 'bulk')).toBe(true);
    const { source: rows, recorded } = await bothAnswers(served.org, out, 'AsyncApexJob');
    expect(recorded).toEqual(rows);

    removeDir(out);
    const limited = Object.assign(Object.create(Object.getPrototypeOf(source) as object) as typeof source, source, {
      bulkQuery: () =>
        (async function* () {
          // It fails before its first page.
          await Promise.reject(new OrgError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403));
          yield* source.bulkQuery('');
        })(),
    });
    await expect(recordOrg(limited, { out, bulkThreshold: 1 })).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
  });
});

describe('anonymize', () => {
  test('names and reference numbers change, stable across objects; Ids and links stay; the token and the salt are written nowhere once finished', async () => {
    await record({ anonymize: true });
    const policies = readRecords(out, 'InsurancePolicy');
    const original = (await served.org.query('SELECT Id, Name, ReferencePolicyNumber FROM InsurancePolicy ORDER BY Id')).records;
    const byId = new Map(policies.map((p) => [p.Id, p]));
    for (const p of original) {
      const fake = byId.get(p.Id)!;
      expect(fake).toBeDefined();
      expect(fake.Name).not.toBe(p.Name);
      if (p.ReferencePolicyNumber !== null) expect(fake.ReferencePolicyNumber).not.toBe(p.ReferencePolicyNumber);
    }
    const links = readRecords(out, 'InsuranceAsyncBulkRecordDetail');
    expect(links.every((link) => link.ReferenceRecordId === null || byId.has(link.ReferenceRecordId))).toBe(true);
    const text = allText(out);
    expect(text).not.toContain(served.server.accessToken);
    const manifest = JSON.parse(readFileSync(join(out, '.ipemu-recording.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.status).toBe('finished');
    expect(manifest).not.toHaveProperty('salt');
    await MockOrg.fromFixtures(out);
  });

  test("a finished anonymized recording's manifest names neither the org, its user nor a --where condition, and a new recording still overwrites it", async () => {
    await record({ anonymize: true, where: [{ object: 'InsurancePolicy', condition: "Name LIKE 'P-%'" }] });
    const text = readFileSync(join(out, '.ipemu-recording.json'), 'utf8');
    const manifest = JSON.parse(text) as { org: { username: string; instanceUrl: string }; options: { where: unknown[] } };
    expect(manifest.org).toMatchObject({ username: '(anonymized)', instanceUrl: '(anonymized)' });
    expect(manifest.options.where).toEqual([{ object: 'InsurancePolicy', condition: '(anonymized)' }]);
    expect(text).not.toContain(served.server.instanceUrl);
    expect(text).not.toContain('P-%');
    await record({});
    expect(JSON.parse(readFileSync(join(out, '.ipemu-recording.json'), 'utf8')).org.instanceUrl).toBe(served.server.instanceUrl);
  });
});
