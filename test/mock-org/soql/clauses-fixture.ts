import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { isOrgError, OrgError } from '../../../src/core/org';
import { mockUserId } from '../../../src/mock-org/schema/users';
import { makeId } from '../../../src/salesforce/ids';

/** Accounts owned by two users, with custom fields; `rep` cannot see Account.Secret__c or Account.Phone, `outsider` no Account at all. */
export const ADMIN_ID = mockUserId(0);
export const REP_ID = mockUserId(1);
export const ACC_1 = makeId('001', 1);
export const ACC_2 = makeId('001', 2);
export const ACC_3 = makeId('001', 3);

export function clausesOrg(): FixtureDocument {
  return {
    users: {
      admin: { default: true },
      rep: { hiddenFields: ['Account.Secret__c', 'Account.Phone'] },
      outsider: { hiddenObjects: ['Account'] },
    },
    schema: {
      Account: {
        keyPrefix: '001',
        fields: {
          Name: { type: 'string' },
          Phone: { type: 'phone' },
          OwnerId: { type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' },
          Tier__c: { type: 'picklist' },
          Secret__c: { type: 'string' },
        },
      },
      Note__c: { keyPrefix: 'a01', fields: { Body__c: { type: 'string' } } },
    },
    records: {
      Account: [
        { Id: ACC_1, Name: 'Acme', Phone: '555-0100', OwnerId: ADMIN_ID, Tier__c: 'Gold', Secret__c: 's1' },
        { Id: ACC_2, Name: 'Globex', Phone: '555-0200', OwnerId: REP_ID, Tier__c: 'Silver', Secret__c: 's2' },
        { Id: ACC_3, Name: 'Initech', OwnerId: REP_ID, Tier__c: 'Gold' },
      ],
      Note__c: [{ Id: makeId('a01', 1), Body__c: 'hello' }],
    },
  };
}

/** The OrgError a synchronous query throws. */
export function orgErrorOf(run: () => unknown): OrgError {
  try {
    run();
  } catch (err) {
    if (isOrgError(err)) return err;
    throw err;
  }
  throw new Error('expected the query to fail');
}

/** The Names a query answers, in order. */
export const names = (result: { records: Record<string, unknown>[] }): unknown[] => result.records.map((r) => r.Name);
