'use strict';
// `ipemu serve` throughput and latency beside a bare fastify route, same machine, same run.
const fs = require('node:fs');
const path = require('node:path');
const config = require('../lib/config');
const { summarize } = require('../lib/stats');
const { stopChild } = require('../lib/children');
const { topSelf } = require('../lib/profile');
const { askProbe, startIpemuServe, startBareFastify, checkInputs, cannon } = require('../lib/http-load');

const MIN_RATIO = 0.7;

async function run(ctx) {
  const { runs, seconds, connections, warmupSeconds } = config.http;
  const inputs = ctx.small.inputs.jobId;
  const ipemu = await startIpemuServe(ctx.smallFile);
  const bare = await startBareFastify(ctx.smallFile);
  const samples = { ipemu: [], bare: [] };
  try {
    const targets = { ipemu: ipemu.info.url, bare: bare.info.url };
    for (const url of Object.values(targets)) {
      await checkInputs(url, inputs);
      await cannon(url, inputs, { seconds: warmupSeconds, connections });
    }
    // Alternating runs so load from other processes falls on both sides of the ratio.
    for (let r = 0; r < runs; r++) {
      for (const name of ['ipemu', 'bare']) samples[name].push(await cannon(targets[name], inputs, { seconds, connections }));
    }
  } finally {
    await stopChild(ipemu.child);
    await stopChild(bare.child);
  }
  const rows = [];
  const med = {};
  for (const [name, label] of [
    ['ipemu', '`ipemu serve` POST /invoke/…'],
    ['bare', 'bare fastify POST route (Map lookup)'],
  ]) {
    const rps = summarize(samples[name].map((s) => s.rps));
    med[name] = rps.median;
    rows.push({ name: `${label}: requests/s`, summary: rps, unit: 'req/s' });
    rows.push({ name: `${label}: p50 latency`, summary: summarize(samples[name].map((s) => s.p50)), unit: 'ms' });
    rows.push({ name: `${label}: p99 latency`, summary: summarize(samples[name].map((s) => s.p99)), unit: 'ms' });
  }
  const ratio = med.ipemu / med.bare;
  const pass = ratio >= MIN_RATIO;
  const profiles = [];
  if (!pass) {
    // Both servers profiled over a load window only, after a warm-up, so start-up does not crowd
    // the picture; the bare route's profile shows what ipemu adds.
    for (const [name, start] of [
      ['ipemu serve', startIpemuServe],
      ['bare fastify route', startBareFastify],
    ]) {
      const file = path.join(config.tmpDir, `${name.replace(/ /g, '-')}.cpuprofile`);
      const prof = await start(ctx.smallFile, { probe: true });
      try {
        await cannon(prof.info.url, inputs, { seconds: warmupSeconds, connections });
        await askProbe(prof.child, { cmd: 'prof-start' });
        await cannon(prof.info.url, inputs, { seconds, connections });
        await askProbe(prof.child, { cmd: 'prof-stop', file });
      } finally {
        await stopChild(prof.child);
      }
      const top = topSelf(JSON.parse(fs.readFileSync(file, 'utf8')), { trimEdges: 'dispatch' });
      profiles.push({ title: `${name} under autocannon, load window only (inspector in the server process)`, top });
    }
  }
  return {
    section: {
      title: 'HTTP server (autocannon)',
      text: `${connections} connections, ${seconds} s per run, ${runs} runs each, alternating; both servers are child processes on the same ${ctx.small.jobs}-job fixture file, autocannon cycles over ${inputs.length} jobIds (all checked INVOKE-200 first; any error or non-2xx fails the run).`,
      rows,
    },
    targets: [{ name: 'HTTP server vs bare fastify route (requests/s)', target: `≥ ${MIN_RATIO * 100}%`, actual: `${(ratio * 100).toFixed(0)}%`, pass }],
    profiles,
  };
}

module.exports = { name: 'http', run };
