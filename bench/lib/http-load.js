'use strict';
// `ipemu serve` and the bare fastify route as child processes, and autocannon against them.
const path = require('node:path');
const autocannon = require('autocannon');
const config = require('./config');
const { startJsonChild } = require('./children');

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const BARE = path.join(__dirname, '..', 'child', 'bare-fastify.js');
const PROBE = path.join(__dirname, '..', 'child', 'probe.js');

/** The real CLI: `ipemu serve --fixtures <file> --port 0 --log-level silent`. */
function startIpemuServe(fixtures, { probe = false, extraArgs = [] } = {}) {
  const args = ['serve', '--fixtures', fixtures, '--port', '0', '--log-level', 'silent', ...extraArgs];
  const execArgv = probe ? ['--expose-gc', '-r', PROBE] : [];
  return startJsonChild(config.bin, args, { execArgv, ipc: probe });
}

/** One request to bench/child/probe.js in a server started with `probe: true`. */
function askProbe(child, message, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server's probe did not answer ${message.cmd}`)), timeoutMs);
    child.once('message', (reply) => {
      clearTimeout(timer);
      if (reply && reply.error) reject(new Error(reply.error));
      else resolve(reply);
    });
    child.send(message);
  });
}

function startBareFastify(fixtures, { probe = false } = {}) {
  return startJsonChild(BARE, [fixtures], { execArgv: probe ? ['--expose-gc', '-r', PROBE] : [], ipc: probe });
}

/** Checks, before any load, that every input answers INVOKE-200 through this server. */
async function checkInputs(url, inputs, headers = {}) {
  for (const input of inputs) {
    const res = await fetch(`${url}/invoke/${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ input }),
    });
    const body = await res.json();
    if (res.status !== 200 || body.errorCode !== 'INVOKE-200')
      throw new Error(`${url}: ${JSON.stringify(input)} answered ${res.status} ${JSON.stringify(body)}`);
  }
}

/** autocannon cycling over the inputs; throws when any request errs or answers non-2xx. */
async function cannon(url, inputs, { seconds, connections, allowErrors = false, headers = {} }) {
  let i = 0;
  const bodies = inputs.map((input) => JSON.stringify({ input }));
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: `/invoke/${KEY}`,
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0 && !allowErrors) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`);
  }
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

module.exports = { askProbe, startIpemuServe, startBareFastify, checkInputs, cannon, KEY };
