import { MockOrg } from '../../../src/mock-org/mock-org';
import { validateFixtures } from '../../../src/mock-org/fixtures/load';
import { writeFixture, writeOrg } from './write-fixture';

/** Issue 14 item 1: describe tells each user what they may write, as a real org's describe does. */
describe('describe answers write flags per user', () => {
  const field = (org: MockOrg, object: string, name: string) => org.describeSync(object).fields.find((f) => f.name === name)!;
  const flags = (org: MockOrg, object: string, name: string) => {
    const { createable, updateable, defaultedOnCreate, nillable } = field(org, object, name);
    return { createable, updateable, defaultedOnCreate, nillable };
  };

  test('objects: AsyncApexJob and User are read-only, others writable, a fixture may say otherwise', () => {
    const { org } = writeOrg();
    const objectFlags = (name: string) => {
      const { createable, updateable, deletable } = org.describeSync(name);
      return { createable, updateable, deletable };
    };
    expect(objectFlags('AsyncApexJob')).toEqual({ createable: false, updateable: false, deletable: false });
    expect(objectFlags('User')).toEqual({ createable: false, updateable: false, deletable: false });
    expect(objectFlags('InsurancePolicy')).toEqual({ createable: true, updateable: true, deletable: true });
    expect(objectFlags('Archive__c')).toEqual({ createable: true, updateable: false, deletable: false });
    expect(org.describeGlobal().sobjects.find((o) => o.name === 'AsyncApexJob')).toMatchObject({ createable: false, deletable: false });
  });

  test('objectAbilities (what the fake REST API checks on each write) says what describe says, and is NOT_FOUND where describe is', () => {
    const { org } = writeOrg();
    for (const name of ['AsyncApexJob', 'User', 'InsurancePolicy', 'Archive__c']) {
      const { createable, updateable, deletable } = org.describeSync(name);
      expect(org.objectAbilities(name.toLowerCase())).toEqual({ name, createable, updateable, deletable });
    }
    expect(() => org.objectAbilities('NoSuch__c')).toThrow(expect.objectContaining({ errorCode: 'NOT_FOUND', status: 404 }));
    const agent = org.asUser('agent');
    expect(() => agent.describeSync('InsuranceAsyncBulkRequest')).toThrow(expect.objectContaining({ errorCode: 'NOT_FOUND' }));
    expect(() => agent.objectAbilities('InsuranceAsyncBulkRequest')).toThrow(expect.objectContaining({ errorCode: 'NOT_FOUND' }));
  });

  test('fields: Id and audit fields are not writable and defaulted; booleans defaulted; InsurancePolicy.Name required', () => {
    const { org } = writeOrg();
    expect(flags(org, 'InsurancePolicy', 'Id')).toEqual({ createable: false, updateable: false, defaultedOnCreate: true, nillable: false });
    expect(flags(org, 'InsurancePolicy', 'CreatedDate')).toEqual({ createable: false, updateable: false, defaultedOnCreate: true, nillable: true });
    expect(flags(org, 'InsurancePolicy', 'IsPolicyEditLocked')).toEqual({ createable: true, updateable: true, defaultedOnCreate: true, nillable: false });
    expect(flags(org, 'InsurancePolicy', 'Name')).toEqual({ createable: true, updateable: true, defaultedOnCreate: false, nillable: false });
    expect(flags(org, 'AsyncApexJob', 'Status')).toMatchObject({ createable: false, updateable: false });
    expect(flags(org, 'Claim__c', 'Stamp__c')).toMatchObject({ createable: false, updateable: true });
    expect(flags(org, 'Claim__c', 'Origin__c')).toMatchObject({ createable: true, updateable: false });
  });

  test("a user's readOnlyFields are createable and updateable false for them only; hidden fields are absent", () => {
    const { org } = writeOrg('agent');
    expect(flags(org, 'InsurancePolicy', 'Status')).toMatchObject({ createable: false, updateable: false });
    expect(flags(org.asUser('admin'), 'InsurancePolicy', 'Status')).toMatchObject({ createable: true, updateable: true });
    expect(org.describeSync('InsurancePolicy').fields.map((f) => f.name)).not.toContain('ReferencePolicyNumber');
  });

  test('readOnlyFields and the write flags are checked when fixtures load', () => {
    const doc = writeFixture();
    doc.users!.agent!.readOnlyFields = ['InsurancePolicy.Nope', 'Ghost.Name'];
    (doc.schema!.Claim__c!.fields.Code__c as unknown as Record<string, unknown>).createable = 'no';
    (doc.schema!.Archive__c as unknown as Record<string, unknown>).deletable = 0;
    const messages = validateFixtures(doc).map((p) => `${p.object}${p.field ? `.${p.field}` : ''}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'users.agent.readOnlyFields: "InsurancePolicy.Nope": no such field on InsurancePolicy',
        'users.agent.readOnlyFields: "Ghost.Name" does not name a known object as "Object.Field"',
        'schema.Claim__c.Code__c: createable must be true or false',
        'schema.Archive__c: deletable must be true or false',
      ]),
    );
  });
});
