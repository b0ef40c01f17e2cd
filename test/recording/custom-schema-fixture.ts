import type { FixtureDocument } from '../../src/mock-org/fixtures/types';

/**
 * An org with what a team's own org has beyond the catalog: custom objects with picklists (some
 * labelled), multi-select picklists, a polymorphic reference, named and unnamed child relationships,
 * read-only fields and objects, idLookup fields, and a built-in object given custom fields.
 */
export function customSchemaOrg(): FixtureDocument {
  return {
    schema: {
      Account: {
        keyPrefix: '001',
        label: 'Account',
        fields: {
          Name: { type: 'string', label: 'Account Name', nillable: false },
          Industry: { type: 'picklist', label: 'Industry', picklistValues: ['Banking', 'Insurance', 'Retail'] },
          Phone: { type: 'phone', label: 'Account Phone', length: 40 },
          Website: { type: 'url', label: 'Website' },
          AnnualRevenue: { type: 'currency', label: 'Annual Revenue' },
          ParentId: { type: 'reference', label: 'Parent Account ID', referenceTo: ['Account'], relationshipName: 'Parent' },
        },
      },
      Claim__c: {
        keyPrefix: 'a01',
        label: 'Claim',
        fields: {
          Name: { type: 'string', label: 'Claim Number', length: 80, idLookup: true },
          Status__c: {
            type: 'picklist',
            label: 'Status',
            picklistValues: ['new', 'open', 'closed'],
            picklistLabels: { new: 'New', open: 'Open' },
          },
          Perils__c: { type: 'multipicklist', label: 'Perils', picklistValues: ['Fire', 'Flood', 'Theft'] },
          Notes__c: { type: 'textarea', label: 'Notes', length: 4000 },
          Contact_Email__c: { type: 'email', label: 'Contact Email', length: 80 },
          Amount__c: { type: 'double', label: 'Amount' },
          Share__c: { type: 'percent', label: 'Share' },
          Count__c: { type: 'int', label: 'Count' },
          Reported__c: { type: 'date', label: 'Reported' },
          Closed__c: { type: 'datetime', label: 'Closed At' },
          Urgent__c: { type: 'boolean', label: 'Urgent' },
          External_Ref__c: { type: 'string', label: 'External Ref', length: 40, idLookup: true, updateable: false },
          Formula__c: { type: 'string', label: 'Formula', createable: false, updateable: false },
          Account__c: { type: 'reference', label: 'Account', referenceTo: ['Account'], relationshipName: 'Account__r', childRelationshipName: 'Claims__r' },
          Policy__c: {
            type: 'reference',
            label: 'Policy',
            referenceTo: ['InsurancePolicy'],
            relationshipName: 'Policy__r',
            childRelationshipName: 'Claims__r',
            nillable: false,
          },
          Subject__c: {
            type: 'reference',
            label: 'Subject',
            referenceTo: ['Account', 'InsurancePolicy'],
            relationshipName: 'Subject__r',
            childRelationshipName: 'SubjectClaims__r',
          },
          Job__c: { type: 'reference', label: 'Job', referenceTo: ['AsyncApexJob'], relationshipName: 'Job__r' },
        },
      },
      Claim_Line__c: {
        keyPrefix: 'a02',
        label: 'Claim Line',
        deletable: false,
        fields: {
          Claim__c: { type: 'reference', label: 'Claim', referenceTo: ['Claim__c'], relationshipName: 'Claim__r', childRelationshipName: 'Lines__r' },
          Any__c: { type: 'reference', label: 'Anything', referenceTo: ['Account'], relationshipName: 'Any__r', polymorphic: true },
        },
      },
      Audit_Log__c: { keyPrefix: 'a03', label: 'Audit Log', createable: false, updateable: false, fields: { Message__c: { type: 'string', length: 1000 } } },
      InsurancePolicy: {
        keyPrefix: '0YT',
        fields: {
          Status: { type: 'picklist', label: 'Status', picklistValues: ['Draft', 'Active', 'Lapsed'] },
          Region__c: { type: 'picklist', label: 'Region', picklistValues: ['North', 'South'] },
        },
      },
    },
  };
}
