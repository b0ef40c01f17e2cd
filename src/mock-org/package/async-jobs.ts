import { isPlainObject } from '../../core/plain-object';
import { normalizeId } from '../../salesforce/ids';
import type { Schema } from '../schema/schema';
import { parseTimeline, TimelineProblem, TimelineStep } from '../store/timeline';

/**
 * How the jobs the emulated package starts move (issue 14): the fixture's `asyncJobs` (org.json)
 * or MockOrgOptions.asyncJobs. Steps are AsyncApexJob field values with `after` counted from the
 * job's start, parsed by the store's timeline parser (one home for steps).
 */
export interface AsyncJobRule {
  readonly service: string;
  /** Input values the job's parameters must have (an array parameter: must contain the value). */
  readonly when: Readonly<Record<string, unknown>>;
  readonly timeline: readonly TimelineStep[];
}

export interface AsyncJobsConfig {
  readonly timeline: readonly TimelineStep[];
  readonly rules: readonly AsyncJobRule[];
}

/** The job starters the package runs; rules may only name these. */
export const PACKAGE_SERVICE_KEYS: readonly string[] = [
  'InsPolicyService:createMultiRootPolicy',
  'InsPolicyService:createMultiRootPolicyVersion',
  'InsPolicyService:createOutOfSequencePolicyVersion',
  'InsPolicyService:renewPoliciesInBatch',
];

/** (ipemu) Queued at start, Processing after 1 s, Completed without errors after 3 s. */
export const DEFAULT_JOB_TIMELINE: readonly TimelineStep[] = [
  { after: 1000, values: { Status: 'Processing' } },
  { after: 3000, values: { Status: 'Completed', NumberOfErrors: 0 } },
];

export const DEFAULT_ASYNC_JOBS: AsyncJobsConfig = { timeline: DEFAULT_JOB_TIMELINE, rules: [] };

export interface AsyncJobsProblem {
  /** Where in `asyncJobs`: `rules[0].timeline[1].after`. */
  readonly field?: string;
  readonly message: string;
}

const KEYS = ['timeline', 'rules'];
const RULE_KEYS = ['service', 'when', 'timeline'];

function unknownKeys(value: Record<string, unknown>, known: readonly string[], where: string, problems: AsyncJobsProblem[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push({ field: where ? `${where}.${key}` : key, message: `unknown key (expected ${known.join(', ')})` });
  }
}

function steps(schema: Schema, raw: unknown, where: string, problems: AsyncJobsProblem[]): TimelineStep[] {
  const job = schema.get('AsyncApexJob')!;
  const found: TimelineProblem[] = [];
  const parsed = parseTimeline(job, raw, found);
  // The store's parser names its steps `$timeline[i]`, as a record's are named: here they live under `where`.
  for (const p of found) problems.push({ field: p.field ? p.field.replace('$timeline', where) : where, message: p.message });
  return parsed;
}

function parseRule(schema: Schema, raw: unknown, where: string, problems: AsyncJobsProblem[]): AsyncJobRule | undefined {
  if (!isPlainObject(raw)) {
    problems.push({ field: where, message: 'must be an object with service, when and timeline' });
    return undefined;
  }
  unknownKeys(raw, RULE_KEYS, where, problems);
  const count = problems.length;
  const service = raw.service;
  if (typeof service !== 'string' || !PACKAGE_SERVICE_KEYS.includes(service)) {
    problems.push({ field: `${where}.service`, message: `${JSON.stringify(service)} is not a job starter (${PACKAGE_SERVICE_KEYS.join(', ')})` });
  }
  const when = raw.when ?? {};
  if (!isPlainObject(when)) problems.push({ field: `${where}.when`, message: 'must be an object of input values' });
  const timeline = steps(schema, raw.timeline, `${where}.timeline`, problems);
  if (problems.length > count) return undefined;
  return { service: service as string, when: when as Record<string, unknown>, timeline };
}

/** The config, or the default when `raw` is absent; problems name each wrong key. */
export function parseAsyncJobs(raw: unknown, schema: Schema, problems: AsyncJobsProblem[]): AsyncJobsConfig {
  if (raw === undefined || raw === null) return DEFAULT_ASYNC_JOBS;
  if (!isPlainObject(raw)) {
    problems.push({ message: 'must be an object with timeline and rules' });
    return DEFAULT_ASYNC_JOBS;
  }
  unknownKeys(raw, KEYS, '', problems);
  const timeline = raw.timeline === undefined ? DEFAULT_JOB_TIMELINE : steps(schema, raw.timeline, 'timeline', problems);
  const rules: AsyncJobRule[] = [];
  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules)) problems.push({ field: 'rules', message: 'must be a list of { service, when, timeline }' });
    else
      raw.rules.forEach((rule: unknown, index) => {
        const parsed = parseRule(schema, rule, `rules[${index}]`, problems);
        if (parsed) rules.push(parsed);
      });
  }
  return { timeline, rules };
}

/** Ids compare in their 18-character form, so a rule may name a 15-character Id. */
function sameValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') {
    const a = normalizeId(expected);
    return a !== undefined ? a === normalizeId(actual) : expected === actual;
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

function matches(when: Readonly<Record<string, unknown>>, params: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(when).every(([key, expected]) => {
    const actual = params[key];
    if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((item) => sameValue(expected, item));
    return sameValue(expected, actual);
  });
}

/** The steps of one job: the first rule for its service whose `when` its parameters match, else the default. */
export function timelineFor(config: AsyncJobsConfig, service: string, params: Readonly<Record<string, unknown>>): readonly TimelineStep[] {
  for (const rule of config.rules) if (rule.service === service && matches(rule.when, params)) return rule.timeline;
  return config.timeline;
}
