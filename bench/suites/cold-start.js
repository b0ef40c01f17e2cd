'use strict';
// `ipemu invoke` on the embedded demo org, cold, beside `node -e 0`.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const config = require('../lib/config');
const { summarize, nowMs } = require('../lib/stats');
const { cleanEnv } = require('../lib/children');
const { topSelfOfDir } = require('../lib/profile');

const MAX_RATIO = 5;
const INVOKE = ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{"jobId":"7075j00004uK6GjAAK"}'];
const CENSUS = path.join(__dirname, '..', 'child', 'module-census.js');

function timed(args, env = cleanEnv()) {
  const start = nowMs();
  const res = spawnSync(process.execPath, args, { env, cwd: config.root, encoding: 'utf8' });
  const ms = nowMs() - start;
  if (res.status !== 0) throw new Error(`node ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return { ms, stdout: res.stdout };
}

function invokeOnce(execArgv = [], env) {
  const { ms, stdout } = timed([...execArgv, config.bin, ...INVOKE], env);
  const out = JSON.parse(stdout);
  if (out.errorCode !== 'INVOKE-200') throw new Error(`ipemu invoke answered ${stdout}`);
  return ms;
}

async function run() {
  const node = [];
  const ipemu = [];
  timed(['-e', '0']);
  invokeOnce(); // fills the OS file cache, as any second run on a developer's machine would have
  for (let r = 0; r < config.coldStart.runs; r++) {
    node.push(timed(['-e', '0']).ms);
    ipemu.push(invokeOnce());
  }
  const n = summarize(node);
  const i = summarize(ipemu);
  const ratio = i.median / n.median;
  const censusFile = path.join(config.tmpDir, 'census.json');
  invokeOnce(['-r', CENSUS], cleanEnv({ IPEMU_BENCH_CENSUS: censusFile }));
  const census = JSON.parse(fs.readFileSync(censusFile, 'utf8'));
  const heavy = Object.entries(census.packages)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([p, c]) => `${p} (${c})`)
    .join(', ');
  const pass = ratio <= MAX_RATIO;
  const profiles = [];
  if (!pass) {
    const dir = path.join(config.tmpDir, 'prof-cold');
    fs.rmSync(dir, { recursive: true, force: true });
    invokeOnce(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    const top = topSelfOfDir(dir);
    if (top) profiles.push({ title: '`ipemu invoke` cold start (--cpu-prof)', top });
  }
  return {
    section: {
      title: 'Cold start',
      text: `\`node bin/ipemu.js ${INVOKE.slice(0, 2).join(' ')} --input '…'\` on the embedded demo org, ${config.coldStart.runs} runs alternating with \`node -e 0\`. Modules loaded by one run: ${census.own} of ipemu's own files; packages by file count: ${heavy || 'none'}.`,
      rows: [
        { name: '`node -e 0`', summary: n, unit: 'ms' },
        { name: '`ipemu invoke` (demo org)', summary: i, unit: 'ms', note: `${ratio.toFixed(2)}× node -e 0` },
      ],
    },
    targets: [
      {
        name: '`ipemu invoke` cold start vs `node -e 0`',
        target: `≤ ${MAX_RATIO}×`,
        actual: `${ratio.toFixed(2)}× (${Math.round(i.median)} ms vs ${Math.round(n.median)} ms)`,
        pass,
      },
    ],
    profiles,
  };
}

module.exports = { name: 'cold-start', run };
