import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeSelfSignedCertificate } from '../../../src/cli/self-signed';
import { rawExchange, rawGet } from '../../wire-raw-http';
import { cleanEnv, ROOT, runCli } from '../run-cli';
import { startCli, type RunningCli } from '../spawn-server';

/** Issue 15, TLS: `--tls` and `--tls-cert/--tls-key` on both servers, driven as a user would, with a real client trusting the PEM. */

const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-tls-'));

async function stop(cli: RunningCli): Promise<number | null> {
  cli.child.kill('SIGTERM');
  return cli.exited;
}

/** Runs a node script in a child whose only trust addition is NODE_EXTRA_CA_CERTS (no nock there), and parses what it prints. */
function nodeChild(script: string, env: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, env: cleanEnv(env) });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

// jsforce as the sf CLI holds an org: the instance URL with its trailing slash; then a password login through the token endpoint.
const JSFORCE_SCRIPT = `
const { Connection } = require('jsforce');
(async () => {
  const conn = new Connection({ instanceUrl: process.env.URL + '/', accessToken: process.env.TOKEN, version: '64.0' });
  const result = await conn.query('SELECT Id FROM InsurancePolicy LIMIT 2');
  const login = await fetch(process.env.URL + '/services/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=x',
  }).then((r) => r.json());
  process.stdout.write(JSON.stringify({ rows: result.records.length, instance_url: login.instance_url, id: login.id }));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

describe('ipemu mock-org serve --tls', () => {
  let cli: RunningCli;
  let line: { instanceUrl: string; accessToken: string; certificateFile: string };
  beforeAll(async () => {
    cli = await startCli(['mock-org', 'serve', '--tls']);
    line = JSON.parse(cli.firstLine);
  });
  afterAll(async () => {
    if (cli.child.exitCode === null) await stop(cli);
  });

  it('prints an https instanceUrl, the token and the certificateFile', () => {
    expect(Object.keys(line).sort()).toEqual(['accessToken', 'certificateFile', 'instanceUrl']);
    expect(line.instanceUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('the certificate names 127.0.0.1, ::1 and localhost; only its owner can read it or enter its folder', () => {
    const cert = new X509Certificate(readFileSync(line.certificateFile));
    expect(cert.subjectAltName?.split(', ').sort()).toEqual(['DNS:localhost', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:127.0.0.1']);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(readFileSync(line.certificateFile, 'utf8')).not.toMatch(/PRIVATE KEY/);
    expect(statSync(line.certificateFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(line.certificateFile)).mode & 0o777).toBe(0o700);
  });

  it('jsforce trusting it through NODE_EXTRA_CA_CERTS queries over https (through //services/…), and the token reply is https', async () => {
    const out = await nodeChild(JSFORCE_SCRIPT, { NODE_EXTRA_CA_CERTS: line.certificateFile, URL: line.instanceUrl, TOKEN: line.accessToken });
    expect(out).toEqual({
      rows: 2,
      instance_url: line.instanceUrl,
      id: expect.stringMatching(new RegExp(`^${line.instanceUrl.replace(/[.]/g, '\\.')}/id/00D\\w{15}/005\\w{15}$`)),
    });
  });

  it('removes the certificate file and its folder when stopped', async () => {
    expect(await stop(cli)).toBe(0);
    expect(existsSync(dirname(line.certificateFile))).toBe(false);
  });
});

describe('ipemu serve --tls', () => {
  it('prints an https url and the certificateFile, answers HTTPS verified by it, and removes it when stopped', async () => {
    const cli = await startCli(['serve', '--tls', '--port', '0', '--log-level', 'silent']);
    const line = JSON.parse(cli.firstLine) as { url: string; certificateFile: string };
    try {
      expect(Object.keys(line).sort()).toEqual(['certificateFile', 'url']);
      expect(line.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const reply = await rawExchange(line.url, rawGet('/healthz'), readFileSync(line.certificateFile, 'utf8'));
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { status: 'ok' }]);
    } finally {
      expect(await stop(cli)).toBe(0);
    }
    expect(existsSync(line.certificateFile)).toBe(false);
  });
});

describe('--tls-cert and --tls-key', () => {
  let certFile: string;
  let keyFile: string;
  let otherKeyFile: string;
  beforeAll(async () => {
    const made = await makeSelfSignedCertificate('127.0.0.1');
    const other = await makeSelfSignedCertificate('127.0.0.1');
    await Promise.all([made.remove(), other.remove()]);
    certFile = join(dir, 'cert.pem');
    keyFile = join(dir, 'key.pem');
    otherKeyFile = join(dir, 'other-key.pem');
    writeFileSync(certFile, made.pair.cert);
    writeFileSync(keyFile, made.pair.key);
    writeFileSync(otherKeyFile, other.pair.key);
  });

  it('serve with the user’s pair: certificateFile is that file, the server is verified by it, and the file stays after stop', async () => {
    const cli = await startCli(['mock-org', 'serve', '--tls-cert', certFile, '--tls-key', keyFile]);
    const line = JSON.parse(cli.firstLine) as { instanceUrl: string; certificateFile: string; accessToken: string };
    try {
      expect(line.certificateFile).toBe(certFile);
      expect(line.instanceUrl).toMatch(/^https:/);
      const reply = await rawExchange(
        line.instanceUrl,
        rawGet('/services/data/v64.0/limits', [`Authorization: Bearer ${line.accessToken}`]),
        readFileSync(certFile, 'utf8'),
      );
      expect(reply.status).toBe(200);
    } finally {
      expect(await stop(cli)).toBe(0);
    }
    expect(existsSync(certFile)).toBe(true);
  });

  it.each([
    ['--tls-cert alone', ['--tls-cert', 'cert.pem'], /--tls-cert needs --tls-key/],
    ['--tls-key alone', ['--tls-key', 'key.pem'], /--tls-key needs --tls-cert/],
    ['a missing file', ['--tls-cert', 'cert.pem', '--tls-key', 'nowhere.pem'], /--tls-key nowhere\.pem cannot be read \(ENOENT\)/],
    ['a folder', ['--tls-cert', '.', '--tls-key', 'key.pem'], /--tls-cert \. is a directory, not a file/],
    ['a key of another certificate', ['--tls-cert', 'cert.pem', '--tls-key', 'other-key.pem'], /not a PEM certificate and its matching private key/],
    ['an origin that is not one', ['--cors', 'localhost:3000'], /--cors localhost:3000: not an origin/],
  ])('%s is a usage error: exit 2, the reason on stderr, nothing on stdout', async (_name, flags, message) => {
    for (const command of [
      ['mock-org', 'serve'],
      ['serve', '--port', '0'],
    ]) {
      const r = await runCli([...command, ...flags], { cwd: dir, killAfterMs: 15_000 });
      expect({ code: r.code, stdout: r.stdout, killed: r.killed }).toEqual({ code: 2, stdout: '', killed: false });
      expect(r.stderr).toMatch(message);
    }
  });
});
