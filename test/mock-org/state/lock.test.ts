import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, removeStale } from '../../../src/mock-org/state/lock';
import { processTitle } from '../../../src/mock-org/state/holder';
import { ROOT } from '../../cli/run-cli';

/** Real second processes (the built dist: `npm run build` first), each taking the lock when told "go". */
const CHILD = `
const { acquireLock } = require(${JSON.stringify(join(ROOT, 'dist', 'mock-org', 'state', 'lock.js'))});
let lock;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  if (d.includes('go') && !lock) {
    try { lock = acquireLock(process.argv[1], 'ipemu test-holder'); console.log('got'); }
    catch (e) { lock = 'refused'; console.log('refused ' + e.message); }
  }
});
process.stdin.on('end', () => { if (lock && lock.release) lock.release(); process.exit(0); });
console.log('ready');
`;

interface Child {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  next(): Promise<string>;
}

function child(statePath: string): Child {
  const proc = spawn(process.execPath, ['-e', CHILD, statePath]);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return {
    proc,
    lines,
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  };
}

function exited(proc: ChildProcessWithoutNullStreams): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.on('close', () => resolve()));
}

let dir: string;
let statePath: string;
const children: Child[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-lock-'));
  statePath = join(dir, 'org.state');
});

afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.stdin.end();
    await exited(c.proc);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function started(): Promise<Child> {
  const c = child(statePath);
  children.push(c);
  expect(await c.next()).toBe('ready');
  return c;
}

describe('the lock: one process per state file', () => {
  it('a second process is refused, naming the holder; once the holder closes, it may take it', async () => {
    const lock = acquireLock(statePath, 'ipemu mock-org serve');
    const other = await started();
    other.proc.stdin.write('go\n');
    expect(await other.next()).toBe(
      `refused The state file ${statePath} is in use by process ${process.pid} (ipemu mock-org serve, since ${lock.holder.since}); stop it or use another --state file.`,
    );
    lock.release();
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    const third = await started();
    third.proc.stdin.write('go\n');
    expect(await third.next()).toBe('got');
  });

  it("the lock file holds the holder's pid and host, and this process refuses itself a second open", () => {
    const lock = acquireLock(statePath, 'ipemu invoke');
    expect(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8'))).toEqual(
      expect.objectContaining({ pid: process.pid, host: hostname(), command: 'ipemu invoke' }),
    );
    expect(() => acquireLock(statePath, 'ipemu invoke')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`in use by process ${process.pid}`) }),
    );
    lock.release();
  });

  it('a lock left by a process killed with SIGKILL does not block a restart', async () => {
    const holder = await started();
    holder.proc.stdin.write('go\n');
    expect(await holder.next()).toBe('got');
    holder.proc.kill('SIGKILL');
    await exited(holder.proc);
    expect(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8'))).toEqual(expect.objectContaining({ pid: holder.proc.pid }));
    const lock = acquireLock(statePath);
    expect(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8'))).toEqual(expect.objectContaining({ pid: process.pid, token: lock.holder.token }));
    lock.release();
  });

  it('of several processes racing for one stale lock, exactly one takes it', async () => {
    writeFileSync(`${statePath}.lock`, JSON.stringify({ pid: 999_999_999, host: hostname(), command: 'ipemu serve', since: 'then', token: 'stale' }));
    const racers = await Promise.all(Array.from({ length: 6 }, () => started()));
    for (const racer of racers) racer.proc.stdin.write('go\n');
    const answers = await Promise.all(racers.map((racer) => racer.next()));
    expect(answers.filter((a) => a === 'got')).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith('refused The state file'))).toHaveLength(5);
  });

  it('a racer that judged a lock stale leaves alone the lock another racer has put there since', () => {
    const stale = JSON.stringify({ pid: 999_999_999, host: hostname(), command: 'ipemu serve', since: 'then', token: 'stale' });
    const fresh = JSON.stringify({ pid: process.pid, host: hostname(), command: 'ipemu serve', since: 'now', token: 'fresh' });
    writeFileSync(`${statePath}.lock`, fresh);
    removeStale(`${statePath}.lock`, stale);
    expect(readFileSync(`${statePath}.lock`, 'utf8')).toBe(fresh);
    expect(readdirSync(dir)).toEqual(['org.state.lock']);
    writeFileSync(`${statePath}.lock`, stale);
    removeStale(`${statePath}.lock`, stale);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a lock from a boot before this one is stale, whatever its pid (Linux's boot id)", () => {
    writeFileSync(
      `${statePath}.lock`,
      JSON.stringify({ pid: process.ppid, host: hostname(), boot: 'another-boot', command: 'ipemu serve', since: 'then', token: 't' }),
    );
    const lock = acquireLock(statePath);
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
  });

  it('a lock held on another host is refused with the way out (its process cannot be checked from here)', () => {
    writeFileSync(`${statePath}.lock`, JSON.stringify({ pid: 12, host: 'elsewhere', command: 'ipemu serve', since: 'then', token: 't' }));
    expect(() => acquireLock(statePath)).toThrow(
      `The state file ${statePath} is in use by process 12 on host elsewhere (ipemu serve, since then); stop it or use another --state file. If that process no longer runs, delete ${statePath}.lock.`,
    );
    expect(existsSync(`${statePath}.lock`)).toBe(true);
  });

  it('an empty lock file is being written: refused while fresh, taken over once old (its creator died before writing it)', () => {
    writeFileSync(`${statePath}.lock`, '');
    expect(() => acquireLock(statePath)).toThrow(`The state file ${statePath} is in use by another process (its lock file is being written)`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${statePath}.lock`, old, old);
    acquireLock(statePath).release();
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it("release leaves alone a lock that is no longer this one's", () => {
    const lock = acquireLock(statePath);
    const replaced = JSON.stringify({ pid: 12, host: 'elsewhere', command: 'x', since: 'y', token: 'other' });
    writeFileSync(`${statePath}.lock`, replaced);
    lock.release();
    expect(readFileSync(`${statePath}.lock`, 'utf8')).toBe(replaced);
  });
});

describe("the holder's command in the message", () => {
  it('is the program and its leading words, never its flags (they may hold tokens)', () => {
    expect(processTitle(['/usr/bin/node', '/x/bin/ipemu.js', 'mock-org', 'serve', '--token', 'secret'])).toBe('ipemu mock-org serve');
    expect(processTitle(['/usr/bin/node', '/x/bin/ipemu', 'invoke', 'InsPolicyService:getPolicyAsyncJobStatus', 'more', 'words'])).toBe(
      'ipemu invoke InsPolicyService:getPolicyAsyncJobStatus more',
    );
    expect(processTitle(['/usr/bin/node', '/app/server.js'])).toBe('node server');
  });
});
