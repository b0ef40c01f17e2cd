'use strict';
// Fixture load of the 150k-job org, each run in a fresh process so the heap figure is the org's.
const fs = require('node:fs');
const path = require('node:path');
const config = require('../lib/config');
const { summarize } = require('../lib/stats');
const { runJsonScript } = require('../lib/children');
const { topSelfOfDir } = require('../lib/profile');

const SCRIPT = path.join(__dirname, '..', 'child', 'load-org.js');
const MAX_LOAD_MS = 3000;

async function run(ctx) {
  const file = ctx.largeFile;
  const sizeMiB = fs.statSync(file).size / 2 ** 20;
  const runs = [];
  for (let r = 0; r < config.load.runs; r++) runs.push(await runJsonScript(SCRIPT, [file], { execArgv: ['--expose-gc'] }));
  const ms = summarize(runs.map((x) => x.ms));
  const heap = summarize(runs.map((x) => x.heapMiB));
  const rss = summarize(runs.map((x) => x.rssMiB));
  const rows = [
    { name: `load ${path.basename(file)} (${sizeMiB.toFixed(0)} MiB, ${ctx.large.jobs.toLocaleString('en-US')} jobs) from disk`, summary: ms, unit: 'ms' },
    { name: 'heap held by the loaded org (after GC)', summary: heap, unit: 'MiB' },
    { name: 'process RSS after load', summary: rss, unit: 'MiB' },
    { name: 'load from the in-memory document (harness process, one run)', summary: summarize([ctx.large.loadMs]), unit: 'ms' },
  ];
  const pass = ms.median <= MAX_LOAD_MS;
  const profiles = [];
  if (!pass) {
    const dir = path.join(config.tmpDir, 'prof-load');
    fs.rmSync(dir, { recursive: true, force: true });
    await runJsonScript(SCRIPT, [file], { execArgv: ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${dir}`] });
    const top = topSelfOfDir(dir);
    if (top) profiles.push({ title: `fixture load of the ${ctx.large.jobs.toLocaleString('en-US')}-job org (child process, --cpu-prof)`, top });
  }
  return {
    section: {
      title: 'Mock-org fixture load',
      text: `The file is written by \`ipemu mock-org generate --policies ${config.large.policies} --jobs-per-policy ${config.large.jobsPerPolicy} --seed ${config.seed}\`; each run loads it with \`MockOrg.fromFixtures\` in a fresh process.`,
      rows,
    },
    targets: [
      {
        name: `fixture load of the ${ctx.large.jobs.toLocaleString('en-US')}-job org`,
        target: `≤ ${MAX_LOAD_MS} ms`,
        actual: `${Math.round(ms.median).toLocaleString('en-US')} ms (heap ${heap.median.toFixed(0)} MiB)`,
        pass,
      },
    ],
    profiles,
  };
}

module.exports = { name: 'load', run };
