import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../cli/run-cli';
import { RunningCli, startCli } from '../cli/spawn-server';

/**
 * Issue 12 item 4, through the built bin: a plugin that throws or returns a hostile value used to
 * kill `ipemu invoke`, `batch` and `serve` (an unhandled rejection, or a JSON.stringify crash in
 * the transport). Each must survive and answer INVOKE-500; an overrunning synchronous handler
 * answers INVOKE-504 (item 5).
 */

const KINDS = ['throwName', 'throwProxy', 'cyclic', 'bigint', 'huge', 'badCode', 'notMap'] as const;

let pluginPath: string;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-hostile-'));
  pluginPath = join(dir, 'hostile-plugin.js');
  writeFileSync(
    pluginPath,
    `const { definePlugin, defineService } = require(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
const trap = () => { throw new Error('trap'); };
const make = {
  throwName: () => { const v = { get name() { throw v; } }; throw v; },
  throwProxy: () => { throw new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap }); },
  cyclic: () => { const v = { status: 'x' }; v.self = v; return v; },
  bigint: () => ({ count: 10n }),
  huge: () => ({ big: 'x'.repeat(50 * 1024 * 1024) }),
  badCode: () => ({ errorCode: 'INVOKE-999', error: 42 }),
  notMap: () => 'text',
  busy: () => { const until = Date.now() + 300; while (Date.now() < until); return { done: true }; },
  floating: () => {
    const reason = { get message() { throw reason; }, get name() { throw reason; } };
    Promise.reject(reason);
    Promise.reject(new Error('left behind'));
    return { errorCode: 'INVOKE-200', error: 'OK' };
  },
};
module.exports = definePlugin({ name: 'hostile', services: [defineService('Hostile', { act: {
  description: 'Throws or returns the hostile value named by kind.',
  input: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
  handler: async (input) => make[input.kind](),
} })] });
`,
  );
});

/** What no surviving process prints: a Node crash report or our own "ipemu: <message>" fallback. */
function expectNoCrash(stderr: string): void {
  expect(stderr).not.toMatch(/Unhandled|unhandled|\n\s+at |\[object Object\]|Converting circular|BigInt/);
}

describe('ipemu invoke --plugin <hostile>', () => {
  it.each(KINDS.map((kind) => [kind]))('%s: exits 1 with an INVOKE-500 output map on stdout', async (kind) => {
    const r = await runCli(['invoke', 'Hostile:act', '--plugin', pluginPath, '--input', JSON.stringify({ kind }), '--timeout', '5'], { killAfterMs: 20_000 });
    expect(r.killed).toBe(false);
    expectNoCrash(r.stderr);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.errorCode).toBe('INVOKE-500');
    expect(typeof out.error).toBe('string');
  });

  it('a synchronous 300 ms handler with a 50 ms timeout: exits 6 with INVOKE-504', async () => {
    const r = await runCli(['invoke', 'Hostile:act', '--plugin', pluginPath, '--input', '{"kind":"busy"}', '--timeout', '0.05'], { killAfterMs: 20_000 });
    expect(r.code).toBe(6);
    expect(JSON.parse(r.stdout)).toEqual({ errorCode: 'INVOKE-504', error: 'The invocation did not finish within 50 ms.' });
  });

  it('a promise the handler left to reject unhandled: the answer stands (exit 0) and stderr warns of it', async () => {
    const r = await runCli(['invoke', 'Hostile:act', '--plugin', pluginPath, '--input', '{"kind":"floating"}'], { killAfterMs: 20_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ errorCode: 'INVOKE-200', error: 'OK' });
    expect(r.stderr).toContain('ipemu: warning: a promise rejection nobody handled');
    expect(r.stderr).toContain('Error: left behind');
    expectNoCrash(r.stderr.replace(/a promise rejection nobody handled/g, ''));
  });
});

describe('ipemu batch --plugin <hostile>', () => {
  it('writes one INVOKE-500 line per hostile input, in order, and exits non-zero', async () => {
    const file = join(dir, 'inputs.jsonl');
    const kinds = [...KINDS, 'none'];
    writeFileSync(file, kinds.map((kind) => JSON.stringify({ kind })).join('\n') + '\n');
    const r = await runCli(['batch', 'Hostile:act', '--plugin', pluginPath, '--input-file', file], { killAfterMs: 30_000 });
    expect(r.killed).toBe(false);
    expectNoCrash(r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // 'none' names no maker: the handler throws a TypeError, an ordinary internal error.
    expect(lines.map((line) => line.errorCode)).toEqual(kinds.map(() => 'INVOKE-500'));
    expect(r.code).not.toBe(0);
  });
});

describe('ipemu serve --plugin <hostile>, over loopback', () => {
  let server: RunningCli;
  let url: string;

  beforeAll(async () => {
    server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--plugin', pluginPath]);
    url = (JSON.parse(server.firstLine) as { url: string }).url;
  });

  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  async function post(key: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${url}/invoke/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('answers 500 INVOKE-500 to every hostile value, survives unhandled rejections, and still answers a valid request', async () => {
    expect(await post('Hostile:act', { kind: 'floating' })).toEqual({ status: 200, body: { errorCode: 'INVOKE-200', error: 'OK' } });
    for (const kind of KINDS) {
      const reply = await post('Hostile:act', { kind });
      expect({ kind, status: reply.status, errorCode: reply.body.errorCode }).toEqual({ kind, status: 500, errorCode: 'INVOKE-500' });
    }
    const valid = await post('InsPolicyService:getPolicyAsyncJobStatus', { jobId: '7075j00004uK6GjAAK' });
    expect(valid).toEqual({ status: 200, body: { status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200', error: 'OK' } });
    expect(server.child.exitCode).toBeNull();
    expect(server.stderr()).toContain('ipemu: warning: a promise rejection nobody handled');
    expectNoCrash(server.stderr().replace(/a promise rejection nobody handled/g, ''));
  });
});
