import { existsSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpemuError } from '../core/errors';
import type { DescribeResult } from '../core/org';
import type { RecordingSource, SourceIdentity, SourceLimits } from '../core/recording-source';
import type { FixtureDocument } from '../mock-org/fixtures/types';
import { createAnonymizer } from './anonymize';
import { fixtureUserFromDescribes } from './fixture-user';
import { checkRecordOptions, DEFAULT_BULK_THRESHOLD, type RecordOptions } from './record-options';
import { planObjects } from './record-plan';
import { forgetNames, manifestOptions, newManifest, openOut, ORG_FILE, writeManifest, type RecordingManifest } from './record-manifest';
import { recordedFields, type RecordedFields } from './record-fields';
import { recordObject } from './record-object';
import { NO_PROGRESS, type RecordProgress } from './record-progress';
import { danglingReferences } from './record-references';
import { limitsUse, type RecordSummary } from './record-summary';
import { schemaFromDescribes } from './schema-from-describe';
import { PicklistStrays } from './picklist-strays';

/**
 * `ipemu mock-org record` as a function (issue 17): reads `source` into a fixture directory that
 * `--fixtures` loads as it is. Per object: describe → count → REST below the bulk threshold, Bulk
 * API 2.0 from it → `<Object>.json`; then `org.json` (the running user's access as a fixture user,
 * and the schema) last. Resumable: the manifest names the finished objects, which a resumed run
 * does not read again. An org failure leaves the recording unfinished and is thrown.
 */

/** A fixture user name from a username: its local part, as the mock org's users are named. */
function userNameOf(username: string, anonymize: boolean): string {
  if (anonymize) return 'recorded-user';
  const local = username.split('@')[0]!.replace(/[^A-Za-z0-9_.-]/g, '');
  return local === '' ? 'recorded-user' : local;
}

async function limitsOrUndefined(source: RecordingSource, signal: AbortSignal | undefined): Promise<SourceLimits | undefined> {
  try {
    return await source.limits({ signal });
  } catch (err) {
    // (ipemu) A user without access to /limits can still record: the summary says the limits are unknown.
    if ((err as Error)?.name === 'AbortError') throw err;
    return undefined;
  }
}

function checkSameOrg(manifest: RecordingManifest, identity: SourceIdentity): void {
  const was = manifest.org;
  if (was.organizationId !== identity.organizationId || was.userId !== identity.userId || was.username !== identity.username) {
    throw new IpemuError(
      'INVALID_INPUT',
      `--resume: the unfinished recording was made from org ${was.organizationId} as user ${was.username} (${was.userId}); this org is ${identity.organizationId}, user ${identity.username} (${identity.userId}).`,
    );
  }
}

export async function recordOrg(
  source: RecordingSource,
  options: RecordOptions,
  progress: RecordProgress = NO_PROGRESS,
  now: () => number = Date.now,
): Promise<RecordSummary> {
  checkRecordOptions(options);
  const started = now();
  const { out, signal } = options;
  const bulkThreshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const asked = manifestOptions(options, bulkThreshold);
  const created = !existsSync(out);
  const existing = openOut(out, asked, options.resume === true);
  let identity: SourceIdentity;
  let limitsBefore: SourceLimits | undefined;
  try {
    identity = await source.identity({ signal });
    if (existing) checkSameOrg(existing, identity);
    // This run's use: a resumed recording reports what the resume used.
    limitsBefore = await limitsOrUndefined(source, signal);
  } catch (err) {
    // Nothing was recorded: a folder this run made is not left behind.
    if (created) {
      try {
        rmdirSync(out);
      } catch {
        // Not empty after all: left as it is.
      }
    }
    throw err;
  }
  const manifest = existing ?? newManifest({ ...identity, instanceUrl: source.instanceUrl }, asked, new Date(started).toISOString());
  writeManifest(out, manifest);

  const describe = async (name: string): Promise<DescribeResult | 'hidden'> => {
    const known = Object.prototype.hasOwnProperty.call(manifest.describes, name) ? manifest.describes[name] : undefined;
    if (known !== undefined) return known;
    const described = await source.describe(name, { signal });
    manifest.describes[name] = described;
    return described;
  };
  const plan = await planObjects(options, describe);
  writeManifest(out, manifest);

  const { schema, skipped } = schemaFromDescribes(plan.objects.map((o) => o.describe));
  const fieldsOf = new Map<string, RecordedFields>();
  for (const { name, describe: described } of plan.objects) {
    fieldsOf.set(name, recordedFields(described, skipped));
  }

  const anonymizer = manifest.salt === undefined ? undefined : createAnonymizer(manifest.salt);
  const whereOf = new Map((options.where ?? []).map((clause) => [clause.object.toLowerCase(), clause.condition]));
  const objects: RecordSummary['objects'] = [];
  for (const { name } of plan.objects) {
    const done = manifest.finished[name];
    if (done !== undefined && existsSync(join(out, `${name}.json`))) {
      progress.kept?.(name, done.rows);
      objects.push({ object: name, ...done, resumed: true });
      continue;
    }
    const finished = await recordObject({
      source,
      out,
      object: name,
      fields: fieldsOf.get(name)!,
      where: whereOf.get(name.toLowerCase()),
      limit: options.limit,
      bulkThreshold,
      bulkPageSize: options.bulkPageSize,
      anonymizer,
      progress,
      signal,
      now,
    });
    manifest.finished[name] = finished;
    writeManifest(out, manifest);
    objects.push({ object: name, ...finished, resumed: false });
  }

  const strays = new PicklistStrays(schema);
  const dangling = await danglingReferences(out, fieldsOf, (object, record) => strays.note(object, record));
  const widenedPicklists = strays.widen();
  const user = userNameOf(identity.username, manifest.options.anonymize);
  const document: FixtureDocument = { users: { [user]: { ...fixtureUserFromDescribes(plan.described), default: true } }, schema };
  writeFileSync(join(out, `${ORG_FILE}.tmp`), `${JSON.stringify(document, null, 2)}\n`);
  renameSync(join(out, `${ORG_FILE}.tmp`), join(out, ORG_FILE));

  const limitsAfter = await limitsOrUndefined(source, signal);
  manifest.status = 'finished';
  manifest.finishedAt = new Date(now()).toISOString();
  delete manifest.salt;
  if (manifest.options.anonymize) forgetNames(manifest);
  writeManifest(out, manifest);
  return {
    out,
    objects,
    hiddenObjects: [...plan.hidden],
    widenedPicklists,
    skippedFields: skipped.map(({ object, field, type, why }) => ({ object, field, type, why })),
    danglingReferences: dangling,
    limits: limitsUse(limitsBefore, limitsAfter),
    user,
    anonymized: manifest.options.anonymize,
    elapsedMs: now() - started,
  };
}
