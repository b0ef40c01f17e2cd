'use strict';
// Issue 12: a sustained run of mixed valid and hostile traffic against `ipemu serve` (with a token
// and a plugin whose handlers throw and return hostile values): zero wrong answers, zero crashes,
// a flat heap.
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const config = require('../lib/config');
const { summarize, fmtNum } = require('../lib/stats');
const { stopChild } = require('../lib/children');
const { askProbe, startIpemuServe, checkInputs, cannon } = require('../lib/http-load');
const { hostileTraffic } = require('../lib/hostile-traffic');

const MAX_GROWTH = 1.2;
const HOSTILE_PLUGIN = path.join(__dirname, '..', 'child', 'hostile-plugin.js');

/** Heap and RSS after a full GC in the server process (bench/child/probe.js answers); null once it is gone. */
const memoryOf = (child) =>
  child.exitCode === null && child.signalCode === null && child.connected ? askProbe(child, { cmd: 'heap' }).catch(() => null) : null;

const mib = (bytes) => bytes / 2 ** 20;

async function run(ctx) {
  const { seconds, warmupSeconds, connections } = config.soak;
  const { httpStatusOf } = ctx.ipemu;
  const inputs = ctx.small.inputs.jobId;
  const token = randomBytes(24).toString('base64url');
  const auth = { authorization: `Bearer ${token}` };
  const server = await startIpemuServe(ctx.smallFile, { probe: true, extraArgs: ['--token', token, '--plugin', HOSTILE_PLUGIN] });
  let crashed = null;
  let stopping = false;
  server.child.once('exit', (code, sig) => {
    if (!stopping) crashed = `exited ${code ?? sig} during the soak: ${server.stderr().trim().split('\n').slice(-8).join(' | ').slice(0, 600)}`;
  });
  const slices = Math.max(1, Math.round(seconds / 10));
  const sliceSeconds = Math.max(1, Math.round(seconds / slices));
  const stopHostile = new AbortController();
  let warm, end, load, hostile, exitCode;
  const trail = [];
  try {
    await checkInputs(server.info.url, inputs, auth);
    const hostileRun = hostileTraffic(server.info.url, token, { signal: stopHostile.signal, httpStatusOf });
    await cannon(server.info.url, inputs, { seconds: warmupSeconds, connections, headers: auth, allowErrors: true });
    warm = await memoryOf(server.child);
    // The soak runs in slices so the heap trend is visible, not just its two ends.
    const parts = [];
    for (let s = 0; s < slices && crashed === null; s++) {
      parts.push(await cannon(server.info.url, inputs, { seconds: sliceSeconds, connections, headers: auth, allowErrors: true }));
      const mem = await memoryOf(server.child);
      if (mem !== null) trail.push({ heap: mib(mem.heapUsed), rss: mib(mem.rss) });
    }
    stopHostile.abort();
    hostile = await hostileRun;
    end = trail[trail.length - 1] ?? { heap: NaN, rss: NaN };
    warm = warm ?? { heapUsed: NaN };
    load = {
      total: parts.reduce((a, p) => a + p.total, 0),
      failed: parts.reduce((a, p) => a + p.failed, 0),
      rps: summarize(parts.map((p) => p.rps)),
      p99: summarize(parts.map((p) => p.p99)),
    };
  } finally {
    stopHostile.abort();
    stopping = true;
    exitCode = await stopChild(server.child);
  }
  const growth = end.heap / mib(warm.heapUsed);
  const exitedCleanly = crashed === null && exitCode === 0;
  return {
    section: {
      title: `Soak (${slices * sliceSeconds} s at ${connections} valid connections plus hostile traffic)`,
      text:
        `\`ipemu serve --token … --plugin bench/child/hostile-plugin.js\` in a child process on the ${ctx.small.jobs}-job fixture file. ` +
        `Valid invokes from autocannon; beside them ${fmtNum(hostile.sent)} hostile requests from 6 loops (no or wrong token, malformed JSON, bodies over 1 MiB, ` +
        `bad URL encoding, unknown routes and methods, deep and prototype-polluting inputs, oversized headers, and plugin handlers that throw cyclic objects, ` +
        `throwing getters, BigInts, thenables that settle twice, never settle or busy-loop past their timeout), each answer checked to be an output map ` +
        `whose errorCode matches its HTTP status (an oversized body may instead see the connection close while it is still being sent: ${fmtNum(hostile.closedMidBody)} did); and 16 sockets that never finish their header (${fmtNum(hostile.slowOpened)} opened, ` +
        `${fmtNum(hostile.slowClosedByServer)} closed by the server). Heap and RSS read after a forced GC (preloaded bench/child/probe.js) after ` +
        `${warmupSeconds} s of warm-up and after each slice. Heap trail (MiB): ${trail.map((t) => t.heap.toFixed(1)).join(' → ')}; ` +
        `RSS trail (MiB): ${trail.map((t) => t.rss.toFixed(0)).join(' → ')}.` +
        (hostile.examples.length > 0 ? ` Wrong hostile answers: ${hostile.examples.join('; ')}.` : ''),
      rows: [
        { name: 'valid requests answered', summary: summarize([load.total]), unit: '' },
        { name: 'valid: errors + timeouts + non-2xx', summary: summarize([load.failed]), unit: '' },
        { name: 'hostile requests answered', summary: summarize([hostile.sent]), unit: '' },
        { name: 'hostile: wrong answers', summary: summarize([hostile.wrong]), unit: '' },
        { name: 'valid requests/s per slice', summary: load.rps, unit: 'req/s' },
        { name: 'valid p99 latency per slice', summary: load.p99, unit: 'ms' },
        { name: 'heap after warm-up (after GC)', summary: summarize([mib(warm.heapUsed)]), unit: 'MiB' },
        { name: 'heap at the end (after GC)', summary: summarize([end.heap]), unit: 'MiB', note: `${growth.toFixed(2)}× warm-up` },
        { name: 'RSS at the end', summary: summarize([end.rss]), unit: 'MiB' },
      ],
    },
    targets: [
      { name: 'soak: the server never crashed and exited 0 on SIGINT', target: 'yes', actual: crashed ?? `exit ${exitCode}`, pass: exitedCleanly },
      { name: `soak: errors over ${fmtNum(load.total)} valid requests`, target: '0', actual: String(load.failed), pass: load.failed === 0 },
      { name: `soak: wrong answers over ${fmtNum(hostile.sent)} hostile requests`, target: '0', actual: String(hostile.wrong), pass: hostile.wrong === 0 },
      {
        name: 'soak: heap at the end vs after warm-up',
        target: `≤ ${MAX_GROWTH}×`,
        actual: `${growth.toFixed(2)}× (${mib(warm.heapUsed).toFixed(1)} → ${end.heap.toFixed(1)} MiB)`,
        pass: growth <= MAX_GROWTH,
      },
    ],
    profiles: [],
  };
}

module.exports = { name: 'soak', run };
