import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';

/**
 * Six policies of two agencies, small enough to work every aggregate out by hand (the tests say
 * how). Status__c declares Draft, Active, Lapsed: MIN/MAX and ORDER BY follow that order.
 */
export function policies(): FixtureDocument {
  return {
    schema: {
      Agency__c: {
        keyPrefix: 'a02',
        fields: { Name: { type: 'string', length: 80 }, Region__c: { type: 'picklist', picklistValues: ['West', 'East'] } },
      },
      Policy__c: {
        keyPrefix: 'a03',
        fields: {
          Name: { type: 'string', length: 80 },
          Status__c: { type: 'picklist', picklistValues: ['Draft', 'Active', 'Lapsed'] },
          Premium__c: { type: 'currency' },
          Count__c: { type: 'int' },
          Issued__c: { type: 'date' },
          Signed__c: { type: 'datetime' },
          Notes__c: { type: 'textarea' },
          Short__c: { type: 'textarea', length: 200 },
          Flag__c: { type: 'boolean' },
          Agency__c: { type: 'reference', referenceTo: ['Agency__c'], relationshipName: 'Agency__r' },
        },
      },
    },
    records: {
      Agency__c: [
        { Id: 'a02000000000001AAA', Name: 'Acme', Region__c: 'West' },
        { Id: 'a02000000000002AAA', Name: 'Zenith', Region__c: 'East' },
      ],
      Policy__c: [
        {
          Id: 'a03000000000001AAA',
          Name: 'alpha',
          Status__c: 'Active',
          Premium__c: 100,
          Count__c: 1,
          Issued__c: '2026-01-10',
          Signed__c: '2026-01-10T09:00:00.000+0000',
          Short__c: 'x',
          Flag__c: true,
          Agency__c: 'a02000000000001AAA',
        },
        {
          Id: 'a03000000000002AAA',
          Name: 'beta',
          Status__c: 'Active',
          Premium__c: 250,
          Count__c: 2,
          Issued__c: '2026-03-05',
          Signed__c: '2026-03-05T17:30:00.000+0000',
          Short__c: 'X',
          Flag__c: false,
          Agency__c: 'a02000000000001AAA',
        },
        {
          Id: 'a03000000000003AAA',
          Name: 'gamma',
          Status__c: 'Lapsed',
          Premium__c: null,
          Count__c: 3,
          Issued__c: '2025-12-31',
          Signed__c: null,
          Short__c: 'y',
          Flag__c: true,
          Agency__c: 'a02000000000002AAA',
        },
        {
          Id: 'a03000000000004AAA',
          Name: 'delta',
          Status__c: 'Draft',
          Premium__c: 50,
          Count__c: null,
          Issued__c: null,
          Signed__c: null,
          Short__c: null,
          Flag__c: false,
          Agency__c: 'a02000000000002AAA',
        },
        {
          Id: 'a03000000000005AAA',
          Name: 'Alpha',
          Status__c: 'Active',
          Premium__c: 400,
          Count__c: 5,
          Issued__c: '2026-02-01',
          Signed__c: '2026-02-01T00:00:00.000+0000',
          Short__c: null,
          Flag__c: false,
          Agency__c: null,
        },
        {
          Id: 'a03000000000006AAA',
          Name: 'eps',
          Status__c: null,
          Premium__c: 25,
          Count__c: 1,
          Issued__c: '2026-01-10',
          Signed__c: null,
          Short__c: null,
          Flag__c: true,
          Agency__c: 'a02000000000001AAA',
        },
      ],
    },
    users: {
      admin: { default: true },
      agent: { hiddenFields: ['Policy__c.Premium__c', 'Agency__c.Region__c'] },
    },
  };
}
