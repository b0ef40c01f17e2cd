import { IpemuError } from '../../core/errors';
import { makeId } from '../salesforce-id';
import type { FixtureDocument, FixtureRecord } from './fixture-types';

/**
 * A synthetic book of business for load tests and benchmarks (issue 5 item 4): policies with
 * versions sharing a reference number, some multi-root policies, and their jobs linked through
 * InsuranceAsyncBulkRequest → Item (BatchJobId) → RecordDetail (ReferenceRecordId). Deterministic
 * for a seed, so a benchmark can name the exact records it asks for.
 */

export interface GenerateOptions {
  policies: number;
  jobsPerPolicy: number;
  seed?: number;
}

/** The objects the generator writes, in the order a loader may want them. */
export const GENERATED_OBJECTS = [
  'InsurancePolicy',
  'AsyncApexJob',
  'InsuranceAsyncBulkRequest',
  'InsuranceAsyncBulkRequestItem',
  'InsuranceAsyncBulkRecordDetail',
] as const;

export type GeneratedObject = (typeof GENERATED_OBJECTS)[number];

/** Non-negative values below 2^31 only, which is all this file floors. */
const floor = (x: number): number => x | 0;
/** Held locally: every `Math.` lookup costs a property read that is slow under jest's VM context. */
const imul = Math.imul;

/** mulberry32: a tiny, fast PRNG with a 32-bit state; good enough for spreading test data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative weights: mostly Completed, with every other status present. */
const STATUS_WEIGHTS: readonly [string, number][] = [
  ['Completed', 0.72],
  ['Failed', 0.07],
  ['Aborted', 0.04],
  ['Processing', 0.06],
  ['Queued', 0.05],
  ['Preparing', 0.03],
  ['Holding', 0.03],
];
const JOB_TYPES = ['Queueable', 'BatchApex', 'Future'] as const;
const FAILURES = [
  'First error: Insert failed. FIELD_CUSTOM_VALIDATION_EXCEPTION, Effective date is required.',
  'First error: Apex CPU time limit exceeded',
  'First error: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access to this record',
];
const BASE_TIME = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
/** Requests bundle this many request items, as a bulk renewal would. */
const ITEMS_PER_REQUEST = 50;

/** Generated Ids are `makeId`'s, a flat string each (see there). */
export const generatedId = (prefix: string, serial: number): string => makeId(prefix, serial);

function pickStatus(r: number): string {
  let acc = 0;
  for (const [status, weight] of STATUS_WEIGHTS) {
    acc += weight;
    if (r < acc) return status;
  }
  return 'Completed';
}

/** ISO 8601 in UTC (`…Z`), which fixtures accept beside the REST API's `+0000`. */
function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

function checkCount(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new IpemuError('INVALID_INPUT', `${name} must be a whole number from 0 to ${max}.`);
  return value;
}

export type RecordVisitor = (sobject: GeneratedObject, record: FixtureRecord) => void;

/**
 * Hands records to `visit` one at a time, so a caller can stream them to disk (JSON lines, one
 * file per object) without holding the whole document. Every record carries its valid 18-character
 * Id. (A callback rather than a generator: at 500,000 records the generator's overhead shows.)
 */
export function forEachGeneratedRecord(opts: GenerateOptions, visit: RecordVisitor): void {
  const policies = checkCount('policies', opts.policies, 10_000_000);
  const jobsPerPolicy = checkCount('jobsPerPolicy', opts.jobsPerPolicy, 1_000);
  const random = mulberry32(opts.seed ?? 1);
  let jobSerial = 0;
  let requestSerial = 0;
  let requestId = '';
  let itemSerial = 0;
  let referenceSerial = 0;
  let reference = '';
  let versionsLeft = 0;
  let parentId: string | null = null;
  let childrenLeft = 0;
  let previousId: string | null = null;

  for (let p = 1; p <= policies; p++) {
    const id = generatedId('0YT', p);
    let parent: string | null = null;
    let prior: string | null = null;
    if (childrenLeft > 0) {
      // A child of a multi-root policy: its own reference number, and its parent's Id.
      parent = parentId;
      childrenLeft--;
      reference = `REF-${String(++referenceSerial).padStart(7, '0')}`;
    } else if (versionsLeft > 0) {
      versionsLeft--; // another version or term of the previous policy: same reference number
      prior = previousId;
    } else {
      reference = `REF-${String(++referenceSerial).padStart(7, '0')}`;
      const roll = random();
      if (roll < 0.05) {
        parentId = id;
        childrenLeft = 2;
      } else if (roll < 0.3) versionsLeft = 1 + floor(random() * 2);
    }
    visit('InsurancePolicy', { Id: id, Name: `P-${String(p).padStart(7, '0')}`, ReferencePolicyNumber: reference, ParentPolicyId: parent, PriorPolicyId: prior, Status: 'Active' });
    previousId = id;

    let created = BASE_TIME + floor(random() * 300 * 24 * 60) * MINUTE;
    for (let j = 0; j < jobsPerPolicy; j++) {
      const jobId = generatedId('707', ++jobSerial);
      const status = pickStatus(random());
      const errors = status === 'Failed' ? 1 : status === 'Completed' && random() < 0.08 ? 1 + floor(random() * 5) : 0;
      const detail = errors > 0 || (status === 'Aborted' && random() < 0.5) ? FAILURES[floor(random() * FAILURES.length)] : null;
      visit('AsyncApexJob', {
        Id: jobId,
        Status: status,
        JobType: JOB_TYPES[jobSerial % JOB_TYPES.length],
        NumberOfErrors: errors,
        ExtendedStatus: status === 'Aborted' && detail ? 'Aborted by an administrator.' : detail,
        CreatedDate: isoDate(created),
      });
      // Every so often a new bulk request starts, as a scheduled renewal run would.
      if (itemSerial % ITEMS_PER_REQUEST === 0) {
        requestId = generatedId('0rf', ++requestSerial);
        visit('InsuranceAsyncBulkRequest', { Id: requestId, Name: `BR-${requestSerial}`, Status: 'Completed' });
      }
      const itemId = generatedId('0rg', ++itemSerial);
      visit('InsuranceAsyncBulkRequestItem', { Id: itemId, InsuranceAsyncBulkRequestId: requestId, BatchJobId: jobId, ReferenceRecordId: id, SequenceNumber: itemSerial });
      visit('InsuranceAsyncBulkRecordDetail', { Id: generatedId('0rh', itemSerial), InsuranceAsyncBulkRequestItemId: itemId, ReferenceRecordId: id, Status: 'Success' });
      created += (1 + floor(random() * 60 * 24 * 30)) * MINUTE;
    }
  }
}

/** The whole document in memory, as `MockOrg.fromFixtures` takes it. */
export function generateFixtures(opts: GenerateOptions): FixtureDocument {
  const records: Record<GeneratedObject, FixtureRecord[]> = {
    InsurancePolicy: [],
    AsyncApexJob: [],
    InsuranceAsyncBulkRequest: [],
    InsuranceAsyncBulkRequestItem: [],
    InsuranceAsyncBulkRecordDetail: [],
  };
  forEachGeneratedRecord(opts, (sobject, record) => records[sobject].push(record));
  return { users: { admin: { default: true } }, records };
}
