import type { SourceLimits } from '../core/recording-source';
import type { Via } from './record-manifest';
import type { DanglingReference } from './record-references';
import type { WidenedPicklist } from './picklist-strays';

/** What `recordOrg` answers and `ipemu mock-org record` prints (stderr, or `result` of --json). */
export interface RecordSummary {
  out: string;
  objects: {
    object: string;
    rows: number;
    via: Via;
    ms: number;
    /** Finished by an earlier run (--resume). */
    resumed: boolean;
    /** Why Bulk API 2.0 refused the object's query job (it was read through REST). */
    bulkRefused?: string;
  }[];
  /** Objects the running user cannot read (recorded as the fixture user's hiddenObjects where the mock org knows them). */
  hiddenObjects: string[];
  skippedFields: { object: string; field: string; type: string; why: string }[];
  /** Picklists whose recorded records hold values beyond the active ones: the schema allows them too. */
  widenedPicklists: WidenedPicklist[];
  danglingReferences: DanglingReference[];
  limits: LimitsUse;
  /** The fixture user's name in org.json. */
  user: string;
  anonymized: boolean;
  elapsedMs: number;
}

export interface LimitsUse {
  before?: SourceLimits;
  after?: SourceLimits;
  /** `DailyApiRequests` used since the recording started (Remaining before − after). */
  dailyApiRequestsUsed?: number;
  /** `DailyBulkV2QueryJobs` used, when the org reports it. */
  dailyBulkV2QueryJobsUsed?: number;
}

export function limitsUse(before: SourceLimits | undefined, after: SourceLimits | undefined): LimitsUse {
  const used = (name: string): number | undefined => {
    const b = before?.[name]?.Remaining;
    const a = after?.[name]?.Remaining;
    return typeof a === 'number' && typeof b === 'number' ? b - a : undefined;
  };
  const use: LimitsUse = {};
  if (before) use.before = before;
  if (after) use.after = after;
  const api = used('DailyApiRequests');
  if (api !== undefined) use.dailyApiRequestsUsed = api;
  const bulk = used('DailyBulkV2QueryJobs');
  if (bulk !== undefined) use.dailyBulkV2QueryJobsUsed = bulk;
  return use;
}

const n = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function limitLine(name: string, limits: LimitsUse, used: number | undefined): string | undefined {
  const before = limits.before?.[name];
  const after = limits.after?.[name];
  if (!before && !after) return undefined;
  const part = (l: { Max: number; Remaining: number } | undefined): string => (l ? `${n(l.Remaining)}/${n(l.Max)} remaining` : 'unknown');
  return `  ${name}: ${used === undefined ? '' : `${n(used)} used; `}before ${part(before)}, after ${part(after)}`;
}

/** The summary as stderr lines. */
export function summaryText(summary: RecordSummary): string {
  const lines: string[] = [
    `Recorded ${summary.objects.length} object(s) into ${summary.out} in ${seconds(summary.elapsedMs)}${summary.anonymized ? ' (anonymized)' : ''}:`,
  ];
  const width = Math.max(0, ...summary.objects.map((o) => o.object.length));
  for (const o of summary.objects) {
    lines.push(
      `  ${o.object.padEnd(width)}  ${n(o.rows).padStart(9)} rows  ${o.via === 'bulk' ? 'Bulk 2.0' : 'REST    '}  ${o.resumed ? 'finished earlier' : seconds(o.ms)}`,
    );
  }
  for (const o of summary.objects)
    if (o.bulkRefused !== undefined) lines.push(`${o.object}: Bulk API 2.0 refused the query job (${o.bulkRefused}); read through REST.`);
  if (summary.hiddenObjects.length > 0) lines.push(`Not readable by the running user (not recorded): ${summary.hiddenObjects.join(', ')}`);
  if (summary.skippedFields.length > 0) {
    lines.push(`Skipped fields (${summary.skippedFields.length}):`);
    for (const s of summary.skippedFields) lines.push(`  ${s.object}.${s.field} (${s.type}): ${s.why}`);
  }
  if (summary.widenedPicklists.length > 0) {
    lines.push('Picklist values the records hold beyond the active ones (added to the schema):');
    for (const w of summary.widenedPicklists) lines.push(`  ${w.object}.${w.field}: ${w.values.join(', ')}`);
  }
  if (summary.danglingReferences.length > 0) {
    lines.push('References to records not recorded (kept as they are):');
    for (const d of summary.danglingReferences) lines.push(`  ${d.object}.${d.field}: ${n(d.count)} record(s), e.g. ${d.examples.join(', ')}`);
  }
  const limits = [
    limitLine('DailyApiRequests', summary.limits, summary.limits.dailyApiRequestsUsed),
    limitLine('DailyBulkV2QueryJobs', summary.limits, summary.limits.dailyBulkV2QueryJobsUsed),
  ].filter((line): line is string => line !== undefined);
  if (limits.length > 0) lines.push('Org limits (/limits):', ...limits);
  lines.push(`Fixture user: ${summary.user}. Load it with --fixtures ${summary.out}`);
  return `${lines.join('\n')}\n`;
}
