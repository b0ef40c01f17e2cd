'use strict';
// Starts the built `ipemu mock-org serve` as a user would and reads the JSON line it prints first.
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'ipemu.js');
const START_TIMEOUT_MS = 30_000;

/** @param {string[]} extraArgs e.g. ['--tls'] */
function startMockOrgServe(extraArgs = []) {
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, [BIN, 'mock-org', 'serve', '--port', '0', ...extraArgs], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutSalesforceEnv(process.env),
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const first = new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(new Error(`no first line from mock-org serve within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const fail = (err) => {
      clearTimeout(timer);
      const said = stderr.trim().replace(/\s+/g, ' ').slice(0, 300);
      reject(new Error(said ? `${err.message}: ${said}` : err.message));
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buffered.slice(0, end)));
      } catch (err) {
        fail(err);
      }
    });
    child.on('exit', (code, signal) => fail(new Error(`mock-org serve exited (${signal ?? code}) before its first line`)));
    child.on('error', fail);
  });
  return {
    ready: first,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The caller's own org settings (SF_*, SFDX_*) and proxies must not reach the children. */
function withoutSalesforceEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^(SF|SFDX)_/i.test(key) || /^(https?|all|no)_proxy$/i.test(key) || key === 'NODE_EXTRA_CA_CERTS') continue;
    out[key] = value;
  }
  return out;
}

module.exports = { startMockOrgServe, withoutSalesforceEnv, REPO };
