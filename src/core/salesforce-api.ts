/**
 * The few Salesforce facts that core itself needs (config.ts checks jobLink names) as well as the
 * layers above it. Core imports nothing else of ipemu, so they live here;
 * src/salesforce/api-names.ts and api-versions.ts re-export them beside the rest of what ipemu
 * knows about names and versions. Import them from there everywhere outside core.
 */

/** An object or field API name: `InsurancePolicy`, `ReferenceRecordId`, `Custom__c`. */
export const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A field name or a parent-relationship path of them: `InsuranceAsyncBulkRequestItem.BatchJobId`. */
export const API_NAME_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** The first version in which every object the default job link reads exists. */
export const DEFAULT_API_VERSION = '64.0';

/** `64.0` and the like: the major version, then `.0`. */
export const API_VERSION = /^(\d{2,3})\.0$/;
