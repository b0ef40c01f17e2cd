import { createServer, Server } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/output';
import { MockOrg } from '../../../src/mock-org/mock-org';

/**
 * Every command closes its org on every exit path, so the state file is synced and its lock
 * released. Run in this process, where no 'exit' hook can do it instead: an org left open here
 * keeps the file locked, and opening it again in this process is refused.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
let dir: string;
let fixtures: string;
let state: string;
let stderr: string;

function io(): CliIo {
  stderr = '';
  const err = new PassThrough();
  err.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const out = new PassThrough();
  out.resume();
  return { stdout: out, stderr: err, stdin: new PassThrough(), env: {}, cwd: dir };
}

function run(...args: string[]): Promise<number> {
  return main(['node', 'ipemu', ...args], io());
}

/** The file is free again: this process may open it (it refuses while one of its own orgs holds it). */
function expectReleased(): void {
  expect(existsSync(`${state}.lock`)).toBe(false);
  MockOrg.fromFixturesSync(fixtures, { state }).closeSync();
}

function listening(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-close-'));
  fixtures = join(dir, 'org.json');
  state = join(dir, 'org.state');
  writeFileSync(fixtures, JSON.stringify({ users: { admin: { default: true } }, records: {} }));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const inputs = mkdtempSync(join(tmpdir(), 'ipemu-cli-close-input-'));
afterAll(() => {
  rmSync(inputs, { recursive: true, force: true });
});

describe('the org is closed (state synced, lock released) on every exit path', () => {
  it('invoke: success and failure answers', async () => {
    expect(await run('invoke', KEY, '--fixtures', fixtures, '--state', state, '--input', '{"jobId":"7075j00004uK6GjAAK"}')).toBe(4);
    expectReleased();
    expect(await run('invoke', KEY, '--fixtures', fixtures, '--state', state, '--input', '{"jobId":"nope"}')).toBe(2);
    expectReleased();
  });

  it('ip run and ip test', async () => {
    expect(await run('ip', 'run', 'No_Such', '--fixtures', fixtures, '--state', state, '--input', '{}')).toBe(4);
    expectReleased();
    await run('ip', 'test', '--fixtures', fixtures, '--state', state);
    expectReleased();
  });

  it('batch with an --output it cannot write', async () => {
    // Outside the test's folder: batch has opened it before it fails, and reads it after afterEach.
    const input = join(inputs, 'in.jsonl');
    writeFileSync(input, '{"jobId":"7075j00004uK6GjAAK"}\n');
    expect(await run('batch', KEY, '--fixtures', fixtures, '--state', state, '--input-file', input, '--output', join(dir, 'no', 'dir', 'out.jsonl'))).toBe(2);
    expect(stderr).toContain('Cannot write --output');
    expectReleased();
  });

  it('serve and mock-org serve on a port already in use', async () => {
    const { server, port } = await listening();
    try {
      expect(await run('serve', '--port', String(port), '--log-level', 'silent', '--fixtures', fixtures, '--state', state)).not.toBe(0);
      expectReleased();
      expect(await run('mock-org', 'serve', '--port', String(port), '--fixtures', fixtures, '--state', state)).not.toBe(0);
      expectReleased();
    } finally {
      server.close();
    }
  });
});
