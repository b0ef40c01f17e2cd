import fc from 'fast-check';
import type { FieldDecl, FixtureRecord } from '../../src/mock-org/fixtures/types';
import { BUILT_IN_OBJECTS } from '../../src/mock-org/schema/catalog';
import { createAnonymizer, fakeKindOf } from '../../src/recording/anonymize';

const POLICY = BUILT_IN_OBJECTS.InsurancePolicy!.fields;
const JOB = BUILT_IN_OBJECTS.AsyncApexJob!.fields;
const CLAIM: Record<string, FieldDecl> = {
  Id: { type: 'id' },
  Name: { type: 'string', length: 80 },
  Policy_Number__c: { type: 'string', length: 40 },
  External_Ref__c: { type: 'string', length: 40, idLookup: true },
  Notes__c: { type: 'textarea', length: 4000 },
  Email__c: { type: 'email', length: 80 },
  Phone__c: { type: 'phone', length: 40 },
  Site__c: { type: 'url', length: 255 },
  Code__c: { type: 'string', length: 6 },
  Status__c: { type: 'picklist', picklistValues: ['open', 'closed'] },
  Perils__c: { type: 'multipicklist', picklistValues: ['Fire', 'Flood'] },
  Policy__c: { type: 'reference', referenceTo: ['InsurancePolicy'] },
  Amount__c: { type: 'currency' },
  Count__c: { type: 'int' },
  Reported__c: { type: 'date' },
  Closed__c: { type: 'datetime' },
  Urgent__c: { type: 'boolean' },
};
const KEPT = {
  Id: 'a015w000000Y8MNAA0',
  Status__c: 'open',
  Perils__c: 'Fire;Flood',
  Policy__c: '0YT5w000000Y8MNGA0',
  Amount__c: 12.5,
  Count__c: 3,
  Reported__c: '2026-11-01',
  Closed__c: '2026-11-01T10:00:00.000+0000',
  Urgent__c: true,
};

describe('createAnonymizer: stable fakes for names, reference numbers and free text', () => {
  const claim = {
    ...KEPT,
    Name: 'Jane Doe claim',
    Policy_Number__c: 'REF-0001',
    External_Ref__c: 'EXT-77',
    Notes__c: 'Water damage at 12 Elm St',
    Email__c: 'jane@acme.com',
    Phone__c: '+1 415 555 0100',
    Site__c: 'https://acme.com/jane',
    Code__c: 'ABC123',
  };

  test('fields of each kind get their shape within the field length; Ids, references, picklists, numbers, dates and booleans are kept as they are', () => {
    const out = createAnonymizer('salt-1').anonymizeRecord('Claim__c', CLAIM, claim);
    expect(out).toMatchObject(KEPT);
    expect(out.Name).toMatch(/^Name [0-9a-f]{16}$/);
    expect(out.Policy_Number__c).toMatch(/^N-[0-9a-f]{16}$/);
    expect(out.External_Ref__c).toMatch(/^N-[0-9a-f]{16}$/);
    expect(out.Notes__c).toMatch(/^Text [0-9a-f]{16}$/);
    expect(out.Email__c).toMatch(/^x-[0-9a-f]{16}@example\.invalid$/);
    expect(out.Phone__c).toMatch(/^\d{20}$/);
    expect(out.Site__c).toMatch(/^https:\/\/example\.invalid\/[0-9a-f]{16}$/);
    expect(out.Code__c).toMatch(/^[0-9a-f]{6}$/);
  });

  test('null stays null, a missing field stays missing, attributes are dropped', () => {
    const out = createAnonymizer('salt-1').anonymizeRecord('Claim__c', CLAIM, { attributes: { type: 'Claim__c' }, Id: KEPT.Id, Name: null, Notes__c: null });
    expect(out).toEqual({ Id: KEPT.Id, Name: null, Notes__c: null });
  });

  test('stable: the same salt gives the same fakes, record after record and anonymizer after anonymizer', () => {
    const a = createAnonymizer('salt-1');
    expect(a.anonymizeRecord('Claim__c', CLAIM, claim)).toEqual(a.anonymizeRecord('Claim__c', CLAIM, claim));
    expect(createAnonymizer('salt-1').anonymizeRecord('Claim__c', CLAIM, claim)).toEqual(a.anonymizeRecord('Claim__c', CLAIM, claim));
  });

  test('linked across objects: a reference number (or name) in two objects gets one fake', () => {
    const a = createAnonymizer('salt-1');
    const policy = a.anonymizeRecord('InsurancePolicy', POLICY, { Id: '0YT5w000000Y8MNGA0', Name: 'P-0001', ReferencePolicyNumber: 'REF-0001' });
    const other = a.anonymizeRecord('Claim__c', CLAIM, { Policy_Number__c: 'REF-0001', External_Ref__c: 'REF-0001', Name: 'P-0001' });
    expect(other.Policy_Number__c).toBe(policy.ReferencePolicyNumber);
    expect(other.External_Ref__c).toBe(policy.ReferencePolicyNumber);
    expect(other.Name).toBe(policy.Name);
  });

  test('a different salt gives different fakes for every replaced field', () => {
    const one = createAnonymizer('salt-1').anonymizeRecord('Claim__c', CLAIM, claim);
    const two = createAnonymizer('salt-2').anonymizeRecord('Claim__c', CLAIM, claim);
    for (const field of ['Name', 'Policy_Number__c', 'External_Ref__c', 'Notes__c', 'Email__c', 'Phone__c', 'Site__c', 'Code__c'])
      expect(two[field]).not.toBe(one[field]);
  });

  test('no original text of 8 characters or more survives anywhere in the anonymized record (fast-check)', () => {
    const fixedParts = ['Name ', 'Text ', 'N-', 'x-', '@example.invalid', 'https://example.invalid/'];
    const original = fc.string({ minLength: 8, maxLength: 60, unit: 'grapheme' }).filter((s) => !fixedParts.some((part) => part.includes(s)));
    const textFields = ['Name', 'Policy_Number__c', 'External_Ref__c', 'Notes__c', 'Email__c', 'Phone__c', 'Site__c'];
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(original, { minLength: textFields.length, maxLength: textFields.length }), (salt, values) => {
        const record: FixtureRecord = Object.fromEntries(textFields.map((field, i) => [field, values[i]]));
        const out = JSON.stringify(createAnonymizer(salt).anonymizeRecord('Claim__c', CLAIM, record));
        for (const value of values) expect(out).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });

  test('(ipemu) free text holding JSON keeps its structure: keys, numbers and booleans kept, every string value faked; JSON that would not fit becomes a plain fake', () => {
    const a = createAnonymizer('salt-1');
    const info = JSON.stringify({ accountId: '001000000000001AAA', note: 'call Jane Doe', count: 2, flags: [true, 'urgent case'] });
    const out = a.anonymizeRecord('Claim__c', CLAIM, { Notes__c: info }).Notes__c as string;
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual(['accountId', 'note', 'count', 'flags']);
    expect(parsed).toMatchObject({ count: 2, flags: [true, expect.stringMatching(/^Text [0-9a-f]{16}$/)], note: expect.stringMatching(/^Text [0-9a-f]{16}$/) });
    expect(out).not.toContain('Jane');
    expect(out).not.toContain('001000000000001AAA');
    const short = a.anonymizeRecord('Claim__c', { Notes__c: { type: 'textarea', length: 30 } }, { Notes__c: '{"a":"b","c":"d"}' }).Notes__c;
    expect(short).toMatch(/^Text [0-9a-f]{16}$/);
  });

  test('fakes fit their field: any length from 1 up, any kind (fast-check)', () => {
    const kinds = ['name', 'number', 'text', 'email', 'phone', 'url'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string(), fc.integer({ min: 1, max: 300 }), (kind, value, length) => {
        expect(createAnonymizer('s').fake(kind, value, length).length).toBeLessThanOrEqual(length);
      }),
    );
  });

  test("every free-text field of the catalog's built-in objects is replaced, every other field kept (ExtendedStatus, MethodName of AsyncApexJob included; Status and JobType kept)", () => {
    const a = createAnonymizer('catalog');
    for (const [object, decl] of Object.entries(BUILT_IN_OBJECTS)) {
      const record = Object.fromEntries(Object.keys(decl.fields).map((field) => [field, `original-value-of-${field}`]));
      const out = a.anonymizeRecord(object, decl.fields, record);
      for (const [field, fieldDecl] of Object.entries(decl.fields)) {
        const freeText = ['string', 'textarea', 'email', 'phone', 'url'].includes(fieldDecl.type);
        expect([`${object}.${field}`, out[field] !== record[field]]).toEqual([`${object}.${field}`, freeText]);
      }
    }
    expect(fakeKindOf('ExtendedStatus', JOB.ExtendedStatus!)).toBe('text');
    expect(fakeKindOf('Status', JOB.Status!)).toBeUndefined();
    expect(fakeKindOf('JobType', JOB.JobType!)).toBeUndefined();
    expect(fakeKindOf('ReferencePolicyNumber', POLICY.ReferencePolicyNumber!)).toBe('number');
    expect(fakeKindOf('FirstName', BUILT_IN_OBJECTS.User!.fields.FirstName!)).toBe('name');
  });

  test('a record field missing from the field list, and an empty salt, are refused with clear errors', () => {
    expect(() => createAnonymizer('s').anonymizeRecord('Claim__c', CLAIM, { Secret__c: 'x' })).toThrow(
      "Cannot anonymize Claim__c.Secret__c: it is not one of the object's fields.",
    );
    expect(() => createAnonymizer('')).toThrow('An anonymizer needs a non-empty salt.');
  });
});
