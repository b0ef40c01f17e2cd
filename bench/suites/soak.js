'use strict';
// Issue 7 item 4: a sustained run against `ipemu serve` with zero errors and stable memory.
const config = require('../lib/config');
const { summarize, fmtNum } = require('../lib/stats');
const { stopChild } = require('../lib/children');
const { askProbe, startIpemuServe, checkInputs, cannon } = require('../lib/http-load');

const MAX_GROWTH = 1.2;

/** Heap after a full GC in the server process (bench/child/probe.js answers). */
const heapOf = (child) => askProbe(child, { cmd: 'heap' });

const mib = (bytes) => bytes / 2 ** 20;

async function run(ctx) {
  const { seconds, warmupSeconds, connections } = config.soak;
  const inputs = ctx.small.inputs.jobId;
  const server = await startIpemuServe(ctx.smallFile, { probe: true });
  const slices = Math.max(1, Math.round(seconds / 10));
  const sliceSeconds = Math.max(1, Math.round(seconds / slices));
  let warm, end, load;
  const trail = [];
  try {
    await checkInputs(server.info.url, inputs);
    await cannon(server.info.url, inputs, { seconds: warmupSeconds, connections });
    warm = await heapOf(server.child);
    // The soak runs in slices so the heap trend is visible, not just its two ends.
    const parts = [];
    for (let s = 0; s < slices; s++) {
      parts.push(await cannon(server.info.url, inputs, { seconds: sliceSeconds, connections, allowErrors: true }));
      trail.push(mib((await heapOf(server.child)).heapUsed));
    }
    end = { heapUsed: trail[trail.length - 1] * 2 ** 20 };
    load = {
      total: parts.reduce((a, p) => a + p.total, 0),
      failed: parts.reduce((a, p) => a + p.failed, 0),
      rps: summarize(parts.map((p) => p.rps)),
      p99: summarize(parts.map((p) => p.p99)),
    };
  } finally {
    await stopChild(server.child);
  }
  const growth = end.heapUsed / warm.heapUsed;
  return {
    section: {
      title: `Soak (${slices * sliceSeconds} s at ${connections} connections)`,
      text: `\`ipemu serve\` in a child process on the ${ctx.small.jobs}-job fixture file; heap read after a forced GC (preloaded bench/child/probe.js) after ${warmupSeconds} s of warm-up and after each slice of the soak. Heap trail (MiB): ${trail.map((h) => h.toFixed(1)).join(' → ')}.`,
      rows: [
        { name: 'requests answered', summary: summarize([load.total]), unit: '' },
        { name: 'errors + timeouts + non-2xx', summary: summarize([load.failed]), unit: '' },
        { name: 'requests/s per slice', summary: load.rps, unit: 'req/s' },
        { name: 'p99 latency per slice', summary: load.p99, unit: 'ms' },
        { name: 'heap after warm-up (after GC)', summary: summarize([mib(warm.heapUsed)]), unit: 'MiB' },
        { name: 'heap at the end (after GC)', summary: summarize([mib(end.heapUsed)]), unit: 'MiB', note: `${growth.toFixed(2)}× warm-up` },
      ],
    },
    targets: [
      { name: `soak: errors over ${fmtNum(load.total)} requests`, target: '0', actual: String(load.failed), pass: load.failed === 0 },
      {
        name: 'soak: heap at the end vs after warm-up',
        target: `≤ ${MAX_GROWTH}×`,
        actual: `${growth.toFixed(2)}× (${mib(warm.heapUsed).toFixed(1)} → ${mib(end.heapUsed).toFixed(1)} MiB)`,
        pass: growth <= MAX_GROWTH,
      },
    ],
    profiles: [],
  };
}

module.exports = { name: 'soak', run };
