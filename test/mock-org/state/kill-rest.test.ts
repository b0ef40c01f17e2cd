import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startCli, type RunningCli } from '../../cli/spawn-server';

/**
 * The kill test over REST (issue 14): jsforce writes a stream of records, one at a time, to
 * `ipemu mock-org serve --state`; the server is killed with SIGKILL mid-stream, three times on one
 * file, each restart taking over the lock the killed one left. Then every write the server
 * acknowledged (201) is there, at most the one in flight per kill besides, and the file loads.
 * Runs the built bin (`npm run build` first).
 */

const FIXTURES = {
  users: { admin: { default: true } },
  schema: { Note__c: { keyPrefix: 'a01', fields: { Name: { type: 'string' }, Body__c: { type: 'textarea', length: 32768 } } } },
  records: {},
};

let dir: string;
let fixtures: string;
let state: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-kill-rest-'));
  fixtures = join(dir, 'org.json');
  state = join(dir, 'org.state');
  writeFileSync(fixtures, JSON.stringify(FIXTURES));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<{ server: RunningCli; conn: Connection }> {
  const server = await startCli(['mock-org', 'serve', '--port', '0', '--fixtures', fixtures, '--state', state]);
  const { instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };
  return { server, conn: new Connection({ instanceUrl, accessToken, version: '64.0' }) };
}

/** Writes until the server dies, killing it once `killAfter` writes are acknowledged; answers the acknowledged Ids. */
async function writeUntilKilled(killAfter: number): Promise<string[]> {
  const { server, conn } = await serve();
  const acknowledged: string[] = [];
  const body = 'y'.repeat(4000);
  try {
    for (let n = 0; n < 2000; n++) {
      if (n === killAfter) server.child.kill('SIGKILL');
      const saved = await conn.sobject('Note__c').create({ Name: `N-${n}`, Body__c: body });
      acknowledged.push(saved.id!);
    }
  } catch {
    // The connection died with the server: the write in flight was not acknowledged.
  }
  await server.exited;
  expect(server.child.signalCode).toBe('SIGKILL');
  return acknowledged;
}

describe('SIGKILL of mock-org serve --state during a stream of REST writes, then a restart', () => {
  it('every acknowledged write is there, at most the one in flight per kill is missing, and the file loads', async () => {
    const acknowledged: string[] = [];
    for (const killAfter of [100, 30, 120]) acknowledged.push(...(await writeUntilKilled(killAfter)));
    expect(existsSync(`${state}.lock`)).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(250);

    const { server, conn } = await serve();
    try {
      const stored = (await conn.query<{ Id: string }>('SELECT Id FROM Note__c', { autoFetch: true, maxFetch: 10_000 })).records.map((r) => r.Id);
      const storedSet = new Set(stored);
      expect(acknowledged.filter((id) => !storedSet.has(id))).toEqual([]);
      expect(storedSet.size).toBe(stored.length);
      expect(stored.length - acknowledged.length).toBeGreaterThanOrEqual(0);
      expect(stored.length - acknowledged.length).toBeLessThanOrEqual(3);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });
});
