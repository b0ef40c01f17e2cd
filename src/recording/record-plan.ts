import type { JobLinkConfig } from '../core/config';
import { DEFAULT_JOB_LINK } from '../core/config';
import { IpemuError } from '../core/errors';
import type { DescribeResult } from '../core/org';
import type { RecordOptions } from './record-options';

/**
 * Which objects a recording reads, in order: AsyncApexJob, InsurancePolicy, the bulk requests and
 * their items InsAsyncBulkService reads (also when the user cannot see a link object that leads to
 * the items), each configured job link's object and every object its jobIdField path walks through
 * (InsuranceAsyncBulkRecordDetail → InsuranceAsyncBulkRequestItem), then the objects of
 * `--objects`. Each object once, under the name its describe gives.
 */

export const BASE_OBJECTS: readonly string[] = ['AsyncApexJob', 'InsurancePolicy', 'InsuranceAsyncBulkRequest', 'InsuranceAsyncBulkRequestItem'];

export type Describer = (sobject: string) => Promise<DescribeResult | 'hidden'>;

export interface PlannedObject {
  readonly name: string;
  readonly describe: DescribeResult;
}

export interface RecordPlan {
  readonly objects: readonly PlannedObject[];
  /** Objects the running user cannot describe (NOT_FOUND / INVALID_TYPE): not recorded. */
  readonly hidden: readonly string[];
  /** Every describe asked, by the name asked (fixtureUserFromDescribes reads them). */
  readonly described: ReadonlyMap<string, DescribeResult | 'hidden'>;
}

/** The objects a link's jobIdField walks through after the link object (`A.B.Field` → A's and B's targets). */
async function pathObjects(link: JobLinkConfig, describe: Describer): Promise<string[]> {
  const relationships = link.jobIdField.split('.').slice(0, -1);
  const walked: string[] = [];
  let current = link.sobject;
  for (const relationship of relationships) {
    const described = await describe(current);
    if (described === 'hidden') break;
    const field = described.fields.find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
    const target = field?.referenceTo[0];
    if (target === undefined) break; // the service reports the broken path; the recording records what exists
    walked.push(target);
    current = target;
  }
  return walked;
}

export async function planObjects(options: RecordOptions, describe: Describer): Promise<RecordPlan> {
  const links = options.jobLinks ?? [DEFAULT_JOB_LINK];
  const wanted: string[] = [...BASE_OBJECTS];
  for (const link of links) wanted.push(link.sobject, ...(await pathObjects(link, describe)));
  wanted.push(...(options.objects ?? []));
  const base = new Set(wanted.slice(0, wanted.length - (options.objects ?? []).length).map((name) => name.toLowerCase()));
  const extra = new Set((options.objects ?? []).map((name) => name.toLowerCase()).filter((name) => !base.has(name)));

  const seen = new Set<string>();
  const objects: PlannedObject[] = [];
  const hidden: string[] = [];
  const described = new Map<string, DescribeResult | 'hidden'>();
  for (const name of wanted) {
    if (seen.has(name.toLowerCase())) continue;
    const result = await describe(name);
    described.set(name, result);
    const canonical = result === 'hidden' ? name : result.name;
    seen.add(name.toLowerCase());
    seen.add(canonical.toLowerCase());
    if (result === 'hidden' && extra.has(name.toLowerCase())) {
      throw new IpemuError('INVALID_INPUT', `--objects ${name}: the org has no such object, or the running user cannot read it.`);
    }
    if (result === 'hidden') hidden.push(name);
    else objects.push({ name: canonical, describe: result });
  }
  for (const clause of options.where ?? []) {
    const target = clause.object.toLowerCase();
    if (!objects.some((o) => o.name.toLowerCase() === target)) {
      const why = hidden.some((h) => h.toLowerCase() === target)
        ? 'the running user cannot read it'
        : 'it is not among the recorded objects (add it with --objects)';
      throw new IpemuError('INVALID_INPUT', `--where ${clause.object}: ${why}.`);
    }
  }
  return { objects, hidden, described };
}
