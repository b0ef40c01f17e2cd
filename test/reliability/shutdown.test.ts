import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli';
import { startCli, RunningCli } from '../cli/spawn-server';

/**
 * Issue 7 item 4: `ipemu serve` answers a burst of 500 concurrent requests correctly, and on
 * SIGTERM under load loses no request it accepted. A plugin's slow service marks each request
 * it starts on stderr, so "accepted" is counted by the server, not guessed by the client.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const JOB = '7075j00004uK6GjAAK';
const BURST = 500;
const SLOW_MS = 700;
const IN_FLIGHT = 80;
const MARK = 'ENTERED';

let pluginPath: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ipemu-shutdown-'));
  pluginPath = join(dir, 'slow-plugin.js');
  writeFileSync(
    pluginPath,
    `const { definePlugin, defineService } = require(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
module.exports = definePlugin({
  name: 'slow',
  services: [defineService('Slow', { wait: {
    description: 'Marks its start on stderr, then answers after ms milliseconds.',
    input: { type: 'object', properties: { n: { type: 'integer' }, ms: { type: 'integer' } } },
    handler: async (input) => {
      process.stderr.write('${MARK} ' + input.n + '\\n');
      await new Promise((resolve) => setTimeout(resolve, input.ms));
      return { n: input.n, waited: input.ms };
    },
  } })],
});
`,
  );
});

type Outcome = { ok: true; n: number } | { ok: false; why: string };

/**
 * One request on a connection of its own, closed after the answer. A pooled keep-alive socket
 * could be one the server is closing as idle (after 5 s), and a pool left holding the burst's 500
 * idle sockets would push the next requests past the server's connection cap (512): either would
 * fail a request for the client's reasons, not the server's.
 */
function post(url: string, key: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/invoke/${key}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ input }));
  });
}

/** A slow request; a rejected fetch is "not accepted", anything else must be the full answer. */
async function slow(url: string, n: number): Promise<Outcome> {
  let reply: { status: number; body: Record<string, unknown> };
  try {
    reply = await post(url, 'Slow:wait', { n, ms: SLOW_MS });
  } catch (err) {
    return { ok: false, why: String(err) };
  }
  expect(reply).toEqual({ status: 200, body: { n, waited: SLOW_MS, errorCode: 'INVOKE-200', error: 'OK' } });
  return { ok: true, n };
}

const entered = (server: RunningCli): number[] =>
  server
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith(MARK))
    .map((line) => Number(line.slice(MARK.length + 1)));

async function until(test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ipemu serve under load', () => {
  let server: RunningCli;
  let url: string;

  beforeAll(async () => {
    server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--plugin', pluginPath]);
    url = (JSON.parse(server.firstLine) as { url: string }).url;
  });

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it(`answers ${BURST} concurrent requests correctly`, async () => {
    const inputs = Array.from({ length: BURST }, (_, i) => (i % 5 === 4 ? { jobId: 'nope' } : { jobId: i % 2 ? JOB : JOB.toLowerCase() }));
    const replies = await Promise.all(inputs.map((input) => post(url, KEY, input)));
    replies.forEach((reply, i) => {
      if (i % 5 === 4) expect(reply).toMatchObject({ status: 400, body: { errorCode: 'INVOKE-400' } });
      else expect(reply).toEqual({ status: 200, body: { status: 'Success', jobId: JOB, errorCode: 'INVOKE-200', error: 'OK' } });
    });
  });

  it('SIGTERM with requests in flight: every accepted request gets its full answer, then exit 0', async () => {
    const outcomes: Promise<Outcome>[] = [];
    for (let n = 0; n < IN_FLIGHT; n++) outcomes.push(slow(url, n));
    await until(() => entered(server).length === IN_FLIGHT, 20_000);

    // Keep requests coming while the server shuts down: some land before close, some after.
    let n = IN_FLIGHT;
    const trickle = setInterval(() => outcomes.push(slow(url, n++)), 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 150));
    clearInterval(trickle);

    const results = await Promise.all(outcomes);
    const code = await server.exited;
    expect(code).toBe(0);
    // close() waits for in-flight work, which ends SLOW_MS after the last accepted request.
    expect(Date.now() - signalled).toBeLessThan(SLOW_MS * 4 + 2000);

    const answered = results
      .filter((r): r is { ok: true; n: number } => r.ok)
      .map((r) => r.n)
      .sort((a, b) => a - b);
    const accepted = entered(server).sort((a, b) => a - b);
    expect(answered.slice(0, IN_FLIGHT)).toEqual(Array.from({ length: IN_FLIGHT }, (_, i) => i));
    expect(answered).toEqual(accepted);
    expect(results.length).toBeGreaterThan(IN_FLIGHT);
  });
});
