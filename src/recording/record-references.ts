import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedFields } from './record-fields';

/**
 * References the recording cannot satisfy: a reference field whose value is none of the recorded
 * records' Ids. They are reported, never invented, and the value is kept (the fixture loader
 * checks a reference's key prefix, not that its record exists). Read back from the finished files,
 * one record a line, so a resumed recording checks the objects an earlier run wrote as well.
 */

export interface DanglingReference {
  object: string;
  field: string;
  /** Records whose value is not a recorded Id. */
  count: number;
  /** A few of those values (the first seen, each once). */
  examples: string[];
}

const EXAMPLES = 3;
/** A record line as RecordFileWriter writes it: Id is the first key (RecordedFields puts it first). */
const ID_AT_START = /^\{"Id":"([^"\\]+)"/;

async function forEachLine(path: string, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line.startsWith('{')) onLine(line.endsWith(',') ? line.slice(0, -1) : line);
}

/**
 * `onRecord` sees every record of every object as the fixture holds it (the picklist values a
 * schema must allow are read here too, so a resumed recording sees the earlier run's records).
 */
export async function danglingReferences(
  out: string,
  objects: ReadonlyMap<string, RecordedFields>,
  onRecord?: (object: string, record: Record<string, unknown>) => void,
): Promise<DanglingReference[]> {
  const ids = new Set<string>();
  for (const object of objects.keys()) {
    await forEachLine(join(out, `${object}.json`), (line) => {
      const m = ID_AT_START.exec(line);
      // A copy: the match is a slice that would keep its whole line alive (150,000 lines of a few hundred bytes each).
      if (m) ids.add(Buffer.from(m[1]!, 'latin1').toString('latin1'));
    });
  }
  const found: DanglingReference[] = [];
  for (const [object, fields] of objects) {
    if (fields.references.length === 0 && onRecord === undefined) continue;
    const byField = new Map(fields.references.map((field) => [field, { object, field, count: 0, examples: [] as string[] }]));
    await forEachLine(join(out, `${object}.json`), (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      onRecord?.(object, record);
      for (const [field, entry] of byField) {
        const value = record[field];
        if (typeof value !== 'string' || value === '' || ids.has(value)) continue;
        entry.count++;
        if (entry.examples.length < EXAMPLES && !entry.examples.includes(value)) entry.examples.push(value);
      }
    });
    for (const entry of byField.values()) if (entry.count > 0) found.push(entry);
  }
  return found;
}
