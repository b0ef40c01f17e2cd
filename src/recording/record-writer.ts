import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PARTIAL_SUFFIX } from './record-manifest';

/**
 * One object's fixture file, written as records come: `<Object>.json.partial` holds a JSON array,
 * one record per line (as mock-org/fixtures/write-generated.ts writes), and becomes
 * `<Object>.json` only once complete, so a file named like a fixture is always whole.
 */

/** About 1 MiB of text per write: few system calls, little memory. */
const CHUNK_CHARS = 1 << 20;

export class RecordFileWriter {
  private parts: string[] = [];
  private pending = 0;
  private count = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly partial: string,
    private readonly final: string,
  ) {}

  static async create(out: string, object: string): Promise<RecordFileWriter> {
    const final = join(out, `${object}.json`);
    const partial = join(out, `${object}${PARTIAL_SUFFIX}`);
    const handle = await open(partial, 'w');
    const writer = new RecordFileWriter(handle, partial, final);
    writer.emit('[');
    return writer;
  }

  get rows(): number {
    return this.count;
  }

  private emit(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
  }

  /** Adds one record; resolves once the text so far is written when a chunk is full. */
  async add(record: Record<string, unknown>): Promise<void> {
    this.emit(this.count === 0 ? '\n' : ',\n');
    this.emit(JSON.stringify(record));
    this.count++;
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    await this.handle.write(chunk, null, 'utf8');
  }

  /** Closes the array, syncs the file and gives it its fixture name. */
  async finish(): Promise<void> {
    this.emit(this.count === 0 ? ']\n' : '\n]\n');
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.partial, this.final);
  }

  /** Stops without a fixture file: the partial file is removed (a resume reads the object again). */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.partial, { force: true });
  }
}
