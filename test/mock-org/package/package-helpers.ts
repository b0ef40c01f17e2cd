import { IpemuError } from '../../../src/core/errors';
import type { SObjectRecord } from '../../../src/core/org';
import { createEmulator } from '../../../src/ipemu';
import { DEMO_FIXTURES, MockOrg, MockOrgOptions } from '../../../src/mock-org/mock-org';

/** The demo org's quotes and products (fixtures/demo/README.md). */
export const QUOTE = {
  twoRoots: '0Q05w0000000001CAA',
  oneRoot: '0Q05w0000000002CAA',
  noRoot: '0Q05w0000000003CAA',
  scriptedToFail: '0Q05w0000000004CAA',
  globexEndorsement: '0Q05w0000000005CAA',
  leeEndorsement: '0Q05w0000000006CAA',
} as const;
export const PRODUCT = { AUTO: '01t5w0000000001AAA', PROP: '01t5w0000000002AAA', CYBER: '01t5w0000000004AAA', HOME: '01t5w0000000005AAA' } as const;
export const POLICY = {
  globexParent: '0YT5w00000001IfGAI',
  globexAuto: '0YT5w00000001IgGAI',
  globexProperty: '0YT5w00000001IhGAI',
  leeV1: '0YT5w00000001IiGAI',
  leeV2: '0YT5w00000001IjGAI',
  okafor: '0YT5w00000001IkGAI',
  novak: '0YT5w00000001IlGAI',
  haddad: '0YT5w00000001ImGAI',
} as const;

/** Valid Ids of records the demo org does not have. */
export const MISSING = { quote: '0Q05w00000002bHCAQ', policy: '0YT5w00000002bGGAQ', otherPolicy: '0YT5w00000002bHGAQ' } as const;

export const START = Date.parse('2026-12-01T09:00:00.000Z');

/** The demo org on a clock the test moves. */
export async function demoOrg(options: MockOrgOptions = {}) {
  let now = START;
  const org = await MockOrg.fromFixtures(DEMO_FIXTURES, { clock: () => now, ...options });
  const emu = createEmulator({ org });
  return {
    org,
    emu,
    advance(ms: number): void {
      now += ms;
    },
    status: (policyId: string) => emu.invoke('InsPolicyService:getPolicyAsyncJobStatus', { policyId }),
  };
}

export const rows = (org: MockOrg, soql: string, binds?: Record<string, string | readonly string[]>): SObjectRecord[] => org.querySync(soql, binds).records;

/** A job and everything that tracks it, as the default job link and the status services read them. */
export function tracking(org: MockOrg, jobId: string) {
  const job = rows(
    org,
    'SELECT Id, Status, JobType, NumberOfErrors, ExtendedStatus, CompletedDate, JobItemsProcessed, TotalJobItems, CreatedById, CreatedDate FROM AsyncApexJob WHERE Id = :jobId',
    { jobId },
  )[0];
  const items = rows(
    org,
    'SELECT Id, Name, InsuranceAsyncBulkRequestId, BatchJobId, ReferenceRecordId, SequenceNumber, Status FROM InsuranceAsyncBulkRequestItem WHERE BatchJobId = :jobId',
    { jobId },
  );
  const itemIds = items.map((item) => item.Id as string);
  const details = rows(
    org,
    'SELECT Id, InsuranceAsyncBulkRequestItemId, ReferenceRecordId, Status FROM InsuranceAsyncBulkRecordDetail WHERE InsuranceAsyncBulkRequestItemId IN :itemIds ORDER BY Id',
    { itemIds },
  );
  const requestIds = [...new Set(items.map((item) => item.InsuranceAsyncBulkRequestId as string))];
  const requests = rows(org, 'SELECT Id, Name, Status, CreatedById FROM InsuranceAsyncBulkRequest WHERE Id IN :requestIds', { requestIds });
  return { job, items, details, requests };
}

export const countOf = (org: MockOrg, object: string): number => org.querySync(`SELECT Id FROM ${object}`).totalSize;

/** Record counts of every object a starter writes, to show that a refused call wrote nothing. */
export function counts(org: MockOrg): Record<string, number> {
  const objects = ['InsurancePolicy', 'AsyncApexJob', 'InsuranceAsyncBulkRequest', 'InsuranceAsyncBulkRequestItem', 'InsuranceAsyncBulkRecordDetail'];
  return Object.fromEntries(objects.map((object) => [object, countOf(org, object)]));
}

/** The IpemuError a call rejects with. */
export async function refusal(call: Promise<unknown>): Promise<IpemuError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof IpemuError)) throw new Error(`expected an IpemuError, got ${String(err)}`);
  return err;
}
