import { close, ftruncate } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The output could not take a line (a full disk, a closed pipe); the batch stops with it. */
export class OutputWriteError extends Error {
  constructor(
    readonly reason: NodeJS.ErrnoException,
    readonly linesWritten: number,
  ) {
    super(reason.message);
    this.name = 'OutputWriteError';
  }
}

/**
 * Writes whole lines, with backpressure. A stream confirms each chunk only once all of it is
 * written, so the confirmed bytes end on a line break; after a failed write the file is cut back
 * there, and no half line stays behind (a pipe or terminal cannot be cut: it keeps what it got).
 */
export class LineWriter {
  private lines = 0;
  private bytes = 0;
  private failed: NodeJS.ErrnoException | undefined;

  private constructor(
    private readonly stream: Writable,
    /** The output file's descriptor, which this writer owns and closes. */
    private readonly fd: number | undefined,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.failed ??= err;
    });
  }

  static toStream(stream: Writable): LineWriter {
    return new LineWriter(stream, undefined);
  }

  static toFile(fd: number, stream: Writable): LineWriter {
    return new LineWriter(stream, fd);
  }

  get linesWritten(): number {
    return this.lines;
  }

  /** Resolves at once or when the stream can take more; rejects with OutputWriteError after any failed write. */
  async write(line: string): Promise<void> {
    if (this.failed) throw new OutputWriteError(this.failed, this.lines);
    const size = Buffer.byteLength(line);
    const more = this.stream.write(line, (err) => {
      if (err) return;
      this.lines += 1;
      this.bytes += size;
    });
    if (more) return;
    try {
      // once() rejects when 'error' comes first.
      await once(this.stream, 'drain');
    } catch (err) {
      this.failed ??= err as NodeJS.ErrnoException;
      throw new OutputWriteError(this.failed, this.lines);
    }
  }

  /** Flushes, and closes a file (not stdout); answers the OutputWriteError when a line was not written. */
  async end(): Promise<OutputWriteError | undefined> {
    if (this.fd === undefined) {
      if (!this.failed && this.stream.writableNeedDrain) await once(this.stream, 'drain').catch(() => undefined);
    } else {
      this.stream.end();
      await finished(this.stream).catch(() => undefined);
      const fd = this.fd;
      if (this.failed) await new Promise<void>((resolve) => ftruncate(fd, this.bytes, () => resolve()));
      await new Promise<void>((resolve) => close(fd, () => resolve()));
    }
    return this.failed ? new OutputWriteError(this.failed, this.lines) : undefined;
  }
}
