import { resolve } from 'node:path';
import { loadConfigFile } from '../../core/config';
import type { Org } from '../../core/org';
import { createEmulator, openOrg } from '../../ipemu';
import { runParity, type ParityReport } from '../../parity/run-parity';
import { reportLines } from '../../parity/report-text';
import type { OrgFlags } from '../org-flags';
import { CliIo, envelope, printJson } from '../output';
import { closeOnStopSignal } from '../signals';
import { usageError } from '../usage';

export interface ParityFlags extends OrgFlags {
  limit?: number;
  concurrency?: number;
  json?: boolean;
}

export const NO_REAL_ORG = 'parity compares a real org with a recorded mock: give --target-org, --instance-url with --access-token, or SF_* env.';

/** 0 when the org and the mock agree on every input, 1 when they differ (as diff(1) does). */
export function parityExitCode(report: ParityReport): number {
  return report.differenceCount === 0 ? 0 : 1;
}

/** The real org the org flags name (never the demo org), then the mock on --fixtures (and --user, --state). */
async function openBoth(flags: ParityFlags, io: CliIo, apiVersionGiven: boolean, opened: Org[]): Promise<{ org: Org; mock: Org }> {
  if (flags.fixtures === undefined) throw usageError('parity needs --fixtures <dir>: the recorded mock org to compare with the real org.');
  if (flags.plugin.length > 0) throw usageError('parity runs the built-in read-only services only; --plugin does not apply.');
  const org = await openOrg(
    { instanceUrl: flags.instanceUrl, accessToken: flags.accessToken, targetOrg: flags.targetOrg, apiVersion: apiVersionGiven ? flags.apiVersion : undefined },
    io.env,
  );
  opened.push(org);
  // With no real-org flag and no SF_* env, openOrg answers the embedded demo org: not a real org.
  if (org.remote !== true) throw usageError(NO_REAL_ORG);
  const mock = await openOrg(
    { fixtures: resolve(io.cwd, flags.fixtures), user: flags.user, state: flags.state === undefined ? undefined : resolve(io.cwd, flags.state) },
    io.env,
  );
  opened.push(mock);
  return { org, mock };
}

/** On a terminal, one stderr line that says how far the run is. */
function progressLine(io: CliIo): ((compared: number, total: number, differences: number) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  const n = (value: number): string => value.toLocaleString('en-US');
  return (compared, total, differences) => io.stderr.write(`\r\x1b[Kparity: ${n(compared)} of ${n(total)} inputs, ${n(differences)} differences so far`);
}

export async function runParityCommand(flags: ParityFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  const config = loadConfigFile(resolve(io.cwd, flags.config ?? 'ipemu.config.json'), flags.config !== undefined);
  const opened: Org[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(opened.splice(0).map(async (org) => org.close?.()));
  };
  const stopListening = closeOnStopSignal(closeAll);
  try {
    const { org, mock } = await openBoth(flags, io, apiVersionGiven, opened);
    const report = await runParity({
      org,
      mock,
      emulate: (side, orgLayer) => createEmulator({ org: side, orgLayer, config, procedures: false }),
      limit: flags.limit,
      concurrency: flags.concurrency,
      onProgress: progressLine(io),
    });
    if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    const exit = parityExitCode(report);
    if (flags.json) printJson(io, envelope(exit, report, report.warnings));
    else {
      for (const warning of report.warnings) io.stderr.write(`ipemu: ${warning}\n`);
      io.stdout.write(reportLines(report).join('\n') + '\n');
    }
    return exit;
  } finally {
    stopListening();
    await closeAll();
  }
}
