import fs, { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalFile, SYNC_DELAY_MS } from '../../../src/mock-org/state/journal-file';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-journal-'));
  path = join(dir, 'org.state');
});

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('the journal file', () => {
  it('appends whole lines after the header, and replaceWith swaps in a new journal that later appends follow', () => {
    const journal = JournalFile.open(path, 0, 0, 'header\n');
    journal.append('one\n');
    journal.replaceWith('header\ncompact\n');
    journal.append('two\n');
    journal.close();
    expect(readFileSync(path, 'utf8')).toBe('header\ncompact\ntwo\n');
    expect(() => journal.append('three\n')).toThrow(/is closed; the write was not made/);
  });

  /** fdatasync answering `code` on the next turn, as a sync that ends after the main thread moved on. */
  function failingSync(code: string): jest.SpyInstance {
    return jest.spyOn(fs, 'fdatasync').mockImplementation((_fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
      setImmediate(() => callback(Object.assign(new Error(`${code}: sync failed`), { code })));
    });
  }

  it('a sync that ends after a compaction replaced its descriptor (EBADF) does not stop later writes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const sync = failingSync('EBADF');
    const journal = JournalFile.open(path, 0, 0, 'header\n');
    journal.append('one\n');
    jest.advanceTimersByTime(SYNC_DELAY_MS);
    journal.replaceWith('header\ncompact\n');
    await settle();
    expect(sync).toHaveBeenCalledTimes(1);
    journal.append('two\n');
    journal.close();
    expect(readFileSync(path, 'utf8')).toBe('header\ncompact\ntwo\n');
  });

  it('a failed sync of the journal in use refuses every later write (acknowledged writes may be lost)', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    failingSync('EIO');
    const journal = JournalFile.open(path, 0, 0, 'header\n');
    journal.append('one\n');
    jest.advanceTimersByTime(SYNC_DELAY_MS);
    await settle();
    expect(() => journal.append('two\n')).toThrow(`The state file ${path} failed (EIO: sync failed); writes are refused until the org is reopened.`);
    journal.close();
    expect(readFileSync(path, 'utf8')).toBe('header\none\n');
  });

  it('a write that fails part way (a full disk) is cut back off: the file holds whole lines only, and the next write goes on', () => {
    const journal = JournalFile.open(path, 0, 0, 'header\n');
    journal.append('one\n');
    const real = fs.writeSync;
    let calls = 0;
    const write = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
      calls += 1;
      if (calls === 1) return real(fd, buffer, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }) as unknown as typeof fs.writeSync);
    expect(() => journal.append('a long second line\n')).toThrow(
      `Cannot write the state file ${path} (ENOSPC: no space left on device); the write was not made.`,
    );
    expect(readFileSync(path, 'utf8')).toBe('header\none\n');
    write.mockRestore();
    journal.append('two\n');
    journal.close();
    expect(readFileSync(path, 'utf8')).toBe('header\none\ntwo\n');
  });
});
