'use strict';
// `ipemu mock-org record` of the 150k-job org from `ipemu mock-org serve` through Bulk API 2.0 (issue 17,
// speed row): the recorder runs as its own child process, so its wall time and its own peak RSS are
// what a user's recording costs, apart from the server's.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const config = require('../lib/config');
const { summarize, nowMs } = require('../lib/stats');
const { cleanEnv, startJsonChild, stopChild } = require('../lib/children');
const { topSelfOfDir } = require('../lib/profile');

const MAX_RSS = path.join(__dirname, '..', 'child', 'max-rss.js');
const MAX_WALL_S = 60;
const MAX_RSS_MIB = 300;

/** Rows per object of the generated org, counted from the generator itself (same seed as the file). */
function expectedCounts(size) {
  const { forEachGeneratedRecord } = require(path.join(config.dist, 'mock-org/fixtures/generate'));
  const counts = {};
  forEachGeneratedRecord({ ...size, seed: config.seed }, (sobject) => {
    counts[sobject] = (counts[sobject] ?? 0) + 1;
  });
  return counts;
}

/** The org is named by SF_* env, so the token is not on a command line `ps` shows. */
function recordOnce(server, out, { execArgv = [] } = {}) {
  const rssFile = `${out}.rss.json`;
  fs.rmSync(out, { recursive: true, force: true });
  const args = [...execArgv, '--require', MAX_RSS, config.bin, 'mock-org', 'record', '--out', out, '--json'];
  const env = cleanEnv({ SF_INSTANCE_URL: server.instanceUrl, SF_ACCESS_TOKEN: server.accessToken, BENCH_MAX_RSS_OUT: rssFile });
  const start = nowMs();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: config.root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      if (stderr.length < 50_000) stderr += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (nowMs() - start) / 1000;
      if (code !== 0) return reject(new Error(`ipemu mock-org record exited ${code}: ${stderr.slice(-2000)}`));
      let rss;
      try {
        rss = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
      } catch {
        return reject(new Error(`the recorder left no peak RSS in ${rssFile}`));
      }
      fs.rmSync(rssFile, { force: true });
      resolve({ seconds, rssMiB: rss.maxRssKiB / 1024, stdout, stderr });
    });
  });
}

/** Every recorded object holds exactly the source's row count, so no figure measures a partial recording. */
function checkRecording(out, expected) {
  for (const [sobject, count] of Object.entries(expected)) {
    const file = path.join(out, `${sobject}.json`);
    if (!fs.existsSync(file)) throw new Error(`the recording has no ${sobject}.json`);
    const rows = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(rows) || rows.length !== count)
      throw new Error(`${sobject}.json holds ${Array.isArray(rows) ? rows.length : 'no list of'} records, the org ${count}`);
  }
  if (!fs.existsSync(path.join(out, 'org.json'))) throw new Error('the recording has no org.json');
}

async function run(ctx) {
  const expected = expectedCounts(config.large);
  const rowsTotal = Object.values(expected).reduce((a, b) => a + b, 0);
  const jobs = expected.AsyncApexJob;
  const out = path.join(config.tmpDir, 'recording');
  const serve = await startJsonChild(config.bin, ['mock-org', 'serve', '--fixtures', ctx.largeFile, '--port', '0']);
  const runs = [];
  const profiles = [];
  try {
    for (let r = 0; r < config.record.runs; r++) {
      const one = await recordOnce(serve.info, out);
      checkRecording(out, expected);
      runs.push(one);
    }
    const wall = summarize(runs.map((x) => x.seconds));
    const rss = summarize(runs.map((x) => x.rssMiB));
    const pass = wall.median < MAX_WALL_S && rss.median <= MAX_RSS_MIB;
    if (!pass) {
      const dir = path.join(config.tmpDir, 'prof-record');
      fs.rmSync(dir, { recursive: true, force: true });
      await recordOnce(serve.info, out, { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
      const top = topSelfOfDir(dir);
      if (top) profiles.push({ title: `mock-org record of the ${jobs.toLocaleString('en-US')}-job org (recorder child, --cpu-prof)`, top });
    }
    const objects = Object.entries(expected)
      .map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`)
      .join(', ');
    return {
      section: {
        title: 'Recording an org (mock-org record through Bulk API 2.0)',
        text: `\`ipemu mock-org serve\` on the file of the fixture load row; \`ipemu mock-org record\` (default \`--bulk-threshold\` 10,000: every object above it through Bulk API 2.0) runs as its own child process into a fresh directory, ${config.record.runs} runs. Rows: ${objects}. Each recording is checked to hold every row before its figures count; peak RSS is the recorder's own (getrusage maxRSS at its exit).`,
        rows: [
          {
            name: `record ${rowsTotal.toLocaleString('en-US')} rows (${jobs.toLocaleString('en-US')} jobs and their links), wall time`,
            summary: wall,
            unit: 's',
          },
          { name: 'rows per second', summary: summarize(runs.map((x) => rowsTotal / x.seconds)), unit: 'rows/s' },
          { name: 'recorder process peak RSS', summary: rss, unit: 'MiB' },
        ],
      },
      targets: [
        {
          name: `record the ${jobs.toLocaleString('en-US')}-job org through Bulk API 2.0`,
          target: `< ${MAX_WALL_S} s`,
          actual: `${wall.median.toFixed(1)} s`,
          pass: wall.median < MAX_WALL_S,
        },
        {
          name: 'recorder peak RSS while recording it',
          target: `≤ ${MAX_RSS_MIB} MiB`,
          actual: `${rss.median.toFixed(0)} MiB`,
          pass: rss.median <= MAX_RSS_MIB,
        },
      ],
      profiles,
    };
  } finally {
    await stopChild(serve.child);
    fs.rmSync(out, { recursive: true, force: true });
  }
}

module.exports = { name: 'record', run, expectedCounts, checkRecording };
