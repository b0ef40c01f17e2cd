import { runCli } from '../cli/run-cli';
import { RunningCli, startCli } from '../cli/spawn-server';
import { startHangingOrg, type HangingOrg } from './hanging-org';

/**
 * Issue 12 item 3: a hung org request must not keep an ipemu process alive. SIGTERM must stop
 * `ipemu serve` even while an org request hangs. `close()` used
 * to wait for the invocation, which waited on the org, so the process outlived its timeout (and
 * jsforce's 30-minute request limit kept the socket open). Needs `npm run build`.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const JOB = '7075j00004uK6GjAAK';
/** The bound for exiting after SIGTERM; the invocation's own timeout is far longer. */
const EXIT_WITHIN_MS = 5_000;

let org: HangingOrg;

/** `ipemu serve` on the hanging org, and one invoke sent to it (not yet answered). */
async function serveAndCall(options: Record<string, unknown> = {}): Promise<{ server: RunningCli; reply: Promise<Response> }> {
  const server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--instance-url', org.url, '--access-token', 'x']);
  const { url } = JSON.parse(server.firstLine) as { url: string };
  const reply = fetch(`${url}/invoke/${KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: { jobId: JOB }, options }),
  });
  return { server, reply };
}

beforeEach(async () => {
  org = await startHangingOrg();
});

afterEach(() => org.close());

it('SIGTERM while a describe hangs: the in-flight call is answered, the org socket closes, and serve exits 0 within 5 s', async () => {
  org.hang.describe = 1;
  const { server, reply } = await serveAndCall({ timeout: 60_000 });
  try {
    const [held] = await org.untilHeld(1);
    const signalled = Date.now();
    server.child.kill('SIGTERM');

    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), EXIT_WITHIN_MS)));
    const exited = await Promise.race([server.exited, late]);
    clearTimeout(timer);
    expect(exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(EXIT_WITHIN_MS);
    await held!.closed;
    const res = await reply;
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ errorCode: 'INVOKE-504' });
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
});

it('SIGTERM while a slow but healthy describe is in flight: the call still gets its full answer, then serve exits 0', async () => {
  org.hang.describe = 1;
  const { server, reply } = await serveAndCall();
  try {
    const [held] = await org.untilHeld(1);
    server.child.kill('SIGTERM');
    // The org answers a moment after the signal, well within the shutdown grace.
    setTimeout(() => held!.release(), 200);
    const res = await reply;
    expect(await res.json()).toEqual({ status: 'Success', jobId: JOB, errorCode: 'INVOKE-200', error: 'OK' });
    expect(await server.exited).toBe(0);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
});

it('ipemu invoke against an org whose describe hangs answers INVOKE-504 (exit 6) at --timeout and exits, its org socket closed', async () => {
  org.hang.describe = 1;
  const input = JSON.stringify({ jobId: JOB });
  const args = ['invoke', KEY, '--input', input, '--timeout', '1', '--instance-url', org.url, '--access-token', 'x'];
  // jsforce alone would have kept the hung socket, and so the process, for 30 minutes.
  const result = await runCli(args, { killAfterMs: 15_000 });
  expect(result.killed).toBe(false);
  expect(result.code).toBe(6);
  expect(JSON.parse(result.stdout)).toMatchObject({ errorCode: 'INVOKE-504' });
  const [held] = await org.untilHeld(1);
  await held!.closed;
});
