import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpemuError } from '../../../src/core/errors';
import { MockOrg } from '../../../src/org/mock/mock-org';
import { formatProblem, validateFixtures } from '../../../src/org/mock/fixtures';
import type { FixtureDocument } from '../../../src/org/mock/fixture-types';
import { makeId, normalizeId } from '../../../src/org/salesforce-id';
import { JOB_A, JOB_B, JOB_C, POLICY_1, POLICY_2, smallOrg, USER_1 } from './fixture-data';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-fixtures-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(source: string | FixtureDocument): Promise<IpemuError> {
  const err = await MockOrg.fromFixtures(source).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IpemuError);
  expect((err as IpemuError).code).toBe('INVALID_INPUT');
  return err as IpemuError;
}

const messages = (source: string | FixtureDocument) => validateFixtures(source).map(formatProblem);

describe('loading fixtures', () => {
  test('from an object, a JSON file and a directory, with the same result', async () => {
    const doc = smallOrg();
    writeFileSync(join(dir, 'org-file.json'), JSON.stringify(doc));
    const orgDir = join(dir, 'org');
    require('node:fs').mkdirSync(orgDir);
    writeFileSync(join(orgDir, 'org.json'), JSON.stringify({ users: doc.users }));
    for (const [object, rows] of Object.entries(doc.records!)) writeFileSync(join(orgDir, `${object}.json`), JSON.stringify(rows));
    writeFileSync(join(orgDir, 'README.md'), 'not a fixture');
    const soql = 'SELECT Id, Status FROM AsyncApexJob ORDER BY Id';
    const results = [];
    for (const source of [doc, join(dir, 'org-file.json'), orgDir]) {
      const org = await MockOrg.fromFixtures(source);
      expect(org.userNames()).toEqual(['admin', 'agent', 'nojobs']);
      results.push((await org.query(soql)).records);
    }
    expect(results[0]).toHaveLength(3);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  test('15-character and case-folded Ids are stored in their 18-character form, references too', async () => {
    const org = await MockOrg.fromFixtures({
      records: {
        AsyncApexJob: [{ Id: JOB_A.slice(0, 15), Status: 'Queued' }],
        InsuranceAsyncBulkRequestItem: [{ Id: '0rg5w0000000001', BatchJobId: JOB_A.toUpperCase() }],
      },
    });
    expect(org.retrieve('AsyncApexJob', JOB_A).Id).toBe(JOB_A);
    const item = await org.query('SELECT Id, BatchJobId FROM InsuranceAsyncBulkRequestItem');
    expect(item.records[0]).toMatchObject({ Id: '0rg5w0000000001AAA', BatchJobId: JOB_A });
  });

  test('records without an Id get valid, distinct Ids with their key prefix, not clashing with given ones', async () => {
    const org = await MockOrg.fromFixtures({
      records: { InsurancePolicy: [{ Name: 'a' }, { Id: makeId('0YT', 1), Name: 'b' }, { Name: 'c' }] },
    });
    const { records } = await org.query<{ Id: string; Name: string }>('SELECT Id, Name FROM InsurancePolicy');
    const ids = records.map((r) => r.Id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(makeId('0YT', 1));
    for (const id of ids) {
      expect(id.startsWith('0YT')).toBe(true);
      expect(normalizeId(id)).toBe(id);
    }
  });

  test('without users there is one default user admin who sees everything', async () => {
    const org = await MockOrg.fromFixtures({ records: {} });
    expect(org.userName).toBe('admin');
    expect(org.userNames()).toEqual(['admin']);
    expect((await org.describe('InsurancePolicy')).fields.map((f) => f.name)).toContain('ReferencePolicyNumber');
  });

  test('the default user is the first with default:true, else the first listed', async () => {
    expect((await MockOrg.fromFixtures({ users: { a: {}, b: { default: true }, c: { default: true } } })).userName).toBe('b');
    expect((await MockOrg.fromFixtures({ users: { a: {}, b: {} } })).userName).toBe('a');
  });

  test('an unknown running user is INVALID_INPUT, for fromFixtures and asUser', async () => {
    await expect(MockOrg.fromFixtures(smallOrg(), { user: 'nobody' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const org = await MockOrg.fromFixtures(smallOrg());
    expect(() => org.asUser('nobody')).toThrow(IpemuError);
    expect(org.asUser('agent').userName).toBe('agent');
  });

  test('missing audit dates default to the load time; booleans default to false', async () => {
    const org = await MockOrg.fromFixtures({ records: { InsurancePolicy: [{ Name: 'x' }] } }, { clock: () => Date.UTC(2026, 10, 1, 10) });
    const [p] = (await org.query('SELECT CreatedDate, LastModifiedDate, IsPolicyEditLocked, Status FROM InsurancePolicy')).records;
    expect(p).toMatchObject({ CreatedDate: '2026-11-01T10:00:00.000+0000', LastModifiedDate: '2026-11-01T10:00:00.000+0000', IsPolicyEditLocked: false, Status: null });
  });

  test('datetimes in Z or offset form are stored as Salesforce formats them', async () => {
    const org = await MockOrg.fromFixtures({
      records: { AsyncApexJob: [{ Id: JOB_A, CreatedDate: '2026-11-01T12:00:00+02:00', CompletedDate: '2026-11-01T10:05:00Z' }] },
    });
    expect(org.retrieve('AsyncApexJob', JOB_A, ['CreatedDate', 'CompletedDate'])).toMatchObject({
      CreatedDate: '2026-11-01T10:00:00.000+0000',
      CompletedDate: '2026-11-01T10:05:00.000+0000',
    });
  });

  test('a fixture schema declares other objects, with implicit audit fields and parent paths', async () => {
    const org = await MockOrg.fromFixtures({
      schema: {
        Account: { keyPrefix: '001', fields: { Name: { type: 'string' }, Rating__c: { type: 'int' } } },
        InsurancePolicy: { keyPrefix: '0YT', fields: { NameInsuredId: { type: 'reference', referenceTo: ['Account'], relationshipName: 'NameInsured' } } },
      },
      records: {
        Account: [{ Id: '0015w000000AAAAAAA'.slice(0, 15), Name: 'Acme', Rating__c: 5 }],
        InsurancePolicy: [{ Id: POLICY_1, NameInsuredId: '0015w000000AAAA' }],
      },
    });
    const { records } = await org.query("SELECT NameInsured.Name, NameInsured.Rating__c FROM InsurancePolicy WHERE NameInsured.Name = 'acme'");
    expect(records[0].NameInsured).toMatchObject({ attributes: { type: 'Account' }, Name: 'Acme', Rating__c: 5 });
    expect((await org.describe('Account')).fields.map((f) => f.name)).toEqual(
      ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'Name', 'Rating__c'],
    );
  });
});

describe('fixture problems name the file, the record and the field', () => {
  test('the brief example: an invalid picklist value in a directory fixture', async () => {
    const jobs = [{ Status: 'Queued' }, { Status: 'Queued' }, { Status: 'Queued' }, { Id: JOB_A, Status: 'Done' }];
    writeFileSync(join(dir, 'AsyncApexJob.json'), JSON.stringify(jobs));
    const err = await loadError(dir);
    expect(err.message).toBe(
      `${join(dir, 'AsyncApexJob.json')}: AsyncApexJob[3] (${JOB_A}): field Status: "Done" is not a valid picklist value (Holding, Queued, Preparing, Processing, Aborted, Completed, Failed)`,
    );
  });

  test('malformed JSON names the file', async () => {
    writeFileSync(join(dir, 'InsurancePolicy.json'), '[{"Name": ');
    const err = await loadError(dir);
    expect(err.message).toMatch(new RegExp(`^${join(dir, 'InsurancePolicy.json').replace(/[.\\/]/g, '\\$&')}: not valid JSON`));
    const file = join(dir, 'whole.json');
    writeFileSync(file, '{ nope');
    expect(messages(file)[0]).toMatch(/whole\.json: not valid JSON/);
  });

  test('a missing path is reported', () => {
    expect(messages(join(dir, 'nope.json'))).toEqual([`${join(dir, 'nope.json')}: no such file or directory`]);
  });

  test('every problem is reported, not just the first', () => {
    const found = messages({
      users: { u: { hiddenFields: ['InsurancePolicy.Nope', 'Nope.Name'], hiddenObjects: ['Ghost'], extra: true } as never },
      records: {
        Ghost: [{}],
        AsyncApexJob: [
          { Id: POLICY_1, JobType: 'Weekly', NumberOfErrors: 1.5, TotalJobItems: '3', CreatedDate: '2026-11-01 10:00', Foo: 1 },
          { Id: 'not-an-id', CompletedDate: '2026-11-01T10:00:00', CreatedById: 'bad' },
          { Id: JOB_A, CreatedById: POLICY_1 },
          { Id: JOB_A.toLowerCase() },
          'not a record' as never,
        ],
        InsurancePolicy: [{ IsPolicyEditLocked: 'yes', EffectiveDate: 20260101 }],
      },
    });
    const expected = [
      'users.u: field hiddenFields: "InsurancePolicy.Nope": no such field on InsurancePolicy',
      'users.u: field hiddenFields: "Nope.Name" does not name a known object as "Object.Field"',
      'users.u: field hiddenObjects: unknown object "Ghost"',
      'users.u: field extra: unknown key (expected default, hiddenFields, hiddenObjects)',
      'Ghost: unknown object Ghost (declare it in "schema")',
      `AsyncApexJob[0] (${POLICY_1}): field Id: ${POLICY_1} does not have AsyncApexJob's key prefix 707`,
      `AsyncApexJob[0] (${POLICY_1}): field JobType: "Weekly" is not a valid picklist value`,
      `AsyncApexJob[0] (${POLICY_1}): field NumberOfErrors: 1.5 is not a whole number`,
      `AsyncApexJob[0] (${POLICY_1}): field TotalJobItems: "3" is not a number`,
      `AsyncApexJob[0] (${POLICY_1}): field CreatedDate: "2026-11-01 10:00" is not an ISO 8601 datetime`,
      `AsyncApexJob[0] (${POLICY_1}): field Foo: no such field on AsyncApexJob`,
      'AsyncApexJob[1] (not-an-id): field Id: "not-an-id" is not a valid Salesforce Id',
      'AsyncApexJob[1] (not-an-id): field CompletedDate: "2026-11-01T10:00:00" is not an ISO 8601 datetime',
      'AsyncApexJob[1] (not-an-id): field CreatedById: "bad" is not a valid Salesforce Id',
      `AsyncApexJob[2] (${JOB_A}): field CreatedById: ${POLICY_1} is not an Id of User (key prefix 005)`,
      `AsyncApexJob[3] (${JOB_A.toLowerCase()}): field Id: duplicate Id (first used by AsyncApexJob[2])`,
      'AsyncApexJob[4]: a record must be an object of field values',
      'InsurancePolicy[0]: field IsPolicyEditLocked: "yes" is not true or false',
      'InsurancePolicy[0]: field EffectiveDate: 20260101 is not an ISO 8601 datetime',
    ];
    for (const message of expected) expect(found.some((f) => f.startsWith(message))).toBe(true);
    expect(found).toHaveLength(expected.length);
  });

  test('a fixture file reports what the same document does, also for records shaped alike', () => {
    const doc = {
      records: {
        AsyncApexJob: [
          'not a record',
          { Id: JOB_A, Status: 'Queued', CreatedDate: '2026-11-01T10:00:00.000Z', CreatedById: USER_1 },
          { Id: 'not-an-id', Status: 'Done', CreatedDate: '2026-02-30T10:00:00.000Z', CreatedById: POLICY_1 },
          { Id: JOB_B.slice(0, 15), Status: 'Queued', CreatedDate: '2026-11-01T10:00:00Z', CreatedById: USER_1 },
          { Id: JOB_A.toUpperCase(), Status: 'Queued', CreatedDate: null, CreatedById: null },
          { Id: JOB_B, Status: 'Queued', CreatedDate: '2026-11-01T10:00:00.000+0000', CreatedById: USER_1 },
          { Id: JOB_A, Status: 'Queued', CreatedDate: '2026-11-01T10:00:00.000Z', CreatedById: USER_1 },
        ],
        InsurancePolicy: [{ Id: JOB_C, Name: 'x' }],
      },
    } as unknown as FixtureDocument;
    const file = join(dir, 'problems.json');
    writeFileSync(file, JSON.stringify(doc));
    const fromDocument = messages(doc);
    expect(fromDocument).toEqual([
      'AsyncApexJob[0]: a record must be an object of field values',
      'AsyncApexJob[2] (not-an-id): field Id: "not-an-id" is not a valid Salesforce Id',
      expect.stringMatching(/^AsyncApexJob\[2\] \(not-an-id\): field Status: "Done" is not a valid picklist value/),
      expect.stringMatching(/^AsyncApexJob\[2\] \(not-an-id\): field CreatedDate: "2026-02-30T10:00:00.000Z" is not an ISO 8601 datetime/),
      `AsyncApexJob[2] (not-an-id): field CreatedById: ${POLICY_1} is not an Id of User (key prefix 005)`,
      `AsyncApexJob[4] (${JOB_A.toUpperCase()}): field Id: duplicate Id (first used by AsyncApexJob[1])`,
      `AsyncApexJob[5] (${JOB_B}): field Id: duplicate Id (first used by AsyncApexJob[3])`,
      `AsyncApexJob[6] (${JOB_A}): field Id: duplicate Id (first used by AsyncApexJob[1])`,
      `InsurancePolicy[0] (${JOB_C}): field Id: ${JOB_C} does not have InsurancePolicy's key prefix 0YT`,
    ]);
    expect(messages(file)).toEqual(fromDocument.map((message) => `${file}: ${message}`));
  });

  test('a fixture file stores its records as the same document does, and a given document is left as it was', async () => {
    const doc: FixtureDocument = {
      records: {
        AsyncApexJob: [
          { Id: JOB_A.slice(0, 15), Status: 'Queued', CreatedDate: '2026-11-01T10:00:00.000Z', CompletedDate: null },
          { Id: JOB_B.toLowerCase(), Status: 'Queued', CreatedDate: '2026-11-01T12:00:00+02:00', CompletedDate: '2026-11-01T10:05:00.000+0000' },
          { Status: 'Completed', CreatedDate: null, CompletedDate: '2026-11-01T10:05:00Z' },
          { attributes: { type: 'AsyncApexJob' }, Id: JOB_C, Status: 'Failed' },
        ],
        InsurancePolicy: [{ Id: POLICY_1, Name: 'P-1', IsPolicyEditLocked: null }, { Id: POLICY_2, Name: 'P-2' }],
      },
    };
    const before = JSON.parse(JSON.stringify(doc));
    const file = join(dir, 'org.json');
    writeFileSync(file, JSON.stringify(doc));
    const clock = () => Date.UTC(2026, 10, 2);
    const soql = ['SELECT Id, Status, CreatedDate, CompletedDate FROM AsyncApexJob', 'SELECT Id, Name, IsPolicyEditLocked, CreatedDate, SystemModstamp FROM InsurancePolicy'];
    const fromDocument = await MockOrg.fromFixtures(doc, { clock });
    const fromFile = await MockOrg.fromFixtures(file, { clock });
    for (const text of soql) expect((await fromFile.query(text)).records).toEqual((await fromDocument.query(text)).records);
    expect(doc).toEqual(before);
    const jobs = (await fromFile.query<{ Id: string; CreatedDate: string; CompletedDate: string | null }>(soql[0])).records;
    expect(jobs.map((job) => job.Id).slice(0, 2)).toEqual([JOB_A, JOB_B]);
    expect(jobs.map((job) => job.CreatedDate)).toEqual(['2026-11-01T10:00:00.000+0000', '2026-11-01T10:00:00.000+0000', '2026-11-02T00:00:00.000+0000', '2026-11-02T00:00:00.000+0000']);
    expect(jobs[2].CompletedDate).toBe('2026-11-01T10:05:00.000+0000');
    expect(fromFile.retrieve('InsurancePolicy', POLICY_2, ['IsPolicyEditLocked']).IsPolicyEditLocked).toBe(false);
  });

  test('timeline shape: list of steps with durations, known fields, never Id or references', () => {
    const found = messages({
      records: {
        AsyncApexJob: [
          { Id: JOB_A, $timeline: { after: '1s' } },
          { $timeline: [{ after: 'soon', Status: 'Processing' }, { after: '1s', Status: 'Running' }, { after: '2s', Id: JOB_A, ParentJobId: JOB_A, Nope: 1 }, 5] },
        ],
      },
    });
    expect(found).toEqual([
      `AsyncApexJob[0] (${JOB_A}): field $timeline: must be a list of steps like { "after": "2s", "Status": "Processing" }`,
      'AsyncApexJob[1]: field $timeline[0].after: "soon" is not a duration like 500ms, 2s, 1m or 1h',
      expect.stringMatching(/^AsyncApexJob\[1\]: field \$timeline\[1\]\.Status: "Running" is not a valid picklist value/),
      'AsyncApexJob[1]: field $timeline[2].Id: a timeline step may not change Id, reference or idLookup fields',
      'AsyncApexJob[1]: field $timeline[2].ParentJobId: a timeline step may not change Id, reference or idLookup fields',
      'AsyncApexJob[1]: field $timeline[2].Nope: no such field on AsyncApexJob',
      'AsyncApexJob[1]: field $timeline[3]: must be an object with "after" and field values',
    ]);
  });

  test('schema declarations are checked', () => {
    const found = messages({
      schema: {
        Thing: { keyPrefix: '707', fields: { Kind: { type: 'text' }, OwnerId: { type: 'reference', referenceTo: ['Nowhere'] } } },
        User: { keyPrefix: '00X', fields: {} },
      } as never,
    });
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^schema\.Thing: field Kind: type "text" is not one of id, string/),
      'schema.Thing: field OwnerId: referenceTo names unknown object "Nowhere"',
      'schema.User: keyPrefix 00X differs from the built-in 005',
      expect.stringMatching(/^schema\.Thing: keyPrefix 707 is already used by AsyncApexJob/),
    ]));
  });

  test('(ipemu) a field or relationship may not be named like a JavaScript Object member', () => {
    const found = messages({
      schema: {
        Thing__c: {
          keyPrefix: 'a0X',
          fields: {
            toString: { type: 'string', label: 'x' },
            constructor: { type: 'string', label: 'y' },
            Owner__c: { type: 'reference', referenceTo: ['User'], relationshipName: 'valueOf' },
          },
        },
      } as never,
    });
    expect(found).toEqual(expect.arrayContaining([
      'schema.Thing__c: field toString: is the name of a JavaScript Object member (toString), which ipemu cannot store',
      'schema.Thing__c: field constructor: is the name of a JavaScript Object member (constructor), which ipemu cannot store',
      'schema.Thing__c: field Owner__c: relationshipName must be a name, and not the name of a JavaScript Object member',
    ]));
  });

  test('a valid fixture has no problems', () => {
    expect(validateFixtures(smallOrg())).toEqual([]);
  });

  test('a load error lists the problems and keeps them in details', async () => {
    const err = await loadError({ records: { AsyncApexJob: [{ Status: 'Done' }, { JobType: 'Nope' }] } });
    expect(err.message.split('\n')).toHaveLength(2);
    expect(err.details).toHaveLength(2);
  });
});
