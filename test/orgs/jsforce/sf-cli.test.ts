import { mkdtempSync, writeFileSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { sfOrgAuth, SF_NOT_FOUND_MESSAGE } from '../../../src/orgs/jsforce/sf-cli';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { IpemuError } from '../../../src/core/errors';

// The stand-in sf hands out the fake REST server's URL and token, so connectOrg is checked end to end.
let server: MockRestServer;
let INSTANCE = '';
let TOKEN = '';

/** A stand-in `sf`: answers the two commands for alias "dev", fails like sf for any other alias. */
const script = () => `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.SF_STANDIN_LOG, JSON.stringify(args) + '\\n');
const alias = args[args.indexOf('--target-org') + 1];
const ok = (result) => { process.stdout.write(JSON.stringify({ status: 0, result, warnings: [] })); };
if (alias !== 'dev' && alias !== 'odd; echo pwned') {
  process.stdout.write(JSON.stringify({ status: 1, name: 'NamedOrgNotFoundError', message: 'No authorization information found for ' + alias + '.' }));
  process.exit(1);
}
if (args.join(' ').startsWith('org auth show-access-token')) ok({ accessToken: '${TOKEN}', instanceUrl: '${INSTANCE}' });
else if (args.join(' ').startsWith('org display')) ok({ instanceUrl: '${INSTANCE}', username: 'dev@example.com', accessToken: '[REDACTED]' });
else { process.stdout.write('{"status":1,"message":"unknown command"}'); process.exit(1); }
`;

describe('targetOrg through the sf CLI', () => {
  let dir: string;
  let emptyDir: string;
  let log: string;
  let env: NodeJS.ProcessEnv;
  const savedPath = process.env.PATH;
  const savedLog = process.env.SF_STANDIN_LOG;

  beforeAll(async () => {
    server = await startMockRestServer({
      org: await MockOrg.fromFixtures({ records: { AsyncApexJob: [{ Id: '7075j00004uK6GjAAK', Status: 'Completed' }] } }),
    });
    INSTANCE = server.instanceUrl;
    TOKEN = server.accessToken;
    dir = mkdtempSync(join(tmpdir(), 'ipemu-sf-'));
    emptyDir = mkdtempSync(join(tmpdir(), 'ipemu-nosf-'));
    log = join(dir, 'calls.log');
    writeFileSync(join(dir, 'sf'), script());
    chmodSync(join(dir, 'sf'), 0o755);
    // Only the stand-in and node on PATH: a real sf elsewhere must not answer.
    env = { ...process.env, PATH: `${dir}:${dirname(process.execPath)}`, SF_STANDIN_LOG: log };
  });

  afterEach(() => {
    process.env.PATH = savedPath;
    process.env.SF_STANDIN_LOG = savedLog;
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('reads the token from show-access-token and the instance URL from org display', async () => {
    writeFileSync(log, '');
    const auth = await sfOrgAuth('dev', env);
    expect(auth).toEqual({ instanceUrl: INSTANCE, accessToken: TOKEN, username: 'dev@example.com' });
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls).toEqual(
      expect.arrayContaining([
        ['org', 'auth', 'show-access-token', '--target-org', 'dev', '--json'],
        ['org', 'display', '--target-org', 'dev', '--json'],
      ]),
    );
  });

  it('passes the alias as one argument, never through a shell', async () => {
    writeFileSync(log, '');
    await sfOrgAuth('odd; echo pwned', env);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls[0]).toContain('odd; echo pwned');
  });

  it("reports sf's own error for an unknown alias", async () => {
    await expect(sfOrgAuth('nope', env)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('No authorization information found for nope'),
    });
  });

  it('gives a clear message when sf is not on PATH', async () => {
    const err = await sfOrgAuth('dev', { ...env, PATH: emptyDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpemuError);
    expect((err as IpemuError).code).toBe('INVALID_INPUT');
    expect((err as IpemuError).message).toBe(SF_NOT_FOUND_MESSAGE);
  });

  it('connectOrg({ targetOrg }) queries the org with the token sf gave', async () => {
    process.env.PATH = env.PATH;
    process.env.SF_STANDIN_LOG = log;
    const org = await connectOrg({ targetOrg: 'dev' });
    const result = await org.query('SELECT Id FROM AsyncApexJob');
    expect(result.records[0]!.Id).toBe('7075j00004uK6GjAAK');
    expect(org.cacheKey).toBe(`jsforce:${INSTANCE}#dev@example.com`);
    expect(org.cacheKey).not.toContain(TOKEN);
  });

  it('connectOrg({ targetOrg }) without sf on PATH rejects with the message', async () => {
    process.env.PATH = emptyDir;
    await expect(connectOrg({ targetOrg: 'dev' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: SF_NOT_FOUND_MESSAGE });
  });
});
