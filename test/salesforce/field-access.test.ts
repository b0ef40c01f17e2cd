import { unreadableFields, type FieldNeed } from '../../src/salesforce/field-access';
import { OrgError, type DescribeResult, type FieldDescribe, type Org } from '../../src/core/org';

function field(name: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    name,
    label: name,
    type: 'string',
    nillable: true,
    filterable: true,
    idLookup: false,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    length: 255,
    ...extra,
  };
}

const DESCRIBES: Record<string, DescribeResult> = {
  Link: {
    name: 'Link',
    label: 'Link',
    keyPrefix: 'a01',
    queryable: true,
    retrieveable: true,
    fields: [field('PolicyId'), field('ItemId', { type: 'reference', referenceTo: ['Item'], relationshipName: 'Item' })],
  },
  Item: { name: 'Item', label: 'Item', keyPrefix: 'a02', queryable: true, retrieveable: true, fields: [field('Id')] },
};

/** An org whose describes come from DESCRIBES (Hidden: INVALID_TYPE; Flaky: fails once), counting describe calls. */
function describingOrg(cacheKey: string): { org: Org; calls: string[] } {
  const calls: string[] = [];
  let flaky = 0;
  const org: Org = {
    cacheKey,
    query: async () => ({ totalSize: 0, done: true, records: [] }),
    describe: async (sobject) => {
      calls.push(sobject);
      if (sobject === 'Flaky' && flaky++ === 0) throw new OrgError('SERVER_UNAVAILABLE', 'try later', 503);
      const describe = DESCRIBES[sobject] ?? (sobject === 'Flaky' ? DESCRIBES.Item : undefined);
      if (!describe) throw new OrgError('INVALID_TYPE', `sObject type '${sobject}' is not supported.`);
      return describe;
    },
  };
  return { org, calls };
}

describe('unreadableFields: field-level security read from describe', () => {
  it('names each unreadable Object.Field in the needs order: a missing field, a broken relationship, a parent field, an unseen object', async () => {
    const { org } = describingOrg('u1');
    const needs: FieldNeed[] = [
      { sobject: 'Link', fields: ['PolicyId', 'Missing', 'Item.Id', 'Item.Secret', 'Nope.Id'] },
      { sobject: 'Hidden', fields: ['Id'] },
    ];
    await expect(unreadableFields(org, needs)).resolves.toEqual(['Link.Missing', 'Item.Secret', 'Link.NopeId', 'Hidden.Id']);
  });

  it('works a verdict out once per user and needs list, and again for another user', async () => {
    const needs: FieldNeed[] = [{ sobject: 'Link', fields: ['PolicyId', 'Item.Id'] }];
    const a = describingOrg('user-a');
    for (let i = 0; i < 3; i++) await expect(unreadableFields(a.org, needs)).resolves.toEqual([]);
    expect(a.calls).toEqual(['Link', 'Item']);
    const b = describingOrg('user-b');
    await unreadableFields(b.org, needs);
    expect(b.calls).toEqual(['Link', 'Item']);
  });

  it('drops a verdict that failed for a passing reason, so the next call asks the org again', async () => {
    const { org, calls } = describingOrg('user-flaky');
    const needs: FieldNeed[] = [{ sobject: 'Flaky', fields: ['Id'] }];
    await expect(unreadableFields(org, needs)).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    await expect(unreadableFields(org, needs)).resolves.toEqual([]);
    expect(calls).toEqual(['Flaky', 'Flaky']);
  });
});
