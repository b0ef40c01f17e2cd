'use strict';
// `npm run bench`: builds the shared data once, runs every suite, writes bench/RESULTS.md.
// BENCH_QUICK=1 for a smoke run (results go to the OS temp dir), BENCH_ONLY=invoke,http to pick
// suites, BENCH_SOAK_SECONDS to shorten the soak.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const config = require('./lib/config');
const { machine, nowMs } = require('./lib/stats');
const { render, consoleSummary } = require('./lib/report');

const SUITES = ['cold-start', 'invoke', 'procedures', 'rest', 'aggregates', 'polling', 'load', 'record', 'http', 'soak'];

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Fixture files come from the CLI users run (`ipemu mock-org generate`), same seed as in memory. */
function generateFile(size, name) {
  const out = path.join(config.tmpDir, name);
  const args = [
    config.bin,
    'mock-org',
    'generate',
    '--policies',
    String(size.policies),
    '--jobs-per-policy',
    String(size.jobsPerPolicy),
    '--seed',
    String(config.seed),
    '--out',
    out,
  ];
  const res = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: config.root });
  if (res.status !== 0) throw new Error(`ipemu mock-org generate failed (${res.status}): ${res.stderr}`);
  return out;
}

async function buildContext(selected) {
  if (!fs.existsSync(path.join(config.dist, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
  const ipemu = require(config.dist);
  const { generate, inputsFor, countJobs } = require('./lib/org-data');
  fs.mkdirSync(config.tmpDir, { recursive: true });
  const ctx = { ipemu };
  // The record suite needs only the large fixture file, not the in-memory orgs.
  if (selected.includes('record')) {
    log('writing the large fixture file with `ipemu mock-org generate`');
    ctx.largeFile = generateFile(config.large, 'large-org.json');
  }
  const needsOrgs = selected.some((s) => ['invoke', 'procedures', 'rest', 'aggregates', 'load', 'http', 'soak'].includes(s));
  if (!needsOrgs) return ctx;
  for (const name of ['small', 'large']) {
    if (name === 'large' && !selected.some((s) => ['invoke', 'rest', 'aggregates', 'load'].includes(s))) continue;
    log(`generating the ${name} org (${config[name].policies} policies × ${config[name].jobsPerPolicy} jobs)`);
    const doc = generate(config[name]);
    const start = nowMs();
    const org = await ipemu.MockOrg.fromFixtures(doc, { user: 'admin' });
    const loadMs = nowMs() - start;
    ctx[name] = { doc, org, loadMs, jobs: countJobs(doc), inputs: inputsFor(doc) };
  }
  if (selected.some((s) => ['http', 'soak'].includes(s))) ctx.smallFile = generateFile(config.small, 'small-org.json');
  if (selected.includes('load') && ctx.largeFile === undefined) {
    log('writing the large fixture file with `ipemu mock-org generate`');
    ctx.largeFile = generateFile(config.large, 'large-org.json');
  }
  return ctx;
}

async function main() {
  const started = nowMs();
  const info = machine();
  const unknown = config.only.filter((s) => !SUITES.includes(s));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown suites: ${unknown.join(', ')} (known: ${SUITES.join(', ')})`);
  const selected = config.only.length > 0 ? SUITES.filter((s) => config.only.includes(s)) : SUITES;
  log(`${config.quick ? 'QUICK smoke run' : 'full run'}: ${selected.join(', ')} on ${info.cpu} × ${info.cores}, Node ${info.node}`);
  const ctx = await buildContext(selected);
  const results = [];
  const failures = [];
  for (const name of selected) {
    log(`suite ${name}…`);
    const t = nowMs();
    try {
      results.push(await require(`./suites/${name}`).run(ctx));
      log(`suite ${name} done in ${((nowMs() - t) / 1000).toFixed(1)} s`);
    } catch (err) {
      // One broken suite must not cost the figures of the others.
      failures.push({ name, error: err && err.message ? err.message : String(err) });
      log(`suite ${name} FAILED: ${err && err.stack ? err.stack : err}`);
    }
  }
  const notesPath = path.join(__dirname, 'NOTES.md');
  const notes = fs.existsSync(notesPath) ? fs.readFileSync(notesPath, 'utf8') : undefined;
  const md = render({ machine: info, quick: config.quick, results, failures, seconds: (nowMs() - started) / 1000, notes });
  fs.writeFileSync(config.resultsPath, md);
  fs.rmSync(config.tmpDir, { recursive: true, force: true });
  process.stdout.write(`${consoleSummary(results, failures)}\n\nWrote ${config.resultsPath}\n`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bench: ${err && err.stack ? err.stack : err}\n`);
    fs.rmSync(config.tmpDir, { recursive: true, force: true });
    process.exitCode = 1;
  },
);
