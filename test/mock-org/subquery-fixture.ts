import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { makeId } from '../../src/salesforce/ids';

export const ACME = makeId('001', 1);
export const GLOBEX = makeId('001', 2);
export const INITECH = makeId('001', 3);
/** Contacts: Ann and Bob at Acme, Cid at Globex, Dee with no account. */
export const ANN = makeId('003', 1);
export const BOB = makeId('003', 2);
export const CID = makeId('003', 3);
export const DEE = makeId('003', 4);
export const OPP_ACME = makeId('006', 1);
export const OPP_GLOBEX = makeId('006', 2);

/**
 * Accounts with contacts and opportunities, declared with their child relationship names (as
 * Salesforce names them: Contacts, Opportunities). Initech has neither.
 */
export function accountsOrg(): FixtureDocument {
  return {
    users: {
      admin: { default: true },
      noContacts: { hiddenObjects: ['Contact'] },
      noAccountLink: { hiddenFields: ['Contact.AccountId'] },
      noEmail: { hiddenFields: ['Contact.Email'] },
    },
    schema: {
      Account: { keyPrefix: '001', fields: { Name: { type: 'string' }, Industry: { type: 'picklist' } } },
      Contact: {
        keyPrefix: '003',
        fields: {
          LastName: { type: 'string' },
          Email: { type: 'email' },
          LeadSource: { type: 'picklist' },
          AccountId: { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', childRelationshipName: 'Contacts' },
        },
      },
      Opportunity: {
        keyPrefix: '006',
        fields: {
          Name: { type: 'string' },
          StageName: { type: 'picklist' },
          Amount: { type: 'currency' },
          AccountId: { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', childRelationshipName: 'Opportunities' },
          ContactId: { type: 'reference', referenceTo: ['Contact'], relationshipName: 'Contact' },
        },
      },
    },
    records: {
      Account: [
        { Id: ACME, Name: 'Acme', Industry: 'Energy' },
        { Id: GLOBEX, Name: 'Globex', Industry: 'Banking' },
        { Id: INITECH, Name: 'Initech', Industry: 'Banking' },
      ],
      Contact: [
        { Id: ANN, LastName: 'Ann', Email: 'ann@acme.test', LeadSource: 'Web', AccountId: ACME },
        { Id: BOB, LastName: 'Bob', Email: 'bob@acme.test', LeadSource: 'Phone', AccountId: ACME },
        { Id: CID, LastName: 'Cid', Email: 'cid@globex.test', LeadSource: 'Web', AccountId: GLOBEX },
        { Id: DEE, LastName: 'Dee', Email: null, LeadSource: 'Web', AccountId: null },
      ],
      Opportunity: [
        { Id: OPP_ACME, Name: 'Acme deal', StageName: 'Closed Won', Amount: 100, AccountId: ACME, ContactId: BOB },
        { Id: OPP_GLOBEX, Name: 'Globex deal', StageName: 'Prospecting', Amount: 50, AccountId: GLOBEX, ContactId: null },
      ],
    },
  };
}
