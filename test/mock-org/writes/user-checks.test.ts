import { POLICY_1, JOB, refusal, START, writeOrg } from './write-fixture';
import { mockUserId } from '../../../src/mock-org/schema/users';
import { isValidId, makeId } from '../../../src/salesforce/ids';

const NO_POLICY = makeId('0YT', 999);

/** Issue 14 item 1: the mock org refuses a user's write as Salesforce's REST API does, code, wording and fields. */
describe('create as a user', () => {
  test('answers an 18-character Id of the object and stores the values, audit fields and boolean defaults', () => {
    const { org } = writeOrg();
    const id = org.createSync('Claim__c', {
      attributes: { type: 'Claim__c' },
      Name: 'C-1',
      Number__c: 'N1',
      Amount__c: 12.5,
      Filed__c: '2026-11-01',
      Seen__c: '2026-11-01T10:00:00+01:00',
    });
    expect(id).toMatch(/^a01[0-9A-Za-z]{15}$/);
    const [record] = org.querySync(
      'SELECT Id, Name, Amount__c, Filed__c, Seen__c, Urgent__c, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp FROM Claim__c WHERE Id = :id',
      { id },
    ).records;
    const now = '2026-11-05T10:00:00.000+0000';
    expect(record).toMatchObject({ Id: id, Name: 'C-1', Amount__c: 12.5, Filed__c: '2026-11-01', Seen__c: '2026-11-01T09:00:00.000+0000', Urgent__c: false });
    expect(record).toMatchObject({ CreatedDate: now, LastModifiedDate: now, SystemModstamp: now, CreatedById: org.userId, LastModifiedById: org.userId });
  });

  test("the running user's Id is 005 + their place in the fixture's users", () => {
    const { org } = writeOrg('agent');
    expect(org.userId).toBe(mockUserId(1));
    expect(org.asUser('admin').userId).toBe(mockUserId(0));
    expect(mockUserId(0)).toBe('0055w0000000001AAA');
  });

  test('an unknown object, or one hidden from the user, is 404 NOT_FOUND', () => {
    const { org } = writeOrg('agent');
    const body = { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', status: 404 };
    expect(refusal(() => org.createSync('Nope__c', { Name: 'x' }))).toEqual(body);
    expect(refusal(() => org.createSync('InsuranceAsyncBulkRequest', { Name: 'x' }))).toEqual(body);
  });

  test('AsyncApexJob and User do not support insert, update or delete for users (INVALID_TYPE_FOR_OPERATION)', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('AsyncApexJob', { Status: 'Queued' }))).toEqual({
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
      message: 'entity type AsyncApexJob does not support insert',
      status: 400,
    });
    expect(refusal(() => org.updateSync('AsyncApexJob', JOB, { Status: 'Aborted' })).message).toBe('entity type AsyncApexJob does not support update');
    expect(refusal(() => org.deleteSync('AsyncApexJob', JOB)).message).toBe('entity type AsyncApexJob does not support delete');
    expect(refusal(() => org.createSync('User', { Name: 'x' })).message).toBe('entity type User does not support insert');
  });

  test('a fixture may declare an object not updateable or not deletable', () => {
    const { org } = writeOrg();
    const id = org.createSync('Archive__c', { Name: 'kept' });
    expect(refusal(() => org.updateSync('Archive__c', id, { Name: 'changed' })).errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    expect(refusal(() => org.deleteSync('Archive__c', id)).message).toBe('entity type Archive__c does not support delete');
  });

  test('an unknown field is INVALID_FIELD in the REST wording', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Bogus__c: 1 }))).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Bogus__c' on sobject of type Claim__c",
      status: 400,
    });
  });

  test('a field hidden from the user is INVALID_FIELD like a missing one (FLS)', () => {
    const { org } = writeOrg('agent');
    expect(refusal(() => org.createSync('InsurancePolicy', { Name: 'P', ReferencePolicyNumber: 'R' }))).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'ReferencePolicyNumber' on sobject of type InsurancePolicy",
      status: 400,
    });
    expect(org.asUser('admin').createSync('InsurancePolicy', { Name: 'P', ReferencePolicyNumber: 'R' })).toMatch(/^0YT/);
  });

  const notWritable = (fields: string[]) => ({
    errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    message: `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    status: 400,
    fields,
  });

  test('the Id and the audit fields cannot be set on insert, all named in one INVALID_FIELD_FOR_INSERT_UPDATE', () => {
    const { org } = writeOrg();
    const fields = {
      Id: 'a015w0000000009AAA',
      Number__c: 'N',
      CreatedDate: '2026-01-01T00:00:00Z',
      CreatedById: org.userId,
      LastModifiedDate: null,
      LastModifiedById: null,
      SystemModstamp: null,
    };
    expect(refusal(() => org.createSync('Claim__c', fields))).toEqual(
      notWritable(['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']),
    );
  });

  test('a field declared createable false cannot be set on insert, one declared updateable false not on update', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Stamp__c: 's' }))).toEqual(notWritable(['Stamp__c']));
    const id = org.createSync('Claim__c', { Number__c: 'N', Origin__c: 'web' });
    expect(refusal(() => org.updateSync('Claim__c', id, { Origin__c: 'phone' }))).toEqual(notWritable(['Origin__c']));
    org.updateSync('Claim__c', id, { Stamp__c: 'later' });
    expect(org.querySync('SELECT Stamp__c, Origin__c FROM Claim__c WHERE Id = :id', { id }).records[0]).toMatchObject({ Stamp__c: 'later', Origin__c: 'web' });
  });

  test("a field in the user's readOnlyFields cannot be written by them (FLS), but by others", () => {
    const { org } = writeOrg('agent');
    expect(refusal(() => org.createSync('InsurancePolicy', { Name: 'P', Status: 'Active' }))).toEqual(notWritable(['Status']));
    expect(refusal(() => org.updateSync('InsurancePolicy', POLICY_1, { Status: 'Lapsed' }))).toEqual(notWritable(['Status']));
    org.asUser('admin').updateSync('InsurancePolicy', POLICY_1, { Status: 'Lapsed' });
    expect(org.querySync('SELECT Status FROM InsurancePolicy WHERE Id = :id', { id: POLICY_1 }).records[0]!.Status).toBe('Lapsed');
  });

  test.each([
    ['Amount__c', 'ten', 'Cannot deserialize instance of double from VALUE_STRING value ten or request may be missing a required field'],
    ['Count__c', 1.5, 'Cannot deserialize instance of int from VALUE_NUMBER_FLOAT value 1.5 or request may be missing a required field'],
    ['Urgent__c', 'yes', 'Cannot deserialize instance of boolean from VALUE_STRING value yes or request may be missing a required field'],
    ['Filed__c', '2026-13-01', 'Cannot deserialize instance of date from VALUE_STRING value 2026-13-01 or request may be missing a required field'],
    [
      'Seen__c',
      '2026-11-01 10:00',
      'Cannot deserialize instance of datetime from VALUE_STRING value 2026-11-01 10:00 or request may be missing a required field',
    ],
    ['Name', { a: 1 }, 'Cannot deserialize instance of string from START_OBJECT value { or request may be missing a required field'],
    ['Policy__c', 12, 'Cannot deserialize instance of id from VALUE_NUMBER_INT value 12 or request may be missing a required field'],
  ])('%s = %j is JSON_PARSER_ERROR', (field, value, message) => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', [field]: value }))).toEqual({ errorCode: 'JSON_PARSER_ERROR', message, status: 400 });
  });

  test('a string past its length is STRING_TOO_LONG naming the field by label', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Code__c: 'ABCDEF' }))).toEqual({
      errorCode: 'STRING_TOO_LONG',
      message: 'Claim Code: data value too large: ABCDEF (max length=5)',
      status: 400,
      fields: ['Code__c'],
    });
  });

  test('a value off a restricted picklist is INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Stage__c: 'Pending' }))).toEqual({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Stage: bad value for restricted picklist field: Pending',
      status: 400,
      fields: ['Stage__c'],
    });
  });

  test('a reference that is no Id is MALFORMED_ID; an Id of another object FIELD_INTEGRITY_EXCEPTION; of no record INVALID_CROSS_REFERENCE_KEY', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Policy__c: 'not-an-id' }))).toEqual({
      errorCode: 'MALFORMED_ID',
      message: 'Policy: id value of incorrect type: not-an-id',
      status: 400,
      fields: ['Policy__c'],
    });
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Policy__c: JOB }))).toEqual({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `Policy: id value of incorrect type: ${JOB}`,
      status: 400,
      fields: ['Policy__c'],
    });
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Policy__c: NO_POLICY }))).toEqual({
      errorCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: 'invalid cross reference id',
      status: 400,
      fields: [],
    });
  });

  test('a reference may be given in 15 characters and is stored in 18; a fixture user counts as a User record', () => {
    const { org } = writeOrg();
    const id = org.createSync('Claim__c', { Number__c: 'N', Policy__c: POLICY_1.slice(0, 15), Owner__c: org.userId });
    expect(org.querySync('SELECT Policy__c, Policy__r.Name, Owner__c FROM Claim__c WHERE Id = :id', { id }).records[0]).toMatchObject({
      Policy__c: POLICY_1,
      Policy__r: { Name: 'P-0001' },
      Owner__c: org.userId,
    });
  });

  test('a reference to a deleted record is INVALID_CROSS_REFERENCE_KEY', () => {
    const { org } = writeOrg();
    const policy = org.createSync('InsurancePolicy', { Name: 'gone' });
    org.deleteSync('InsurancePolicy', policy);
    expect(refusal(() => org.createSync('Claim__c', { Number__c: 'N', Policy__c: policy })).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  test('a required field missing or null on insert is REQUIRED_FIELD_MISSING with its name; InsurancePolicy.Name is required', () => {
    const { org } = writeOrg();
    const body = (field: string) => ({ errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${field}]`, status: 400, fields: [field] });
    expect(refusal(() => org.createSync('Claim__c', { Name: 'C' }))).toEqual(body('Number__c'));
    expect(refusal(() => org.createSync('Claim__c', { Number__c: null }))).toEqual(body('Number__c'));
    expect(refusal(() => org.createSync('InsurancePolicy', { ReferencePolicyNumber: 'R' }))).toEqual(body('Name'));
  });

  test('an update setting a required field to null is REQUIRED_FIELD_MISSING; leaving it out is fine', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.updateSync('InsurancePolicy', POLICY_1, { Name: null }))).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] });
    org.updateSync('InsurancePolicy', POLICY_1, { ReferencePolicyNumber: 'REF-X' });
    expect(org.querySync('SELECT Name FROM InsurancePolicy WHERE Id = :id', { id: POLICY_1 }).records[0]!.Name).toBe('P-0001');
  });

  test('a refused write changes nothing, even when an earlier field was fine', () => {
    const { org } = writeOrg();
    expect(refusal(() => org.updateSync('InsurancePolicy', POLICY_1, { Name: 'renamed', ParentPolicyId: 'bad' })).errorCode).toBe('MALFORMED_ID');
    expect(org.querySync('SELECT Name FROM InsurancePolicy WHERE Id = :id', { id: POLICY_1 }).records[0]!.Name).toBe('P-0001');
    expect(org.querySync('SELECT COUNT() FROM Claim__c').totalSize).toBe(0);
  });
});

describe('update and delete as a user', () => {
  test('an update sets the fields given and the audit fields, leaving CreatedDate', () => {
    const { org, clock } = writeOrg();
    clock.now = START + 60_000;
    org.updateSync('InsurancePolicy', POLICY_1, { Name: 'P-0001b', IsPolicyEditLocked: true });
    const [record] = org.querySync(
      'SELECT Name, IsPolicyEditLocked, CreatedDate, LastModifiedDate, SystemModstamp, LastModifiedById FROM InsurancePolicy WHERE Id = :id',
      {
        id: POLICY_1,
      },
    ).records;
    expect(record).toMatchObject({ Name: 'P-0001b', IsPolicyEditLocked: true, CreatedDate: '2026-11-05T10:00:00.000+0000' });
    expect(record).toMatchObject({
      LastModifiedDate: '2026-11-05T10:01:00.000+0000',
      SystemModstamp: '2026-11-05T10:01:00.000+0000',
      LastModifiedById: org.userId,
    });
  });

  test('an unknown Id, a malformed one, or an Id of another object is 404 NOT_FOUND', () => {
    const { org } = writeOrg();
    const body = { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', status: 404 };
    expect(isValidId(NO_POLICY)).toBe(true);
    expect(refusal(() => org.updateSync('InsurancePolicy', NO_POLICY, { Name: 'x' }))).toEqual(body);
    expect(refusal(() => org.updateSync('InsurancePolicy', 'nope', { Name: 'x' }))).toEqual(body);
    expect(refusal(() => org.deleteSync('InsurancePolicy', JOB))).toEqual(body);
    expect(refusal(() => org.deleteSync('Claim__c', POLICY_1))).toEqual(body);
  });

  test('a deleted record is ENTITY_IS_DELETED on a second delete and on an update', () => {
    const { org } = writeOrg();
    org.deleteSync('InsurancePolicy', POLICY_1.slice(0, 15));
    const body = { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', status: 400, fields: [] };
    expect(refusal(() => org.deleteSync('InsurancePolicy', POLICY_1))).toEqual(body);
    expect(refusal(() => org.updateSync('InsurancePolicy', POLICY_1, { Name: 'back' }))).toEqual(body);
  });

  test('the async methods answer as the sync ones do', async () => {
    const { org } = writeOrg();
    const id = await org.create('InsurancePolicy', { Name: 'async' });
    await org.update('InsurancePolicy', id, { Name: 'async 2' });
    expect(org.querySync('SELECT Name FROM InsurancePolicy WHERE Id = :id', { id }).records[0]!.Name).toBe('async 2');
    await org.delete('InsurancePolicy', id);
    await expect(org.delete('InsurancePolicy', id)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
  });
});
