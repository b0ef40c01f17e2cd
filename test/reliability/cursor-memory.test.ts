import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { RunningCli, startCli } from '../cli/spawn-server';
import { generatedId } from '../../src/mock-org/fixtures/generate';
import { ALL_JOBS_SOQL } from './large-org';

/**
 * Issue 12 item 1: each query cursor held its whole projected result, so on a 150,000-job org
 * 121 abandoned cursors took `ipemu mock-org serve` to 4.2 GB and a heap out-of-memory death (40
 * took it to 1.6 GB). Cursors now hold row references, at most 10 per user.
 */

const JOBS = 150_000;
const ABANDONED = 40;
const MAX_RSS_BYTES = 600 * 1024 * 1024;

/** Resident set size of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: { Id: string }[];
}

let dir: string;
let server: RunningCli | undefined;
let instanceUrl: string;
let accessToken: string;

const get = async (path: string): Promise<QueryPage> => {
  const res = await fetch(`${instanceUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as QueryPage;
};
const QUERY = `/services/data/v64.0/query?q=${encodeURIComponent(ALL_JOBS_SOQL)}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-cursors-'));
  const file = join(dir, 'org.json');
  const generated = await runCli(['mock-org', 'generate', '--policies', String(JOBS / 3), '--jobs-per-policy', '3', '--out', file], { killAfterMs: 60_000 });
  expect(generated.code).toBe(0);
  server = await startCli(['mock-org', 'serve', '--fixtures', file]);
  ({ instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string });
}, 120_000);

afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('abandoned query cursors on a 150,000-job org', () => {
  it(`${ABANDONED} abandoned cursors of all jobs keep the server under 600 MiB RSS`, async () => {
    for (let i = 0; i < ABANDONED; i++) {
      const first = await get(QUERY);
      expect(first).toMatchObject({ totalSize: JOBS, done: false });
      expect(first.records).toHaveLength(2000);
    }
    expect(rssOf(server!.child.pid!)).toBeLessThan(MAX_RSS_BYTES);
  }, 120_000);

  it('paging a fresh cursor still gives every job once, in table order', async () => {
    const ids: string[] = [];
    let page = await get(QUERY);
    ids.push(...page.records.map((r) => r.Id));
    while (!page.done) {
      page = await get(page.nextRecordsUrl!);
      ids.push(...page.records.map((r) => r.Id));
    }
    expect(ids).toHaveLength(JOBS);
    const expected = Array.from({ length: JOBS }, (_, i) => generatedId('707', i + 1));
    expect(ids).toEqual(expected);
  }, 120_000);
});
