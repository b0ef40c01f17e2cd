import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { makeId } from '../../src/salesforce/ids';

export const ACC = makeId('001', 1);
export const OPP = makeId('006', 1);
export const E_ACC = makeId('00U', 1);
export const E_OPP = makeId('00U', 2);
export const E_NONE = makeId('00U', 3);

/** Event-like records whose What (Account or Opportunity) is an Account, an Opportunity, or empty. */
export function eventsOrg(): FixtureDocument {
  return {
    schema: {
      Account: { keyPrefix: '001', fields: { Name: { type: 'string' }, Type: { type: 'picklist' }, Phone: { type: 'phone' } } },
      Opportunity: { keyPrefix: '006', fields: { Name: { type: 'string' }, Amount: { type: 'currency' } } },
      Event: {
        keyPrefix: '00U',
        fields: {
          Subject: { type: 'string' },
          WhatId: { type: 'reference', referenceTo: ['Account', 'Opportunity'], relationshipName: 'What' },
          AccountId: { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
        },
      },
    },
    records: {
      Account: [{ Id: ACC, Name: 'Acme', Type: 'Customer - Direct', Phone: '555-0100' }],
      Opportunity: [{ Id: OPP, Name: 'Big Deal', Amount: 5000 }],
      Event: [
        { Id: E_ACC, Subject: 'a', WhatId: ACC, AccountId: ACC },
        { Id: E_OPP, Subject: 'b', WhatId: OPP },
        { Id: E_NONE, Subject: 'c' },
      ],
    },
  };
}
