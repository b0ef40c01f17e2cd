import { MockOrg } from '../../../src/mock-org/mock-org';
import { ACC, E_ACC, eventsOrg, OPP } from '../polymorphic-fixture';
import { OrgError } from '../../../src/core/org';
import { makeId } from '../../../src/salesforce/ids';
import { queryColumns } from '../../../src/mock-org/rest/column-metadata';

let org: MockOrg;
beforeEach(async () => {
  org = await MockOrg.fromFixtures(eventsOrg());
});

const subjects = async (soql: string) => (await org.query<{ Subject: string }>(soql)).records.map((r) => r.Subject);

async function errorOf(soql: string): Promise<OrgError> {
  const err: unknown = await org.query(soql).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OrgError)) throw new Error(`expected an OrgError from ${soql}`);
  return err;
}

describe('polymorphic relationships (the Name pseudo-object)', () => {
  test('What.Name follows the Id to whichever object its key prefix names; an empty What is null', async () => {
    const { records } = await org.query('SELECT Subject, What.Name FROM Event ORDER BY Subject');
    expect(records.map((r) => r.What)).toEqual([
      { attributes: { type: 'Name', url: `/services/data/v64.0/sobjects/Account/${ACC}` }, Name: 'Acme' },
      { attributes: { type: 'Name', url: `/services/data/v64.0/sobjects/Opportunity/${OPP}` }, Name: 'Big Deal' },
      null,
    ]);
  });

  test("What.Type is the record's object name, not the Account's own Type field", async () => {
    const { records } = await org.query('SELECT Subject, What.Type, What.Id FROM Event ORDER BY Subject');
    expect(records.map((r) => r.What && { ...r.What, attributes: undefined })).toEqual([
      { attributes: undefined, Type: 'Account', Id: ACC },
      { attributes: undefined, Type: 'Opportunity', Id: OPP },
      null,
    ]);
  });

  test('a Name field the record lacks is null (Phone on an Opportunity)', async () => {
    const { records } = await org.query('SELECT What.Phone FROM Event ORDER BY Subject LIMIT 2');
    expect(records.map((r) => (r.What as { Phone: unknown }).Phone)).toEqual(['555-0100', null]);
  });

  test('WHERE filters on What.Type and What.Name', async () => {
    expect(await subjects("SELECT Subject FROM Event WHERE What.Type = 'Opportunity'")).toEqual(['b']);
    expect(await subjects("SELECT Subject FROM Event WHERE What.Type IN ('Account', 'Opportunity') ORDER BY Subject")).toEqual(['a', 'b']);
    expect(await subjects("SELECT Subject FROM Event WHERE What.Name LIKE 'Big%'")).toEqual(['b']);
    expect(await subjects('SELECT Subject FROM Event WHERE What.Type = null')).toEqual(['c']);
  });

  test('ORDER BY What.Type and What.Name sort by the followed records (nulls first ascending)', async () => {
    expect(await subjects('SELECT Subject FROM Event ORDER BY What.Type DESC')).toEqual(['b', 'a', 'c']);
    expect(await subjects('SELECT Subject FROM Event ORDER BY What.Name')).toEqual(['c', 'a', 'b']);
  });

  test("a field outside Name is Salesforce's INVALID_FIELD on entity 'Name', even where the record has it", async () => {
    const err = await errorOf('SELECT What.Amount FROM Event');
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toMatch(/^No such column 'Amount' on entity 'Name'\. If you are attempting to use a custom field/);
    expect((await errorOf('SELECT Id FROM Event WHERE What.Amount > 1')).message).toMatch(/^No such column 'Amount' on entity 'Name'/);
    expect((await errorOf('SELECT Id FROM Event ORDER BY What.Amount')).message).toMatch(/^No such column 'Amount' on entity 'Name'/);
  });

  test('Name has no relationships to follow on', async () => {
    expect((await errorOf('SELECT What.Owner.Name FROM Event')).message).toMatch(/^Didn't understand relationship 'Owner' in field path/);
  });

  test('a one-target reference still answers with its own object (Account.Type is the Account field)', async () => {
    const { records } = await org.query(`SELECT Account.Type, Account.Phone FROM Event WHERE Id = '${E_ACC}'`);
    expect(records[0]!.Account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v64.0/sobjects/Account/${ACC}` },
      Type: 'Customer - Direct',
      Phone: '555-0100',
    });
  });

  test('describe marks a reference to several objects polymorphicForeignKey, a one-target one not', async () => {
    const { fields } = await org.describe('Event');
    const flag = (name: string) => fields.find((f) => f.name === name)?.polymorphicForeignKey;
    expect([flag('WhatId'), flag('AccountId')]).toEqual([true, false]);
  });

  test('a reference declared polymorphic with one referenceTo leads to Name too (ReferenceRecord)', async () => {
    const built = await MockOrg.fromFixtures({
      records: {
        InsurancePolicy: [{ Id: makeId('0YT', 1), Name: 'P-1' }],
        InsuranceAsyncBulkRecordDetail: [{ Id: makeId('0rh', 1), ReferenceRecordId: makeId('0YT', 1) }],
      },
    });
    const { records } = await built.query('SELECT ReferenceRecord.Name, ReferenceRecord.Type FROM InsuranceAsyncBulkRecordDetail');
    expect(records[0]!.ReferenceRecord).toMatchObject({ attributes: { type: 'Name' }, Name: 'P-1', Type: 'InsurancePolicy' });
  });

  test('columns=true metadata of a polymorphic relationship lists Name fields, none writable', () => {
    const { columnMetadata } = queryColumns(org, 'SELECT What.Name, What.Type FROM Event');
    expect(columnMetadata).toHaveLength(1);
    expect(columnMetadata[0]).toMatchObject({ columnName: 'What', foreignKeyName: 'WhatId' });
    expect(columnMetadata[0]!.joinColumns.map((c) => [c.columnName, c.apexType, c.insertable, c.updatable])).toEqual([
      ['Name', 'String', false, false],
      ['Type', 'String', false, false],
    ]);
  });

  // TYPEOF: test/mock-org/soql/typeof.test.ts.
});
