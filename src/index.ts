// Public exports only.
export { createEmulator } from './ipemu';
export type { EmulatorOptions } from './ipemu';
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './core/emulator';
export type { Emulator } from './core/emulator';
export type { ServiceInfo, ServiceDescription } from './core/registry';
export { defineService, definePlugin } from './core/define-service';
export type {
  JsonSchema,
  InvokeOptions,
  ServiceContext,
  MethodDefinition,
  ServiceDefinition,
  PluginDefinition,
  HandlerResult,
} from './core/define-service';
export { ERROR_CODES, IpemuError, httpStatusOf, exitCodeOf } from './core/errors';
export type { ErrorCode, InvokeCode, ErrorCodeEntry } from './core/errors';
export type { OutputMap } from './core/envelope';
export type { EmulatorConfig, JobLinkConfig } from './core/config';
export { DEFAULT_JOB_LINK } from './core/config';
export type { Logger } from './core/logger';
export { OrgError } from './core/org';
export type { Org, QueryOptions, QueryMerge, QueryResult, SObjectRecord, Binds, BindValue, DescribeResult, FieldDescribe } from './core/org';
export { selectWhereIn } from './salesforce/select-where-in';
export type { WhereInQuery } from './salesforce/select-where-in';
export { normalizeId, checksumOf } from './salesforce/ids';
export { MockOrg, DEMO_FIXTURES } from './mock-org/mock-org';
export type { MockOrgOptions } from './mock-org/mock-org';
export type { FixtureDocument, FixtureUser, FixtureRecord, ObjectDecl, FieldDecl } from './mock-org/fixtures/types';
export { connectOrg } from './orgs/jsforce/connect';
export type { ConnectOptions } from './orgs/jsforce/connect';
