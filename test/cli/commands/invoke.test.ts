import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeId } from '../../../src/salesforce/ids';
import { runCli } from '../run-cli';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const SAMPLE = { status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200', error: 'OK' };
const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-invoke-'));

/** A small org of our own, so exit codes do not hang on the demo org's contents. */
const FIXTURE = join(dir, 'org.json');
writeFileSync(
  FIXTURE,
  JSON.stringify({
    users: {
      admin: { default: true },
      nojobs: { hiddenObjects: ['AsyncApexJob'] },
    },
    records: {
      AsyncApexJob: [{ Id: '7075j00004uK6GjAAK', Status: 'Completed', JobType: 'Queueable', NumberOfErrors: 0, CreatedDate: '2026-11-01T10:00:00.000+0000' }],
    },
  }),
);

describe('ipemu invoke on the embedded demo org', () => {
  it('prints the documented sample as pretty JSON and exits 0', async () => {
    const r = await runCli(['invoke', KEY, '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toBe(JSON.stringify(SAMPLE));
    expect(r.stdout).toContain('\n  "status"');
  });

  it('--json wraps the output map as { status, result, warnings }', async () => {
    const r = await runCli(['invoke', KEY, '--input', '{"jobId":"7075j00004uK6GjAAK"}', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'result', 'warnings']);
    expect(out).toEqual({ status: 0, result: SAMPLE, warnings: [] });
  });

  it('--json status carries the failure exit code', async () => {
    const r = await runCli(['invoke', KEY, '--input', '{"jobId":"not-an-id"}', '--json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe(2);
    expect(out.result.errorCode).toBe('INVOKE-400');
  });

  it('reads --input-file from a path and from stdin (-)', async () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, '{"jobId":"7075j00004uK6GjAAK"}');
    const fromFile = await runCli(['invoke', KEY, '--input-file', file]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(SAMPLE);
    const fromStdin = await runCli(['invoke', KEY, '--input-file', '-'], { stdin: '{"jobId":"7075j00004uK6GjAAK"}' });
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(SAMPLE);
  });

  it('no input means {}: INVOKE-400 asking for one of the keys, exit 2', async () => {
    const r = await runCli(['invoke', KEY]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ errorCode: 'INVOKE-400', error: 'Specify one of jobId, policyId, or referencePolicyNumber.' });
  });

  it('demo user auditor cannot read AsyncApexJob: INVOKE-403, exit 3', async () => {
    const r = await runCli(['invoke', KEY, '--user', 'auditor', '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-403', error: expect.stringMatching(/AsyncApexJob/) });
  });

  it('an unknown Class:Method is INVOKE-404, exit 4; a malformed key INVOKE-400, exit 2', async () => {
    const unknown = await runCli(['invoke', 'NoSuchService:method', '--input', '{}']);
    expect(unknown.code).toBe(4);
    expect(JSON.parse(unknown.stdout).errorCode).toBe('INVOKE-404');
    const malformed = await runCli(['invoke', 'no-colon', '--input', '{}']);
    expect(malformed.code).toBe(2);
    expect(JSON.parse(malformed.stdout).errorCode).toBe('INVOKE-400');
  });
});

describe('ipemu invoke exit codes on a fixture org (--fixtures, --user)', () => {
  it('0 for a found job', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SAMPLE);
  });

  it('4 for a well-formed job Id that does not exist', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--input', JSON.stringify({ jobId: makeId('707', 999) })]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).errorCode).toBe('INVOKE-404');
  });

  it('3 when the running user cannot read AsyncApexJob', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--user', 'nojobs', '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).errorCode).toBe('INVOKE-403');
  });

  it('2 for a syntactically wrong jobId', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--input', '{"jobId":"7075j00004uK6GjAAA"}']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringMatching(/jobId/) });
  });

  it('an unknown --user or an unreadable --fixtures is a usage error, without a stack trace', async () => {
    const user = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--user', 'nobody', '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(user.code).toBe(2);
    expect(user.stderr).toMatch(/nobody/);
    const missing = await runCli(['invoke', KEY, '--fixtures', join(dir, 'missing.json'), '--input', '{}']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.json/);
    expect(user.stderr + missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('--config jobLink is read and a broken config file is a usage error', async () => {
    const bad = join(dir, 'bad.config.json');
    writeFileSync(bad, '{"jobLink": 5}');
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--config', bad, '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jobLink/);
    const missing = await runCli(['invoke', KEY, '--config', join(dir, 'nope.json'), '--input', '{}']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Config file not found/);
  });

  it('--timeout becomes the invocation timeout', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--timeout', '5', '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(0);
  });
});

describe('ipemu invoke --plugin', () => {
  const plugin = join(dir, 'echo-plugin.js');
  writeFileSync(
    plugin,
    `
    const { definePlugin, defineService } = require(${JSON.stringify(join(__dirname, '..', '..', '..', 'dist', 'index.js'))});
    exports.plugin = definePlugin({ name: 'echo', services: [defineService('EchoService', {
      echo: { description: 'Echoes its input.', input: { type: 'object', required: ['say'], properties: { say: { type: 'string' } } },
              handler: async (input) => ({ said: input.say }) },
    })] });
  `,
  );

  it('loads a plugin from a path and invokes its service', async () => {
    const r = await runCli(['invoke', 'EchoService:echo', '--plugin', plugin, '--input', '{"say":"hi"}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ said: 'hi', errorCode: 'INVOKE-200', error: 'OK' });
    const listed = await runCli(['services', '--plugin', plugin, '--json']);
    expect(JSON.parse(listed.stdout).result.map((s: { key: string }) => s.key)).toContain('EchoService:echo');
  });

  it('a plugin that cannot be loaded is a usage error', async () => {
    const r = await runCli(['invoke', 'EchoService:echo', '--plugin', './no-such-plugin', '--input', '{}']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot load plugin \.\/no-such-plugin/);
  });
});
