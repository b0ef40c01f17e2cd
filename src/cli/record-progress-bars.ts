import type { Writable } from 'node:stream';
import type { SingleBar } from 'cli-progress';
import type { RecordProgress } from '../recording/record-progress';

/** Progress bars for a TTY: one per object (object, rows, rows/s). */
export interface BarProgress extends RecordProgress {
  stop(): void;
}

export async function barProgress(stream: Writable): Promise<BarProgress> {
  const { MultiBar, Presets } = await import('cli-progress');
  const bars = new MultiBar(
    { stream: stream, format: '{object} [{bar}] {value}/{total} rows | {rate} rows/s | {via}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const open = new Map<string, { bar: SingleBar; startedAt: number }>();
  const rate = (done: number, startedAt: number): string => Math.round((done * 1000) / Math.max(1, Date.now() - startedAt)).toLocaleString('en-US');
  return {
    started(object, total, via) {
      const bar = bars.create(Math.max(total, 1), 0, { object, rate: '0', via: via === 'bulk' ? 'Bulk 2.0' : 'REST' });
      open.set(object, { bar, startedAt: Date.now() });
    },
    rows(object, done) {
      const entry = open.get(object);
      entry?.bar.update(done, { rate: rate(done, entry.startedAt) });
    },
    finished(object, rows) {
      const entry = open.get(object);
      if (!entry) return;
      entry.bar.setTotal(Math.max(rows, 1));
      entry.bar.update(rows, { rate: rate(rows, entry.startedAt) });
      open.delete(object);
    },
    kept(object, rows) {
      bars.create(Math.max(rows, 1), rows, { object, rate: '-', via: 'finished earlier' });
    },
    stop() {
      bars.stop();
    },
  };
}
