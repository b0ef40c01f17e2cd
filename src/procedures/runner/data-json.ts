/** Writes into the data JSON, seen by every open Cache Block so a cache hit can replay them. */
import { copyJson } from '../../core/json-copy';
import { MAX_INPUT_CHARS } from '../../core/emulator';
import type { DataWrite, Frame } from './types';

export function writeData(frame: Frame, target: DataWrite['target'], value: unknown): void {
  if (typeof target === 'string') frame.data[target] = value;
  else target.set(frame.data, value);
  if (frame.recorders !== undefined) {
    // A copy: later elements may change the value in place, the cache must keep it as written.
    const copy = copyJson(value, MAX_INPUT_CHARS);
    const kept = copy.ok ? copy.value : null;
    for (const recorder of frame.recorders) recorder.push({ target, value: kept });
  }
}

/** A JSON copy of a value for another owner (a mock reused by every run, a cached write replayed). */
export function freshCopy(value: unknown): unknown {
  const copy = copyJson(value, MAX_INPUT_CHARS);
  return copy.ok ? copy.value : null;
}
