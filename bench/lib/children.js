'use strict';
// Child processes: servers measured from outside (so the load generator does not share their event
// loop) and one-shot scripts that print a JSON line.
const { spawn, fork } = require('node:child_process');
const readline = require('node:readline');
const config = require('./config');

/** The environment a child gets: no SF_* credentials, so ipemu uses the org the benchmark names. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SF_') && k !== 'IPEMU_TOKEN') env[k] = v;
  return { ...env, ...extra };
}

/** Starts a long-running child and resolves with its first stdout line parsed as JSON. */
function startJsonChild(script, args, { execArgv = [], ipc = false, timeoutMs = 120_000 } = {}) {
  const child = ipc
    ? fork(script, args, { execArgv, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: config.root })
    : spawn(process.execPath, [...execArgv, script, ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], cwd: config.root });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 20_000) stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not print its first line within ${timeoutMs} ms. stderr: ${stderr}`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve({ child, info: JSON.parse(line), stderr: () => stderr });
      } catch {
        reject(new Error(`${script} printed "${line}", not JSON`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before printing. stderr: ${stderr}`));
    });
  });
}

/** SIGINT, then wait for the exit (both servers stop cleanly on it); SIGKILL if it hangs. */
function stopChild(child, timeoutMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

/** Runs a script to completion and parses its last stdout line. */
function runJsonScript(script, args, { execArgv = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, script, ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], cwd: config.root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err.slice(0, 2000)}`));
      const last = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${script} printed "${last}", not JSON`));
      }
    });
  });
}

module.exports = { cleanEnv, startJsonChild, stopChild, runJsonScript };
