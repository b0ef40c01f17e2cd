import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import isEqual from 'lodash/isEqual';
import { IpemuError } from '../core/errors';
import type { DescribeResult } from '../core/org';
import type { SourceIdentity } from '../core/recording-source';
import type { RecordOptions, WhereClause } from './record-options';

/**
 * `<out>/.ipemu-recording.json`: what a recording was asked, which objects are finished (with
 * their counts) and, while it is unfinished, the anonymizing salt. It never holds a token. The
 * fixture loader skips names starting with `.`, so a recording loads with its manifest in place.
 */
export const MANIFEST_FILE = '.ipemu-recording.json';
export const ORG_FILE = 'org.json';
export const PARTIAL_SUFFIX = '.json.partial';

export type Via = 'rest' | 'bulk';

/** The options that decide what a recording holds: a resume must use the same. */
export interface ManifestOptions {
  objects: string[];
  where: WhereClause[];
  limit: number | null;
  anonymize: boolean;
  bulkThreshold: number;
}

export interface FinishedObject {
  rows: number;
  via: Via;
  ms: number;
  /** Why Bulk API 2.0 refused the object's query job, which was then read through REST. */
  bulkRefused?: string;
}

export interface RecordingManifest {
  format: 1;
  status: 'unfinished' | 'finished';
  startedAt: string;
  finishedAt?: string;
  org: SourceIdentity & { instanceUrl: string };
  options: ManifestOptions;
  /** Only while unfinished (with --anonymize): the same salt makes a resumed part's fakes match. */
  salt?: string;
  describes: Record<string, DescribeResult | 'hidden'>;
  finished: Record<string, FinishedObject>;
}

/** What an anonymized recording's finished manifest says in place of a name. */
export const ANONYMIZED = '(anonymized)';

/**
 * (ipemu) Once an anonymized recording is finished its manifest names neither the org nor its user
 * (the username and the instance URL, often the company's My Domain) nor the records (a --where
 * condition may quote a name): they are needed only to resume, and a finished recording is not
 * resumed. The salt goes too (record-org.ts).
 */
export function forgetNames(manifest: RecordingManifest): void {
  manifest.org = { ...manifest.org, username: ANONYMIZED, instanceUrl: ANONYMIZED };
  manifest.options.where = manifest.options.where.map(({ object }) => ({ object, condition: ANONYMIZED }));
  delete manifest.salt;
}

function usage(message: string): IpemuError {
  return new IpemuError('INVALID_INPUT', message);
}

export function manifestOptions(options: RecordOptions, bulkThreshold: number): ManifestOptions {
  return {
    objects: [...(options.objects ?? [])],
    where: (options.where ?? []).map(({ object, condition }) => ({ object, condition })),
    limit: options.limit ?? null,
    anonymize: options.anonymize === true,
    bulkThreshold,
  };
}

export function newManifest(org: RecordingManifest['org'], options: ManifestOptions, startedAt: string): RecordingManifest {
  const manifest: RecordingManifest = { format: 1, status: 'unfinished', startedAt, org, options, describes: {}, finished: {} };
  if (options.anonymize) manifest.salt = randomBytes(32).toString('hex');
  return manifest;
}

/** Written whole to a temporary name, then renamed: an interruption leaves the old manifest or the new one. */
export function writeManifest(out: string, manifest: RecordingManifest): void {
  const path = join(out, MANIFEST_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

function readManifest(out: string): RecordingManifest | undefined {
  const path = join(out, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw usage(`--out ${out}: ${MANIFEST_FILE} cannot be read (${(err as Error).message.slice(0, 120)}); remove the folder's contents to record again.`);
  }
  const m = parsed as Partial<RecordingManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== 1 || (m.status !== 'unfinished' && m.status !== 'finished') || typeof m.finished !== 'object') {
    throw usage(`--out ${out}: ${MANIFEST_FILE} is not a recording manifest ipemu understands.`);
  }
  return m as RecordingManifest;
}

/** The files a recording wrote (and may overwrite): its manifest, org.json and its objects' files. */
function recordingFiles(manifest: RecordingManifest): Set<string> {
  const objects = Object.keys(manifest.finished).flatMap((object) => [`${object}.json`, `${object}${PARTIAL_SUFFIX}`]);
  return new Set([MANIFEST_FILE, `${MANIFEST_FILE}.tmp`, ORG_FILE, `${ORG_FILE}.tmp`, ...objects]);
}

function entriesOf(out: string): string[] {
  try {
    if (!statSync(out).isDirectory()) throw usage(`--out ${out} is not a folder.`);
    return readdirSync(out);
  } catch (err) {
    if (err instanceof IpemuError) throw err;
    throw usage(`--out ${out} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
}

/**
 * Readies `out`: a missing or empty folder starts a recording; an unfinished recording resumes
 * (only with `resume`, and only with the same options); a finished recording is overwritten; any
 * other content is refused, so no file of the user's is ever removed.
 */
export function openOut(out: string, options: ManifestOptions, resume: boolean): RecordingManifest | undefined {
  if (!existsSync(out)) {
    if (resume) throw usage(`--resume: ${out} does not exist; there is no recording to resume.`);
    try {
      mkdirSync(out, { recursive: true });
    } catch (err) {
      throw usage(`Cannot create --out ${out}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
    }
    return undefined;
  }
  const entries = entriesOf(out);
  const manifest = readManifest(out);
  if (manifest === undefined) {
    if (resume) throw usage(`--resume: ${out} holds no unfinished recording (no ${MANIFEST_FILE}).`);
    if (entries.length > 0) throw usage(`--out ${out} is not empty and holds no recording: give an empty or new folder.`);
    return undefined;
  }
  if (manifest.status === 'unfinished') {
    if (!resume) throw usage(`--out ${out} holds an unfinished recording: pass --resume to continue it, or give another folder.`);
    const differing = (Object.keys(options) as (keyof ManifestOptions)[]).filter((key) => !isEqual(options[key], manifest.options[key]));
    if (differing.length > 0) {
      throw usage(
        `--resume: ${differing.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} differ from the unfinished recording's; resume with the options it was started with.`,
      );
    }
    return manifest;
  }
  if (resume) throw usage(`--resume: the recording in ${out} is finished; there is nothing to resume.`);
  const own = recordingFiles(manifest);
  const others = entries.filter((name) => !own.has(name));
  if (others.length > 0) throw usage(`--out ${out} holds files that are not the recording's (${others.slice(0, 3).join(', ')}): give an empty or new folder.`);
  for (const name of entries) rmSync(join(out, name), { force: true });
  return undefined;
}
