/* The record suite's own checks (bench/suites/record.js): a figure counts only for a whole recording,
 * and the peak RSS it reports is the child's own. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { checkRecording } = require('../../bench/suites/record');
const MAX_RSS = join(__dirname, '..', '..', 'bench', 'child', 'max-rss.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-bench-record-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ Id: `r${i}` })));

describe('checkRecording', () => {
  it('passes a recording holding every expected row and org.json', () => {
    writeFileSync(join(dir, 'AsyncApexJob.json'), rows(3));
    writeFileSync(join(dir, 'org.json'), '{}');
    expect(() => checkRecording(dir, { AsyncApexJob: 3 })).not.toThrow();
  });

  it('refuses a short object file, a missing one, and a missing org.json, naming what is wrong', () => {
    writeFileSync(join(dir, 'AsyncApexJob.json'), rows(2));
    writeFileSync(join(dir, 'org.json'), '{}');
    expect(() => checkRecording(dir, { AsyncApexJob: 3 })).toThrow('AsyncApexJob.json holds 2 records, the org 3');
    expect(() => checkRecording(dir, { AsyncApexJob: 2, InsurancePolicy: 1 })).toThrow('no InsurancePolicy.json');
    rmSync(join(dir, 'org.json'));
    expect(() => checkRecording(dir, { AsyncApexJob: 2 })).toThrow('no org.json');
  });
});

describe('bench/child/max-rss.js', () => {
  it("writes the child's own peak RSS at exit: at least the 64 MiB buffer it touched", () => {
    const out = join(dir, 'rss.json');
    const res = spawnSync(process.execPath, ['--require', MAX_RSS, '-e', 'Buffer.alloc(64 * 2 ** 20).fill(1)'], {
      env: { ...process.env, BENCH_MAX_RSS_OUT: out },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    const { maxRssKiB } = JSON.parse(readFileSync(out, 'utf8')) as { maxRssKiB: number };
    expect(maxRssKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(maxRssKiB).toBeLessThan(1024 * 1024);
  });
});
