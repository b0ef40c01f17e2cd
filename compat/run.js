'use strict';
// `npm run compat`: the real Salesforce CLI against `ipemu mock-org serve`. Installs
// @salesforce/cli into a temporary folder (or IPEMU_COMPAT_DIR, kept for reruns), runs each
// command against a fresh demo mock org over http and then over https (--tls), checks every answer,
// prints a table and exits 1 on any failure. Not part of `npm test`: it needs the npm registry.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureSfCli } = require('./lib/sf-install');
const { startMockOrgServe } = require('./lib/mock-server');
const { startGuardProxy } = require('./lib/guard-proxy');
const { sfRunner, makeSfHome } = require('./lib/sf-runner');
const { restClient } = require('./lib/rest');
const { sfChecks, CheckFailed } = require('./lib/sf-checks');
const { printTable } = require('./lib/table');

const PASSES = { http: [], https: ['--tls'] };

function log(message) {
  process.stderr.write(`[compat] ${message}\n`);
}

function passesFromArgs(argv) {
  const only = argv.indexOf('--only');
  if (only < 0) return Object.keys(PASSES);
  const wanted = String(argv[only + 1] ?? '').split(',');
  const unknown = wanted.filter((p) => !(p in PASSES));
  if (unknown.length > 0) throw new Error(`--only takes ${Object.keys(PASSES).join(', ')}; got ${unknown.join(', ')}`);
  return wanted;
}

/** One pass: a fresh server and a fresh sf HOME, every check in order. */
async function runPass(pass, sfBin) {
  const rows = [];
  const server = startMockOrgServe(PASSES[pass]);
  const home = makeSfHome();
  let guard;
  try {
    let first;
    try {
      first = await server.ready;
    } catch (err) {
      rows.push({ pass, name: 'start', command: `ipemu mock-org serve ${PASSES[pass].join(' ')}`.trim(), ok: false, detail: err.message.split('\n')[0] });
      return rows;
    }
    const wantScheme = pass === 'https' ? 'https:' : 'http:';
    const started = new URL(first.instanceUrl).protocol === wantScheme && (pass === 'http' || typeof first.certificateFile === 'string');
    rows.push({
      pass,
      name: 'start',
      command: `ipemu mock-org serve ${PASSES[pass].join(' ')}`.trim(),
      ok: started,
      detail: started ? first.instanceUrl : `first line ${JSON.stringify({ ...first, accessToken: undefined })}`,
    });
    if (!started) return rows;
    const port = Number(new URL(first.instanceUrl).port);
    guard = await startGuardProxy(() => port);
    const ca = first.certificateFile === undefined ? undefined : fs.readFileSync(first.certificateFile, 'utf8');
    const ctx = {
      server: first,
      rest: restClient({ ...first, ca }),
      sf: sfRunner({ sfBin, home, proxyUrl: guard.url, caFile: first.certificateFile }),
    };
    const versions = await ctx.rest.request('GET', '/services/data');
    ctx.apiVersion = Array.isArray(versions.body) ? versions.body[versions.body.length - 1].version : '64.0';
    for (const check of sfChecks()) {
      const started = Date.now();
      try {
        const detail = await check.run(ctx);
        rows.push({ pass, name: check.name, command: check.command, ok: true, detail, ms: Date.now() - started });
      } catch (err) {
        const detail = err instanceof CheckFailed ? err.message : `${err.name}: ${err.message}`;
        rows.push({ pass, name: check.name, command: check.command, ok: false, detail, ms: Date.now() - started });
      }
    }
    const refused = guard.refused();
    rows.push({
      pass,
      name: 'no phoning home',
      command: '(every connection sf opened)',
      ok: refused.length === 0,
      detail: refused.length === 0 ? 'only the mock server was contacted' : `refused: ${[...new Set(refused)].join(', ')}`,
    });
    return rows;
  } finally {
    await server.stop();
    await guard?.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function main() {
  const passes = passesFromArgs(process.argv.slice(2));
  const kept = process.env.IPEMU_COMPAT_DIR;
  const dir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'ipemu-compat-sf-'));
  try {
    const sfBin = ensureSfCli(dir, log);
    const rows = [];
    for (const pass of passes) {
      log(`${pass}: running the sf commands against mock-org serve`);
      rows.push(...(await runPass(pass, sfBin)));
    }
    printTable(rows, process.stdout);
    const failed = rows.filter((r) => !r.ok).length;
    log(failed === 0 ? `all ${rows.length} checks passed` : `${failed} of ${rows.length} checks failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    log(err && err.message ? err.message : String(err));
    process.exitCode = 1;
  },
);
