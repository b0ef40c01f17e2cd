import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../run-cli';

/** vlocity_build's expanded DataPacks (MIT, LICENSE beside them): IPCondBlock1, and IPTest1, the test procedure that runs it. */
export const VLOCITY_IPS = join(ROOT, 'test', 'fixtures', 'procedures', 'vlocity-build', 'IntegrationProcedure');

export const COND_BLOCK = 'DataPackTest_IPCondBlock1';

/** IPCondBlock1's own SampleInput. */
export const COND_BLOCK_INPUT = { Price: '250', State: 'MI' };

/** IPCondBlock1's answer on its SampleInput (the state MI takes the other-state rate, 0.07): what its own tests expect. */
export const COND_BLOCK_OUTPUT = { Output: { Price: '250', State: 'MI', Tax: 17.5, TaxRate: 7, Total: 267.5 } };

/** A job of the demo org that completed: InsPolicy_JobStatusSummary answers "finished successfully". */
export const DEMO_JOB = '7075j00004uK6GjAAK';

/** A copy of vlocity_build's IPs in a fresh folder, with `edit(folder)` applied to it. */
export function editedCopy(prefix: string, edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(VLOCITY_IPS, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Replaces `from` by `to` in one file of a copy; throws when `from` is not there (the test would test nothing). */
export function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}
