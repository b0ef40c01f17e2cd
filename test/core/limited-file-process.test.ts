import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built reader in a child process (needs `npm run build`), kept out of `npm run test:unit`:
// a read that blocks on a FIFO is synchronous, so only a child process can bound it by a deadline.
(process.platform === 'win32' ? describe.skip : describe)('readLimitedText on a FIFO', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-limited-fifo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a FIFO with no writer as not-regular at once instead of waiting for a writer', () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const script = `
      const { readLimitedText } = require(${JSON.stringify(require.resolve('../../dist/core/limited-file'))});
      console.log(JSON.stringify(readLimitedText(process.argv[1])));
    `;
    const child = spawnSync(process.execPath, ['-e', script, fifo], { encoding: 'utf8', timeout: 10_000 });
    expect({ signal: child.signal, status: child.status }).toEqual({ signal: null, status: 0 });
    expect(JSON.parse(child.stdout)).toEqual({ ok: false, reason: 'not-regular', kind: 'a FIFO' });
  });
});
