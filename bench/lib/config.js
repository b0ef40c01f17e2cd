'use strict';
// Benchmark sizes. BENCH_QUICK=1 shrinks everything to a smoke run that checks the harness end to end
// without claiming figures; the full run is what RESULTS.md reports.
const path = require('node:path');
const os = require('node:os');

const ROOT = path.resolve(__dirname, '..', '..');
const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${raw}".`);
  return n;
}

const config = {
  root: ROOT,
  dist: path.join(ROOT, 'dist'),
  bin: path.join(ROOT, 'bin', 'ipemu.js'),
  quick,
  /** Comma-separated suite names to run (default: all). */
  only: (process.env.BENCH_ONLY || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  /** Quick runs write beside the OS temp files so no smoke figure lands in the tree as a result. */
  resultsPath: process.env.BENCH_OUT || (quick ? path.join(os.tmpdir(), 'ipemu-bench-RESULTS.quick.md') : path.join(ROOT, 'bench', 'RESULTS.md')),
  tmpDir: path.join(os.tmpdir(), `ipemu-bench-${process.pid}`),
  seed: 1,
  small: { policies: 100, jobsPerPolicy: 3 },
  large: { policies: 50_000, jobsPerPolicy: 3 },
  invoke: {
    /** Samples per (path, size, mode); each sample runs at least sampleMs. */
    samples: quick ? 3 : 5,
    sampleMs: quick ? 150 : 400,
    warmupMs: quick ? 150 : 500,
    batch: 64,
    /** Distinct inputs cycled through per path (all of them on the small org). */
    distinct: 20_000,
  },
  load: { runs: quick ? 1 : 3 },
  /** Recordings of the large org by `ipemu mock-org record` (bench/suites/record.js). */
  record: { runs: quick ? 1 : 3 },
  rest: { waves: quick ? 2 : 5, sequential: quick ? 10 : 30, concurrency: [1, 15, 200] },
  /** Jobs polled to completion; their completions spread over `spread` seconds. */
  polling: { jobs: 1_000, spread: quick ? 2 : 6 },
  http: { runs: quick ? 1 : 3, seconds: quick ? 2 : 6, connections: 64, warmupSeconds: quick ? 1 : 2 },
  coldStart: { runs: quick ? 3 : 11 },
  soak: { seconds: intEnv('BENCH_SOAK_SECONDS', quick ? 5 : 180), warmupSeconds: quick ? 2 : 10, connections: 64 },
  profile: { top: 12 },
};

module.exports = config;
