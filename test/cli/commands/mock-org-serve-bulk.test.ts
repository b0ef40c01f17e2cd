import { parse } from 'csv-parse/sync';
import { runCli } from '../run-cli';
import { startCli, type RunningCli } from '../spawn-server';

/* `ipemu mock-org serve --bulk-delay <ms>`: Bulk API 2.0 query jobs on the served demo org. */

let cli: RunningCli | undefined;
afterEach(async () => {
  cli?.child.kill('SIGTERM');
  await cli?.exited;
  cli = undefined;
});

describe('mock-org serve and Bulk API 2.0 query', () => {
  it('--bulk-delay 0 serves a query job over the demo org whose CSV rows are /query’s', async () => {
    cli = await startCli(['mock-org', 'serve', '--bulk-delay', '0']);
    const { instanceUrl, accessToken } = JSON.parse(cli.firstLine) as { instanceUrl: string; accessToken: string };
    const call = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${instanceUrl}/services/data/v64.0${path}`, { ...init, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } });
    const soql = 'SELECT Id, Status FROM AsyncApexJob ORDER BY Id';
    const created = (await (await call('/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: soql }) })).json()) as {
      id: string;
      state: string;
    };
    expect(created.state).toBe('UploadComplete');
    let state = created.state;
    for (let polls = 0; polls < 2000 && state !== 'JobComplete'; polls++)
      state = ((await (await call(`/jobs/query/${created.id}`)).json()) as { state: string }).state;
    expect(state).toBe('JobComplete');
    const rows = parse(await (await call(`/jobs/query/${created.id}/results`)).text(), { columns: true }) as { Id: string; Status: string }[];
    const rest = (await (await call(`/query?q=${encodeURIComponent(soql)}`)).json()) as { records: { Id: string; Status: string }[] };
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(rest.records.map((r) => ({ Id: r.Id, Status: r.Status })));
  });

  it('refuses a --bulk-delay that is not a whole number with a usage error (exit 2)', async () => {
    const r = await runCli(['mock-org', 'serve', '--bulk-delay', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bulk-delay');
  });
});
