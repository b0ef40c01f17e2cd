import { runCli, type CliResult } from '../cli/run-cli';
import { startCli } from '../cli/spawn-server';

/**
 * The round trip through the real bin (issue 17 item 3): `ipemu mock-org serve` as the source org,
 * `ipemu mock-org record` and `ipemu parity` against it, each a child process as a user runs them.
 * Build first (`npm run build`).
 */

export interface ServedOrg {
  instanceUrl: string;
  accessToken: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** `ipemu mock-org serve --fixtures <path> --port 0`, stopped by SIGINT. */
export async function serveFixtures(fixtures: string): Promise<ServedOrg> {
  const cli = await startCli(['mock-org', 'serve', '--fixtures', fixtures, '--port', '0']);
  const line = JSON.parse(cli.firstLine) as { instanceUrl: string; accessToken: string };
  return {
    instanceUrl: line.instanceUrl,
    accessToken: line.accessToken,
    stderr: cli.stderr,
    stop: async () => {
      cli.child.kill('SIGINT');
      await cli.exited;
    },
  };
}

/** An access token for one fixture user, by the password grant (the mock checks no password unless the fixtures set one). */
export async function tokenFor(org: ServedOrg, username: string): Promise<string> {
  const res = await fetch(`${org.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password: 'unchecked' }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || body.access_token === undefined) throw new Error(`no token for ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** The org as the `SF_*` env names it, so the token is never on a command line. */
const orgEnv = (org: ServedOrg, token: string): Record<string, string> => ({ SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: token });

/** `ipemu mock-org record --out <dir> --json …` against the served org. */
export function recordCli(org: ServedOrg, token: string, out: string, extra: string[] = []): Promise<CliResult> {
  return runCli(['mock-org', 'record', '--out', out, '--json', ...extra], { env: orgEnv(org, token) });
}

/** `ipemu parity --fixtures <recording> --json …` against the served org. */
export function parityCli(org: ServedOrg, token: string, recording: string, extra: string[] = []): Promise<CliResult> {
  return runCli(['parity', '--fixtures', recording, '--json', ...extra], { env: orgEnv(org, token) });
}

type RestRecord = Record<string, unknown> & { attributes?: unknown };

/** Every record a SOQL query answers over the REST API (`/query`, then each `nextRecordsUrl`), attributes dropped. */
export async function restQueryAll(org: { instanceUrl: string }, token: string, soql: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | undefined = `${org.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent(soql)}`;
  while (url !== undefined) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { records?: RestRecord[]; nextRecordsUrl?: string };
    if (res.status !== 200 || body.records === undefined) throw new Error(`${soql}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    for (const record of body.records) {
      const fields: Record<string, unknown> = { ...record };
      delete fields.attributes;
      out.push(fields);
    }
    url = body.nextRecordsUrl === undefined ? undefined : `${org.instanceUrl}${body.nextRecordsUrl}`;
  }
  return out;
}

export interface DescribedField {
  name: string;
  type: string;
}

/** The field names and types `GET …/sobjects/<object>/describe` lists, or undefined when the user cannot see the object. */
export async function describeFields(org: { instanceUrl: string }, token: string, sobject: string): Promise<DescribedField[] | undefined> {
  const res = await fetch(`${org.instanceUrl}/services/data/v64.0/sobjects/${sobject}/describe`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 404) return undefined;
  const body = (await res.json()) as { fields?: DescribedField[] };
  if (res.status !== 200 || body.fields === undefined) throw new Error(`describe ${sobject}: ${res.status}`);
  return body.fields.map((f) => ({ name: f.name, type: f.type }));
}

/** Parses a command's `--json` stdout, failing with its stderr when it is not JSON. */
export function jsonOf<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`exit ${result.code}, stdout not JSON: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr.slice(-2000)}`);
  }
}
