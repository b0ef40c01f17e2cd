import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningCli, startCli } from '../spawn-server';

/*
 * Issue 14 item 6: `ipemu serve` keeps no org state of its own, so replicas behind a load balancer
 * share one org. Three serve processes point at one `mock-org serve --state`; a job started
 * through one is polled to completion through the others, and survives the mock org's restart.
 */

const TOKEN = 'replica-token-of-some-length';
/** A demo quote with two root products (fixtures/demo/README.md). */
const QUOTE_ID = '0Q05w0000000001CAA';

interface Answer {
  errorCode: string;
  jobId?: string;
  status?: string;
}

async function invokeOn(server: RunningCli, key: string, input: Record<string, unknown>): Promise<Answer> {
  const { url } = JSON.parse(server.firstLine) as { url: string };
  const response = await fetch(`${url}/invoke/${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ input }),
  });
  return (await response.json()) as Answer;
}

async function stop(server: RunningCli): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('three ipemu serve replicas on one mock-org serve --state', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-replicas-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a job started through one replica is polled to Success through the other two, and is still there after the mock org restarts', async () => {
    const state = join(dir, 'org-state.jsonl');
    let mock = await startCli(['mock-org', 'serve', '--port', '0', '--state', state]);
    const replicas: RunningCli[] = [];
    try {
      const { instanceUrl, accessToken } = JSON.parse(mock.firstLine) as { instanceUrl: string; accessToken: string };
      const orgFlags = ['--instance-url', instanceUrl, '--access-token', accessToken];
      for (let i = 0; i < 3; i++) replicas.push(await startCli(['serve', '--port', '0', '--log-level', 'silent', '--token', TOKEN, ...orgFlags]));

      const started = await invokeOn(replicas[0]!, 'InsPolicyService:createMultiRootPolicy', { quoteId: QUOTE_ID, effectiveDate: '2027-01-01' });
      expect(started).toEqual({ jobId: expect.stringMatching(/^707[0-9A-Za-z]{15}$/), errorCode: 'INVOKE-200', error: 'OK' });
      const jobId = started.jobId!;

      const seen: string[] = [];
      const deadline = Date.now() + 20_000;
      for (let round = 0; Date.now() < deadline; round++) {
        const answer = await invokeOn(replicas[1 + (round % 2)]!, 'InsPolicyService:getPolicyAsyncJobStatus', { jobId });
        expect(answer).toMatchObject({ errorCode: 'INVOKE-200', jobId });
        if (seen[seen.length - 1] !== answer.status) seen.push(answer.status!);
        if (answer.status === 'Success') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Every status seen is one the default timeline passes through, in its order, ending in Success.
      expect(seen[seen.length - 1]).toBe('Success');
      expect(['WaitingToProcess', 'InProgress', 'Success']).toEqual(expect.arrayContaining(seen));

      await stop(mock);
      mock = await startCli(['mock-org', 'serve', '--port', '0', '--state', state]);
      const restarted = JSON.parse(mock.firstLine) as { instanceUrl: string; accessToken: string };
      for (const replica of replicas) await stop(replica);
      replicas.length = 0;
      replicas.push(
        await startCli([
          'serve',
          '--port',
          '0',
          '--log-level',
          'silent',
          '--token',
          TOKEN,
          '--instance-url',
          restarted.instanceUrl,
          '--access-token',
          restarted.accessToken,
        ]),
      );
      expect(await invokeOn(replicas[0]!, 'InsPolicyService:getPolicyAsyncJobStatus', { jobId })).toEqual({
        status: 'Success',
        jobId,
        errorCode: 'INVOKE-200',
        error: 'OK',
      });
    } finally {
      for (const replica of replicas) await stop(replica);
      await stop(mock);
    }
  });
});
