import type { Writable } from 'node:stream';
import type { RecordProgress } from '../recording/record-progress';
import type { Via } from '../recording/record-manifest';

/**
 * `ipemu mock-org record`'s progress on stderr: a line when an object starts and finishes, and
 * every ~5 s during a long pull (`AsyncApexJob: 50,000/150,000 rows, 12,300 rows/s`); bars when
 * stderr is a TTY (record-progress-bars.ts).
 */

export const PROGRESS_LINE_MS = 5_000;

const n = (value: number): string => value.toLocaleString('en-US');
const viaName = (via: Via): string => (via === 'bulk' ? 'Bulk API 2.0' : 'REST');

export function lineProgress(stream: Writable, now: () => number = Date.now, everyMs = PROGRESS_LINE_MS): RecordProgress {
  let startedAt = 0;
  let lastLine = 0;
  const write = (line: string): void => {
    stream.write(`${line}\n`);
  };
  return {
    started(object, total, via) {
      startedAt = lastLine = now();
      write(`${object}: reading ${n(total)} rows through ${viaName(via)}`);
    },
    rows(object, done, total) {
      const at = now();
      if (at - lastLine < everyMs || done >= total) return;
      lastLine = at;
      const rate = Math.round((done * 1000) / Math.max(1, at - startedAt));
      write(`${object}: ${n(done)}/${n(total)} rows, ${n(rate)} rows/s`);
    },
    finished(object, rows, via, ms) {
      write(`${object}: ${n(rows)} rows in ${(ms / 1000).toFixed(1)} s (${viaName(via)})`);
    },
    kept(object, rows) {
      write(`${object}: finished earlier (${n(rows)} rows), not read again`);
    },
  };
}
