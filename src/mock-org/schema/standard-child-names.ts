import type { FieldDecl } from '../fixtures/types';

/**
 * Salesforce's own child relationship names for standard references (its object reference and
 * describe answers), applied when a fixture declares such a standard object without naming them:
 * a fixture's `Contact.AccountId` makes `(SELECT … FROM Contacts)` work on Account as in an org.
 * A fixture's own childRelationshipName wins; custom objects (`__c`) get none.
 */
const STANDARD_CHILD_NAMES: ReadonlyMap<string, string> = new Map([
  ['Contact.AccountId', 'Contacts'],
  ['Opportunity.AccountId', 'Opportunities'],
  ['Case.AccountId', 'Cases'],
  ['Case.ContactId', 'Cases'],
  ['Case.ParentId', 'Cases'],
  ['Asset.AccountId', 'Assets'],
  ['Asset.ContactId', 'Assets'],
  ['Contract.AccountId', 'Contracts'],
  ['Order.AccountId', 'Orders'],
  ['OrderItem.OrderId', 'OrderItems'],
  ['Account.ParentId', 'ChildAccounts'],
  ['AccountContactRelation.AccountId', 'AccountContactRelations'],
  ['AccountContactRelation.ContactId', 'AccountContactRelations'],
  ['AccountTeamMember.AccountId', 'AccountTeamMembers'],
  ['OpportunityLineItem.OpportunityId', 'OpportunityLineItems'],
  ['OpportunityContactRole.OpportunityId', 'OpportunityContactRoles'],
  ['OpportunityHistory.OpportunityId', 'OpportunityHistories'],
  ['Quote.OpportunityId', 'Quotes'],
  ['QuoteLineItem.QuoteId', 'QuoteLineItems'],
  ['CampaignMember.CampaignId', 'CampaignMembers'],
  ['CampaignMember.ContactId', 'CampaignMembers'],
  ['CampaignMember.LeadId', 'CampaignMembers'],
  ['CaseComment.ParentId', 'CaseComments'],
  ['PricebookEntry.Pricebook2Id', 'PricebookEntries'],
  ['PricebookEntry.Product2Id', 'PricebookEntries'],
  ['WorkOrder.AccountId', 'WorkOrders'],
  ['WorkOrderLineItem.WorkOrderId', 'WorkOrderLineItems'],
  ['Task.WhatId', 'Tasks'],
  ['Task.WhoId', 'Tasks'],
  ['Event.WhatId', 'Events'],
  ['Event.WhoId', 'Events'],
  ['Attachment.ParentId', 'Attachments'],
  ['Note.ParentId', 'Notes'],
  ['EmailMessage.ParentId', 'EmailMessages'],
  ['ContentDocumentLink.LinkedEntityId', 'ContentDocumentLinks'],
]);

/** The declaration with Salesforce's child relationship name filled in, when it is a standard reference that names none. */
export function withStandardChildName(object: string, field: string, decl: FieldDecl): FieldDecl {
  if (decl.type !== 'reference' || decl.childRelationshipName !== undefined) return decl;
  const known = STANDARD_CHILD_NAMES.get(`${object}.${field}`);
  return known ? { ...decl, childRelationshipName: known } : decl;
}
