import { runCli } from '../run-cli';
import { startCli, type RunningCli } from '../spawn-server';

/**
 * The README recipe through `ipemu mock-org serve` (issue 14 items 3 and 7), with real processes:
 * `ipemu invoke` on that server's URL and token starts a multi-root policy job (the server runs the
 * starter), then `ipemu invoke --wait` polls it to Success on the server's own clock.
 */
const START = 'InsPolicyService:createMultiRootPolicy';
const STATUS = 'InsPolicyService:getPolicyAsyncJobStatus';

describe('ipemu mock-org serve runs the job starters for ipemu invoke through jsforce', () => {
  let server: RunningCli;
  let org: string[];
  let instanceUrl: string;
  let accessToken: string;

  beforeAll(async () => {
    server = await startCli(['mock-org', 'serve', '--port', '0']);
    ({ instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string });
    org = ['--instance-url', instanceUrl, '--access-token', accessToken];
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  test('GET /services/apexrest/ipemu/v1/capabilities names the job starters', async () => {
    const res = await fetch(`${instanceUrl}/services/apexrest/ipemu/v1/capabilities`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ipemu: string; services: string[] };
    expect(body.services).toEqual(expect.arrayContaining([START, STATUS, 'InsPolicyService:renewPoliciesInBatch']));
  });

  test('invoke starts the job (exit 0, { jobId }); invoke --wait polls it to Success', async () => {
    const started = await runCli(['invoke', START, '--input', '{"quoteId":"0Q05w0000000001CAA","effectiveDate":"2026-12-01"}', ...org]);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const { jobId } = JSON.parse(started.stdout) as { jobId: string };
    expect(jobId).toMatch(/^707[0-9A-Za-z]{15}$/);
    const waited = await runCli(['invoke', STATUS, '--input', JSON.stringify({ jobId }), '--wait', '--timeout', '60', ...org]);
    expect(waited.code).toBe(0);
    expect(JSON.parse(waited.stdout)).toEqual({ status: 'Success', jobId, errorCode: 'INVOKE-200', error: 'OK' });
  }, 90_000);

  test('an unknown quote exits 4 with the mock package’s INVOKE-404', async () => {
    const out = await runCli(['invoke', START, '--input', '{"quoteId":"0Q05w0000000999CAA","effectiveDate":"2026-12-01"}', ...org]);
    expect(out.code).toBe(4);
    expect(JSON.parse(out.stdout)).toMatchObject({ errorCode: 'INVOKE-404' });
  });
});
