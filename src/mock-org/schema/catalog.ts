import type { FieldDecl, ObjectDecl } from '../fixtures/types';

/**
 * The standard objects the mock org serves without any fixture `schema` (DESIGN.md §4). Field
 * lists follow reference/salesforce.md. Key prefixes 707, 0YT, 0rf, 0Q0, 0QL, 01t, 005 and 00D are Salesforce's;
 * (ipemu) InsuranceAsyncBulkRequestItem `0rg` and InsuranceAsyncBulkRecordDetail `0rh` are our
 * choice, as Salesforce does not document them.
 */

const ASYNC_APEX_JOB_STATUS = ['Holding', 'Queued', 'Preparing', 'Processing', 'Aborted', 'Completed', 'Failed'];
const ASYNC_APEX_JOB_TYPES = [
  'Future',
  'SharingRecalculation',
  'ScheduledApex',
  'BatchApex',
  'BatchApexWorker',
  'TestRequest',
  'TestWorker',
  'ApexToken',
  'Queueable',
];
const BULK_RECORD_DETAIL_STATUS = ['Scheduled', 'In Progress', 'Success', 'Failed'];
const USER_TYPES = ['Standard', 'PowerPartner', 'CsnOnly', 'CspLitePortal', 'CustomerSuccess', 'PowerCustomerSuccess', 'Guest', 'AutomatedProcess'];
const QUOTE_STATUS = ['Draft', 'Needs Review', 'In Review', 'Approved', 'Rejected', 'Presented', 'Accepted', 'Denied'];

function str(label: string, length = 255, idLookup = false): FieldDecl {
  return { type: 'string', label, length, ...(idLookup ? { idLookup: true } : {}) };
}

function ref(label: string, to: string, relationshipName?: string, polymorphic = false): FieldDecl {
  return { type: 'reference', label, referenceTo: [to], ...(relationshipName ? { relationshipName } : {}), ...(polymorphic ? { polymorphic: true } : {}) };
}

/** A reference whose parent names its children (`(SELECT … FROM QuoteLineItems)`). */
const withChildren = (decl: FieldDecl, childRelationshipName: string): FieldDecl => ({ ...decl, childRelationshipName });

function picklist(label: string, values?: string[]): FieldDecl {
  return { type: 'picklist', label, length: 255, ...(values ? { picklistValues: values } : {}) };
}

const dt = (label: string): FieldDecl => ({ type: 'datetime', label });
const date = (label: string): FieldDecl => ({ type: 'date', label });
const required = (decl: FieldDecl): FieldDecl => ({ ...decl, nillable: false });
const int = (label: string): FieldDecl => ({ type: 'int', label });
const bool = (label: string): FieldDecl => ({ type: 'boolean', label, nillable: false });

/** Audit fields every ordinary object has. */
const AUDIT = {
  CreatedDate: dt('Created Date'),
  CreatedById: ref('Created By ID', 'User', 'CreatedBy'),
  LastModifiedDate: dt('Last Modified Date'),
  LastModifiedById: ref('Last Modified By ID', 'User', 'LastModifiedBy'),
  SystemModstamp: dt('System Modstamp'),
} satisfies Record<string, FieldDecl>;

/** The flag every deletable object has: false on each live record, true on the deleted ones `/queryAll` returns. */
const DELETED = { IsDeleted: bool('Deleted') } satisfies Record<string, FieldDecl>;

const READ_ONLY = { createable: false, updateable: false, deletable: false } as const;

export const BUILT_IN_OBJECTS: Readonly<Record<string, ObjectDecl>> = {
  AsyncApexJob: {
    keyPrefix: '707',
    label: 'Apex Job',
    // Read-only through the API: only the platform (the emulated package's job queue) writes jobs.
    ...READ_ONLY,
    fields: {
      ApexClassId: ref('Class ID', 'ApexClass', 'ApexClass'),
      CompletedDate: dt('Completion Date'),
      // AsyncApexJob has no LastModified* or SystemModstamp fields in Salesforce.
      CreatedById: AUDIT.CreatedById,
      CreatedDate: AUDIT.CreatedDate,
      CronTriggerId: ref('Cron Trigger ID', 'CronTrigger', 'CronTrigger'),
      ExtendedStatus: str('Status Detail'),
      JobItemsProcessed: int('Batches Processed'),
      JobType: picklist('Job Type', ASYNC_APEX_JOB_TYPES),
      LastProcessed: str('Last Processed', 15),
      LastProcessedOffset: int('Last Processed Offset'),
      MethodName: str('Apex Method', 255),
      NumberOfErrors: int('Failures'),
      ParentJobId: ref('Parent Apex Job ID', 'AsyncApexJob'),
      Status: picklist('Status', ASYNC_APEX_JOB_STATUS),
      TotalJobItems: int('Total Batches'),
    },
  },
  InsurancePolicy: {
    keyPrefix: '0YT',
    label: 'Insurance Policy',
    fields: {
      ...DELETED,
      // Required in Salesforce (nillable false): an insert without it is REQUIRED_FIELD_MISSING.
      Name: { ...str('Policy Name', 255, true), nillable: false },
      ReferencePolicyNumber: str('Reference Policy Number', 255, true),
      UniversalPolicyNumber: str('Universal Policy Number'),
      ParentPolicyId: ref('Parent Policy ID', 'InsurancePolicy', 'ParentPolicy'),
      // The product a policy (a multi-root child) was issued for: how a new version finds its prior child.
      ProductId: ref('Product ID', 'Product2', 'Product'),
      PriorPolicyId: ref('Prior Policy ID', 'InsurancePolicy', 'PriorPolicy'),
      OriginalPolicyId: ref('Original Policy ID', 'InsurancePolicy', 'OriginalPolicy'),
      IsPolicyEditLocked: bool('Policy Edit Locked'),
      Status: picklist('Status'),
      PolicyType: picklist('Policy Type'),
      EffectiveDate: dt('Effective Date'),
      ExpirationDate: dt('Expiration Date'),
      ...AUDIT,
    },
  },
  InsuranceAsyncBulkRequest: {
    keyPrefix: '0rf',
    label: 'Insurance Async Bulk Request',
    fields: {
      ...DELETED,
      Name: str('Name', 80, true),
      Status: picklist('Status'),
      // Read by InsAsyncBulkService (isAdditionalInfo, getRequestStatusByUser's accountId).
      AdditionalInformation: { type: 'textarea', label: 'Additional Information', length: 131072 },
      AccountId: ref('Account ID', 'Account', 'Account'),
      ...AUDIT,
    },
  },
  InsuranceAsyncBulkRequestItem: {
    keyPrefix: '0rg',
    label: 'Insurance Async Bulk Request Item',
    fields: {
      ...DELETED,
      Name: str('Name', 80, true),
      // (ipemu) Salesforce does not document the Insurance objects' child relationship names: these follow its plural-of-the-child habit.
      InsuranceAsyncBulkRequestId: withChildren(
        ref('Insurance Async Bulk Request ID', 'InsuranceAsyncBulkRequest', 'InsuranceAsyncBulkRequest'),
        'InsuranceAsyncBulkRequestItems',
      ),
      BatchJobId: withChildren(ref('Batch Job ID', 'AsyncApexJob', 'BatchJob'), 'InsuranceAsyncBulkRequestItems'),
      ReferenceRecordId: withChildren(ref('Reference Record ID', 'InsurancePolicy', 'ReferenceRecord', true), 'InsuranceAsyncBulkRequestItems'),
      SequenceNumber: int('Sequence Number'),
      Status: picklist('Status'),
      PlanName: str('Plan Name'),
      ...AUDIT,
    },
  },
  InsuranceAsyncBulkRecordDetail: {
    keyPrefix: '0rh',
    label: 'Insurance Async Bulk Record Detail',
    fields: {
      ...DELETED,
      Name: str('Name', 80, true),
      InsuranceAsyncBulkRequestItemId: withChildren(
        ref('Insurance Async Bulk Request Item ID', 'InsuranceAsyncBulkRequestItem', 'InsuranceAsyncBulkRequestItem'),
        'InsuranceAsyncBulkRecordDetails',
      ),
      ReferenceRecordId: withChildren(ref('Reference Record ID', 'InsurancePolicy', 'ReferenceRecord', true), 'InsuranceAsyncBulkRecordDetails'),
      Status: picklist('Status', BULK_RECORD_DETAIL_STATUS),
      ...AUDIT,
    },
  },
  // What the emulated managed package starts a multi-root policy from (mock-org/package).
  Quote: {
    keyPrefix: '0Q0',
    label: 'Quote',
    fields: {
      ...DELETED,
      Name: required(str('Quote Name', 255, true)),
      QuoteNumber: str('Quote Number', 30, true),
      Status: picklist('Status', QUOTE_STATUS),
      ExpirationDate: date('Expiration Date'),
      ...AUDIT,
    },
  },
  QuoteLineItem: {
    keyPrefix: '0QL',
    label: 'Quote Line Item',
    fields: {
      ...DELETED,
      // Salesforce's name for a quote's line items.
      QuoteId: withChildren(required(ref('Quote ID', 'Quote', 'Quote')), 'QuoteLineItems'),
      Product2Id: required(ref('Product ID', 'Product2', 'Product2')),
      // (ipemu) Empty on a root product's line; a coverage line names its root product's line.
      ParentQuoteLineItemId: ref('Parent Quote Line Item ID', 'QuoteLineItem', 'ParentQuoteLineItem'),
      Quantity: { type: 'double', label: 'Quantity' },
      UnitPrice: { type: 'currency', label: 'Sales Price' },
      LineNumber: str('Line Item Number', 255),
      ...AUDIT,
    },
  },
  Product2: {
    keyPrefix: '01t',
    label: 'Product',
    fields: {
      ...DELETED,
      Name: required(str('Product Name', 255, true)),
      ProductCode: str('Product Code'),
      IsActive: bool('Active'),
      ...AUDIT,
    },
  },
  User: {
    keyPrefix: '005',
    label: 'User',
    // (ipemu) The mock org's users come from the fixture's `users`: not written through the API.
    ...READ_ONLY,
    fields: {
      Name: str('Full Name', 121, true),
      FirstName: str('First Name', 40),
      LastName: str('Last Name', 80),
      Username: str('Username', 80, true),
      Email: { type: 'email', label: 'Email', length: 128 },
      Alias: str('Alias', 8),
      CommunityNickname: str('Nickname', 40),
      IsActive: bool('Active'),
      UserType: picklist('User Type', USER_TYPES),
      // Profile is not modelled: any Id goes (see checkReference).
      ProfileId: ref('Profile ID', 'Profile', 'Profile'),
      TimeZoneSidKey: picklist('Time Zone'),
      LocaleSidKey: picklist('Locale'),
      LanguageLocaleKey: picklist('Language'),
      EmailEncodingKey: picklist('Email Encoding'),
      LastLoginDate: dt('Last Login'),
      ...AUDIT,
    },
  },
  // The org itself: one record (MOCK_ORG_ID), what clients read to tell a sandbox or a namespace.
  Organization: {
    keyPrefix: '00D',
    label: 'Organization',
    ...READ_ONLY,
    fields: {
      Name: str('Name', 80),
      Division: str('Division', 80),
      OrganizationType: picklist('Edition'),
      InstanceName: str('Instance Name', 5),
      IsSandbox: bool('Is Sandbox'),
      NamespacePrefix: str('Namespace Prefix', 15),
      TrialExpirationDate: dt('Trial Expiration Date'),
      LanguageLocaleKey: picklist('Language'),
      DefaultLocaleSidKey: picklist('Locale'),
      TimeZoneSidKey: picklist('Default Time Zone'),
      // What SOQL's fiscal date literals and functions read (standard fiscal years only).
      FiscalYearStartMonth: int('Fiscal Year Starts In'),
      UsesStartDateAsFiscalYearName: bool('Fiscal Year Name by Start'),
      Country: str('Country', 80),
      PrimaryContact: str('Primary Contact', 80),
      ...AUDIT,
    },
  },
};

/** Fields a fixture-declared object gets without declaring them. */
export const IMPLICIT_FIELDS: Readonly<Record<string, FieldDecl>> = { ...DELETED, ...AUDIT };
