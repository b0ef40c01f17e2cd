import { MockOrg } from '../../../src/mock-org/mock-org';
import { OrgError } from '../../../src/core/org';
import { smallOrg } from '../fixture-data';

let org: MockOrg;
beforeAll(async () => {
  org = await MockOrg.fromFixtures(smallOrg());
});

async function failure(soql: string): Promise<OrgError> {
  const err = await org.query(soql).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OrgError);
  return err as OrgError;
}

const NO_SUCH_COLUMN = (field: string, entity: string) =>
  `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

describe("errors in Salesforce's codes and wording", () => {
  test.each([
    ['SELECT Foo FROM AsyncApexJob', 'Foo', 'AsyncApexJob'],
    ["SELECT Id FROM AsyncApexJob WHERE Foo = 'x'", 'Foo', 'AsyncApexJob'],
    ['SELECT Id FROM AsyncApexJob ORDER BY Foo', 'Foo', 'AsyncApexJob'],
    ['SELECT CreatedBy.Foo FROM AsyncApexJob', 'Foo', 'User'],
    ['SELECT CreatedBy FROM AsyncApexJob', 'CreatedBy', 'AsyncApexJob'],
  ])('%s → INVALID_FIELD No such column', async (soql, field, entity) => {
    const err = await failure(soql);
    expect(err).toMatchObject({ errorCode: 'INVALID_FIELD', status: 400, message: NO_SUCH_COLUMN(field, entity) });
    expect(err.toRestBody()).toEqual([{ errorCode: 'INVALID_FIELD', message: NO_SUCH_COLUMN(field, entity) }]);
  });

  test('an unknown object is INVALID_TYPE', async () => {
    expect(await failure('SELECT Id FROM Foo')).toMatchObject({
      errorCode: 'INVALID_TYPE',
      status: 400,
      message:
        "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    });
  });

  test.each([
    'SELECT Foo.Name FROM AsyncApexJob',
    "SELECT Id FROM AsyncApexJob WHERE Foo.Name = 'x'",
    'SELECT ApexClass.Name FROM AsyncApexJob', // a relationship to an object the mock org does not model
  ])("%s → INVALID_FIELD Didn't understand relationship", async (soql) => {
    const err = await failure(soql);
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toMatch(
      /^Didn't understand relationship '(Foo|ApexClass)' in field path\. If you are attempting to use a custom relationship, be sure to append the '__r'/,
    );
  });

  test.each([
    ['SELECT Id FROM', /^\nSELECT Id FROM\n {14}\^\nERROR at Row:1:Column:15\nunexpected token: '<EOF>'$/],
    ['SELECT Id FROM AsyncApexJob WHERE', /\nERROR at Row:1:Column:34\nunexpected token: '<EOF>'$/],
    ["SELECT Id FROM AsyncApexJob WHERE Status = 'a' AND Status = 'b' OR Status = 'c'", /use parentheses to mix AND and OR/],
    ['SELECT COUNT(), Id FROM AsyncApexJob', /COUNT\(\) must be the only element/],
    ["SELECT Id FROM AsyncApexJob WHERE Status = 'it\\qs'", /Invalid string literal/],
  ])('%s → MALFORMED_QUERY', async (soql, message) => {
    const err = await failure(soql);
    expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400 });
    expect(err.message).toMatch(message);
  });

  test.each([
    ['SELECT Status, COUNT(Id) FROM AsyncApexJob GROUP BY Status', 'GROUP BY'],
    ['SELECT MAX(NumberOfErrors) FROM AsyncApexJob', 'aggregate function MAX'],
    [
      'SELECT Id, (SELECT Id, (SELECT Id FROM InsuranceAsyncBulkRecordDetails) FROM InsuranceAsyncBulkRequestItems) FROM InsuranceAsyncBulkRequest',
      'subqueries inside a subquery',
    ],
    [
      'SELECT Id FROM InsurancePolicy WHERE Id IN (SELECT ReferenceRecordId FROM InsuranceAsyncBulkRecordDetail GROUP BY ReferenceRecordId)',
      'GROUP BY in a semi-join',
    ],
    ['SELECT Id FROM AsyncApexJob FOR UPDATE', 'FOR UPDATE'],
    ['SELECT Id FROM AsyncApexJob WITH SECURITY_ENFORCED', 'WITH SECURITY_ENFORCED'],
    ['SELECT Id FROM AsyncApexJob ORDER BY MAX(CreatedDate)', 'ORDER BY'],
  ])('unsupported: %s → MALFORMED_QUERY naming what is not supported', async (soql, feature) => {
    const err = await failure(soql);
    expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400 });
    expect(err.message).toContain('The mock org does not support');
    expect(err.message).toContain(feature);
  });

  test.each([
    [
      "SELECT Id FROM AsyncApexJob WHERE NumberOfErrors = '3'",
      "value of filter criterion for field 'NumberOfErrors' must be of type double and should not be enclosed in quotes",
    ],
    ['SELECT Id FROM AsyncApexJob WHERE Status = 3', "value of filter criterion for field 'Status' must be of type string and should be enclosed in quotes"],
    [
      'SELECT Id FROM AsyncApexJob WHERE CreatedDate > 2026-01-01',
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    ],
    ["SELECT Id FROM AsyncApexJob WHERE Id = 'abc'", 'invalid ID field: abc'],
    ['SELECT Id FROM AsyncApexJob WHERE NumberOfErrors LIKE 3', 'invalid operator LIKE on int field'],
    ["SELECT Id FROM AsyncApexJob WHERE Status INCLUDES ('a')", 'includes or excludes operator only valid on multipicklist field'],
  ])('%s → INVALID_QUERY_FILTER_OPERATOR', async (soql, message) => {
    expect(await failure(soql)).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', status: 400, message });
  });

  test('an error is raised again for each call, as a fresh error', async () => {
    const first = await failure('SELECT Nope FROM AsyncApexJob');
    const second = await failure('SELECT Nope FROM AsyncApexJob');
    expect(second).not.toBe(first);
    expect(second.message).toBe(first.message);
  });
});
