import { mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LineWriter, OutputWriteError } from '../../src/cli/line-writer';

const dir = mkdtempSync(join(tmpdir(), 'ipemu-line-writer-'));

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** A disk that fills after `room` bytes: the kernel writes what fits, then the next write fails. */
function fillingDisk(fd: number, room: number): Writable {
  let left = room;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const fits = Math.min(left, chunk.length);
      if (fits > 0) writeSync(fd, chunk, 0, fits);
      left -= fits;
      callback(fits < chunk.length ? enospc() : null);
    },
  });
}

describe('LineWriter', () => {
  it('after a full disk cuts a half-written line off the file, keeps the whole lines and says how many', async () => {
    const path = join(dir, 'full.jsonl');
    const fd = openSync(path, 'w');
    const writer = LineWriter.toFile(fd, fillingDisk(fd, 25));
    await writer.write('{"n":1}\n');
    await writer.write('{"n":2}\n');
    // The disk takes 9 of this line's 16 bytes; the write may fail at once or on the next one.
    await writer.write('{"n":3,"pad":1}\n').catch(() => undefined);
    await expect(writer.write('{"n":4}\n')).rejects.toBeInstanceOf(OutputWriteError);
    const error = await writer.end();
    expect(error).toMatchObject({ linesWritten: 2, message: expect.stringMatching(/^ENOSPC/) });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('answers no error and leaves every line when nothing failed', async () => {
    const path = join(dir, 'ok.jsonl');
    const fd = openSync(path, 'w');
    const writer = LineWriter.toFile(fd, fillingDisk(fd, 1000));
    await writer.write('a\n');
    await writer.write('b\n');
    expect(await writer.end()).toBeUndefined();
    expect(writer.linesWritten).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
  });

  it('on a stream it cannot cut (a pipe), reports the failed write instead of throwing it as an event', async () => {
    const pipe = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' }));
      },
    });
    const writer = LineWriter.toStream(pipe);
    await writer.write('a\n').catch(() => undefined);
    await expect(writer.write('b\n')).rejects.toMatchObject({ linesWritten: 0, message: expect.stringMatching(/EPIPE/) });
    expect(await writer.end()).toBeInstanceOf(OutputWriteError);
  });
});
