'use strict';
// In-process invoke throughput per path, on a ~300-job and a 150k-job org, beside a plain Map
// lookup doing the least the jobId path could do (the floor).
const config = require('../lib/config');
const { nowMs, summarize } = require('../lib/stats');
const { profileInProcess } = require('../lib/profile');
const { callerInputs } = require('../lib/org-data');

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const PATHS = ['jobId', 'policyId', 'referencePolicyNumber'];
const MIN_RATE = { jobId: 100_000, policyId: 40_000, referencePolicyNumber: 20_000 };
const MAX_SIZE_RATIO = 1.3;
const MAX_FLOOR_RATIO = 10;

/** A benchmark of error answers measures nothing: stop the run at the first one. */
function check(out, input) {
  if (!out || out.errorCode !== 'INVOKE-200') {
    throw new Error(`benchmark input ${JSON.stringify(input)} answered ${JSON.stringify(out)}; every benchmark input must answer INVOKE-200`);
  }
}

/** Sequential `await invoke(...)`, the way a test or polling loop calls it. Returns invocations/s. */
async function sequentialRate(call, inputs, ms) {
  let i = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let k = 0; k < 256; k++, i++) {
      const input = inputs[i % inputs.length];
      check(await call(input), input);
    }
    elapsed = nowMs() - start;
  }
  return (i * 1000) / elapsed;
}

/** Batches of `batch` concurrent invocations, the way `ipemu batch` or a server under load calls it. */
async function concurrentRate(call, inputs, ms, batch) {
  let i = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let k = 0; k < 8; k++) {
      const group = [];
      for (let b = 0; b < batch; b++, i++) group.push(inputs[i % inputs.length]);
      const outs = await Promise.all(group.map((input) => call(input)));
      outs.forEach((out, n) => check(out, group[n]));
    }
    elapsed = nowMs() - start;
  }
  return (i * 1000) / elapsed;
}

/** The floor: a Map lookup and the same output map, behind the same `await`. */
function mapFloor(doc) {
  const jobs = new Map(doc.records.AsyncApexJob.map((j) => [j.Id, j]));
  return async (input) => {
    const job = jobs.get(input.jobId);
    return { status: job.Status, jobId: job.Id, errorCode: 'INVOKE-200', error: 'OK' };
  };
}

async function run(ctx) {
  const { createEmulator } = ctx.ipemu;
  const { samples, sampleMs, warmupMs, batch } = config.invoke;
  const orgs = { small: ctx.small, large: ctx.large };
  const inputs = {};
  for (const size of Object.keys(orgs)) {
    inputs[size] = {};
    for (const path of PATHS) inputs[size][path] = callerInputs(orgs[size].inputs[path]);
  }
  const calls = {};
  for (const size of Object.keys(orgs)) {
    const emu = createEmulator({ org: orgs[size].org });
    calls[size] = (input) => emu.invoke(KEY, input);
  }
  const floor = mapFloor(ctx.large.doc);
  // The floor on the small org too: how much of any large/small ratio the memory hierarchy alone makes.
  const smallFloor = mapFloor(ctx.small.doc);
  const rates = {}; // rates[path][mode][size] = samples
  const floorSamples = [];
  const smallFloorSamples = [];
  for (const path of PATHS) {
    rates[path] = { sequential: { small: [], large: [] }, concurrent: { small: [], large: [] } };
    for (const size of Object.keys(orgs)) {
      // Warm-up fills describe and parse caches and lets the JIT settle before anything counts.
      await sequentialRate(calls[size], inputs[size][path], warmupMs);
      await concurrentRate(calls[size], inputs[size][path], warmupMs / 2, batch);
    }
    if (path === 'jobId') {
      await sequentialRate(floor, inputs.large.jobId, warmupMs);
      await sequentialRate(smallFloor, inputs.small.jobId, warmupMs);
    }
    // Small and large samples alternate so drift on a shared machine hits both sides of the ratio.
    for (let r = 0; r < samples; r++) {
      for (const size of Object.keys(orgs)) {
        rates[path].sequential[size].push(await sequentialRate(calls[size], inputs[size][path], sampleMs));
        rates[path].concurrent[size].push(await concurrentRate(calls[size], inputs[size][path], sampleMs, batch));
      }
      if (path === 'jobId') {
        floorSamples.push(await sequentialRate(floor, inputs.large.jobId, sampleMs));
        smallFloorSamples.push(await sequentialRate(smallFloor, inputs.small.jobId, sampleMs));
      }
    }
  }

  const rows = [];
  const targets = [];
  const missedPaths = new Set();
  for (const path of PATHS) {
    for (const mode of ['sequential', 'concurrent']) {
      const small = summarize(rates[path][mode].small);
      const large = summarize(rates[path][mode].large);
      const ratio = small.median / large.median;
      rows.push({
        name: `${path}, ${mode === 'sequential' ? 'sequential await' : `batches of ${batch}`}, ~${ctx.small.jobs} jobs`,
        summary: small,
        unit: 'inv/s',
      });
      rows.push({
        name: `${path}, ${mode === 'sequential' ? 'sequential await' : `batches of ${batch}`}, ${ctx.large.jobs.toLocaleString('en-US')} jobs`,
        summary: large,
        unit: 'inv/s',
        note: `large/small cost ${ratio.toFixed(2)}×`,
      });
      if (mode === 'sequential') {
        const rateOk = large.median >= MIN_RATE[path];
        const ratioOk = ratio <= MAX_SIZE_RATIO;
        targets.push({
          name: `${path} path on the ${ctx.large.jobs.toLocaleString('en-US')}-job org (sequential)`,
          target: `≥ ${MIN_RATE[path].toLocaleString('en-US')} inv/s`,
          actual: `${Math.round(large.median).toLocaleString('en-US')} inv/s`,
          pass: rateOk,
        });
        targets.push({ name: `${path} path: cost large/small (sequential)`, target: `≤ ${MAX_SIZE_RATIO}×`, actual: `${ratio.toFixed(2)}×`, pass: ratioOk });
        if (!rateOk || !ratioOk) missedPaths.add(path);
      }
    }
  }
  // Rows the SOQL engine looked at per invocation, counted over one pass of the inputs: the same at
  // both sizes when every lookup goes through an index, so a large/small gap is memory, not scans.
  const examined = {};
  for (const path of PATHS) {
    examined[path] = {};
    for (const size of Object.keys(orgs)) {
      const engine = orgs[size].org.engine;
      const n = Math.min(2000, inputs[size][path].length);
      const before = engine.rowsExamined;
      for (let i = 0; i < n; i++) check(await calls[size](inputs[size][path][i]), inputs[size][path][i]);
      examined[path][size] = (engine.rowsExamined - before) / n;
    }
  }
  const floorSummary = summarize(floorSamples);
  const jobLarge = summarize(rates.jobId.sequential.large);
  const floorRatio = floorSummary.median / jobLarge.median;
  for (const path of PATHS) {
    for (const size of Object.keys(orgs)) {
      const jobs = size === 'small' ? `~${ctx.small.jobs}` : ctx.large.jobs.toLocaleString('en-US');
      rows.push({ name: `${path}: rows examined per invocation, ${jobs} jobs`, summary: summarize([examined[path][size]]), unit: 'rows' });
    }
  }
  const smallFloorSummary = summarize(smallFloorSamples);
  rows.push({ name: `Map lookup floor (sequential await), ~${ctx.small.jobs} jobs`, summary: smallFloorSummary, unit: 'inv/s' });
  rows.push({
    name: `Map lookup floor (sequential await), ${ctx.large.jobs.toLocaleString('en-US')} jobs`,
    summary: floorSummary,
    unit: 'inv/s',
    note: `jobId path is ${floorRatio.toFixed(1)}× slower; the floor's own large/small cost is ${(smallFloorSummary.median / floorSummary.median).toFixed(2)}×`,
  });
  targets.push({
    name: 'jobId path within 10× of the Map floor',
    target: `≤ ${MAX_FLOOR_RATIO}×`,
    actual: `${floorRatio.toFixed(1)}×`,
    pass: floorRatio <= MAX_FLOOR_RATIO,
  });
  if (floorRatio > MAX_FLOOR_RATIO) missedPaths.add('jobId');

  const profiles = [];
  for (const path of missedPaths) {
    const top = await profileInProcess(() => sequentialRate(calls.large, inputs.large[path], config.quick ? 300 : 1500));
    profiles.push({ title: `in-process invoke, ${path} path, ${ctx.large.jobs.toLocaleString('en-US')}-job org (sequential)`, top });
  }
  return {
    section: {
      title: 'In-process invoke throughput',
      text: `Inputs cycle over ${PATHS.map((p) => `${ctx.large.inputs[p].length.toLocaleString('en-US')} ${p}s`).join(', ')} on the large org and over every usable one of the small org (${PATHS.map((p) => ctx.small.inputs[p].length.toLocaleString('en-US')).join(', ')}); on both, the loop feeds ${config.invoke.distinct.toLocaleString('en-US')} separate input objects parsed from JSON, as a server gets them, so the ratio measures the org's size rather than the caller's working set. Every answer is checked to be INVOKE-200. Each sample runs ≥ ${sampleMs} ms; ${samples} samples per row, small and large alternating.`,
      rows,
    },
    targets,
    profiles,
  };
}

module.exports = { name: 'invoke', run, sequentialRate, concurrentRate, KEY };
