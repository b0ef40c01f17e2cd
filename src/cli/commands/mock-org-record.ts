import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../../recording/record-manifest';
import { loadConfigFile } from '../../core/config';
import { IpemuError } from '../../core/errors';
import { isOrgError } from '../../core/org';
import { openRecordingSource } from '../../ipemu';
import type { OrgFlags } from '../org-flags';
import { selectionOf } from '../org-setup';
import { envelope, printJson, type CliIo } from '../output';
import { SIGNAL_EXIT_CODES, stopSignal } from '../signals';
import { lineProgress } from '../record-progress';

/** `ipemu mock-org record`: a real org (or a mock one) into a fixture directory (issue 17). */
export interface RecordFlags extends OrgFlags {
  out: string;
  objects?: string[];
  where: string[];
  limit?: number;
  anonymize?: boolean;
  bulkThreshold?: number;
  bulkPageSize?: number;
  resume?: boolean;
  json?: boolean;
}

/** The exit code of an org failure (the error table's ORG_ERROR). */
const ORG_FAILED = 5;

export async function runMockOrgRecord(flags: RecordFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  const { parseWhere } = await import('../../recording/record-options');
  const { recordOrg } = await import('../../recording/record-org');
  const { summaryText } = await import('../../recording/record-summary');
  const where = flags.where.map((text) => parseWhere(text));
  const config = loadConfigFile(resolve(io.cwd, flags.config ?? 'ipemu.config.json'), flags.config !== undefined);
  const out = resolve(io.cwd, flags.out);
  const stop = stopSignal();
  const bars = io.stderr.isTTY ? await (await import('../record-progress-bars')).barProgress(io.stderr) : undefined;
  const progress = bars ?? lineProgress(io.stderr);
  try {
    const source = await openRecordingSource(selectionOf(flags, io, apiVersionGiven), io.env);
    try {
      const summary = await recordOrg(
        source,
        {
          out,
          objects: flags.objects,
          where,
          limit: flags.limit,
          anonymize: flags.anonymize === true,
          bulkThreshold: flags.bulkThreshold,
          bulkPageSize: flags.bulkPageSize,
          resume: flags.resume === true,
          jobLinks: [config.jobLink, config.outOfSequenceJobLink],
          signal: stop.signal,
        },
        progress,
      );
      bars?.stop();
      io.stderr.write(summaryText(summary));
      if (flags.json) printJson(io, envelope(0, summary));
      return 0;
    } finally {
      await source.close();
    }
  } catch (err) {
    bars?.stop();
    if (stop.signal.aborted) {
      const signal = String(stop.signal.reason);
      io.stderr.write(`ipemu: the recording was interrupted (${signal}); run the same command with --resume to continue it.\n`);
      if (flags.json) printJson(io, envelope(SIGNAL_EXIT_CODES[signal] ?? 1, { error: 'interrupted', out, resumable: true }));
      return SIGNAL_EXIT_CODES[signal] ?? 1;
    }
    const orgFailed = isOrgError(err) || (err instanceof IpemuError && err.code === 'ORG_ERROR');
    if (!orgFailed) throw err;
    const code = isOrgError(err) ? err.errorCode : 'ORG_ERROR';
    const resumable = existsSync(join(out, MANIFEST_FILE));
    const hint = resumable ? `\nThe recording in ${out} is unfinished: run the same command with --resume to continue it.` : '';
    io.stderr.write(`ipemu: the org failed (${code}): ${(err as Error).message}${hint}\n`);
    if (flags.json) printJson(io, envelope(ORG_FAILED, { error: (err as Error).message, errorCode: code, out, resumable }));
    return ORG_FAILED;
  } finally {
    stop.dispose();
  }
}
