'use strict';
// Integration Procedures in-process: a ten-element IP (bench/lib/procedure-defs.js) on the small
// generated org, sequential runs/s with every answer checked, the parser's count before and after
// (nothing may be parsed per run), and the time to load and compile 500 exported definitions.
const fs = require('node:fs');
const path = require('node:path');
const config = require('../lib/config');
const { nowMs, summarize } = require('../lib/stats');
const { profileInProcess } = require('../lib/profile');
const { callerInputs } = require('../lib/org-data');
const { writeProcedure, ELEMENTS } = require('../lib/procedure-defs');

const KEY = 'Bench_JobStatus';
const MIN_RATE = 20_000;
const MAX_LOAD_MS = 2_000;
const DEFINITIONS = 500;

function check(out, input) {
  if (!out || out.errorCode !== 'INVOKE-200' || typeof out.IPResult?.status !== 'string') {
    throw new Error(`benchmark input ${JSON.stringify(input)} answered ${JSON.stringify(out)}; every benchmark run must answer INVOKE-200 with a status`);
  }
}

async function sequentialRate(emu, inputs, ms) {
  let i = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let k = 0; k < 128; k++, i++) {
      const input = inputs[i % inputs.length];
      check(await emu.runProcedure(KEY, input), input);
    }
    elapsed = nowMs() - start;
  }
  return (i * 1000) / elapsed;
}

function parseCount() {
  return require(path.join(config.dist, 'procedures', 'formula')).formulaCompileCount();
}

async function run(ctx) {
  const { createEmulator } = ctx.ipemu;
  const { samples, sampleMs, warmupMs } = config.invoke;
  const dir = path.join(config.tmpDir, 'procedures');
  writeProcedure(dir, 'Bench', 'JobStatus');
  const inputs = callerInputs(ctx.small.inputs.jobId).map((input) => ({ ...input, attempt: 1 }));
  const beforeLoad = parseCount();
  const emu = createEmulator({ org: ctx.small.org, procedures: [dir] });
  const compiledAtLoad = parseCount() - beforeLoad;
  await sequentialRate(emu, inputs, warmupMs);
  const beforeRuns = parseCount();
  let runs = 0;
  const rates = [];
  for (let r = 0; r < samples; r++) {
    const rate = await sequentialRate(emu, inputs, sampleMs);
    rates.push(rate);
    runs += Math.round((rate * sampleMs) / 1000);
  }
  const parsedInRuns = parseCount() - beforeRuns;
  const rate = summarize(rates);

  // 500 definitions: the same IP under 500 SubTypes, loaded and compiled by createEmulator.
  const many = path.join(config.tmpDir, 'procedures-500');
  for (let n = 0; n < DEFINITIONS; n++) writeProcedure(many, 'Bench', `Copy${String(n).padStart(3, '0')}`);
  const loads = [];
  for (let r = 0; r < config.load.runs + 2; r++) {
    const start = nowMs();
    const loaded = createEmulator({ org: ctx.small.org, procedures: [many] });
    loads.push(nowMs() - start);
    const count = loaded.procedures().filter((key) => key.startsWith('Bench_Copy')).length;
    if (count !== DEFINITIONS) throw new Error(`loading ${DEFINITIONS} definitions listed ${count}`);
  }
  fs.rmSync(many, { recursive: true, force: true });
  const load = summarize(loads);

  const profiles = [];
  if (rate.median < MIN_RATE) {
    const top = await profileInProcess(() => sequentialRate(emu, inputs, sampleMs * 2));
    if (top) profiles.push({ title: `\`runProcedure\` of the ${ELEMENTS}-element IP (in-process profile)`, top });
  }
  return {
    section: {
      title: 'Integration Procedures',
      text:
        `A ${ELEMENTS}-element IP (Set Values with formulas, a Remote Action to getPolicyAsyncJobStatus, an if/else Conditional Block, ` +
        `a skipped element, a Response Action), run with sequential \`await emu.runProcedure(…)\` on the ~${ctx.small.jobs}-job org; ` +
        `${DEFINITIONS} exported definitions (expanded DataPacks, ${ELEMENTS} element files each) loaded and compiled by \`createEmulator\`.`,
      rows: [
        { name: `runProcedure, ${ELEMENTS} elements, sequential await`, summary: rate, unit: 'runs/s' },
        { name: `load + compile ${DEFINITIONS} definitions`, summary: load, unit: 'ms' },
      ],
    },
    targets: [
      {
        name: `${ELEMENTS}-element IP in-process (sequential)`,
        target: `≥ ${MIN_RATE.toLocaleString('en-US')} runs/s`,
        actual: `${Math.round(rate.median).toLocaleString('en-US')} runs/s`,
        pass: rate.median >= MIN_RATE,
      },
      {
        name: 'formula parses during the timed runs',
        target: '0',
        actual: `${parsedInRuns} in ~${runs.toLocaleString('en-US')} runs (${compiledAtLoad} at load)`,
        pass: parsedInRuns === 0 && compiledAtLoad > 0,
      },
      {
        name: `load + compile ${DEFINITIONS} definitions`,
        target: `< ${MAX_LOAD_MS.toLocaleString('en-US')} ms`,
        actual: `${Math.round(load.median).toLocaleString('en-US')} ms`,
        pass: load.median < MAX_LOAD_MS,
      },
    ],
    profiles,
  };
}

module.exports = { run };
