import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawExchange } from '../../wire-raw-http';
import { runCli } from '../run-cli';
import { startCli } from '../spawn-server';

/** Issue 15: --cors as a user gives it (repeatable, comma lists), and the cold start of `ipemu invoke` untouched by the new flags. */

const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-wire-'));

const preflight = (origin: string) =>
  [
    'OPTIONS /services/data/v64.0/limits HTTP/1.1',
    'Host: 127.0.0.1',
    'Connection: close',
    `Origin: ${origin}`,
    'Access-Control-Request-Method: GET',
    '',
    '',
  ].join('\r\n');

describe('mock-org serve --cors', () => {
  it('takes repeated flags and comma lists: each origin named is answered, another is not', async () => {
    const cli = await startCli(['mock-org', 'serve', '--cors', 'http://localhost:3000,http://localhost:4000', '--cors', 'https://tools.example']);
    try {
      const { instanceUrl } = JSON.parse(cli.firstLine) as { instanceUrl: string };
      for (const origin of ['http://localhost:3000', 'http://localhost:4000', 'https://tools.example']) {
        const reply = await rawExchange(instanceUrl, preflight(origin));
        expect([reply.status, reply.headers['access-control-allow-origin']]).toEqual([204, origin]);
      }
      const other = await rawExchange(instanceUrl, preflight('https://evil.example'));
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });
});

describe('cold start', () => {
  it('ipemu invoke loads neither selfsigned nor @fastify/cors nor the TLS and CORS helpers', async () => {
    const preload = join(dir, 'report-modules.js');
    writeFileSync(
      preload,
      `process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(Object.keys(require.cache).filter((m) => /selfsigned|@fastify[\\\\/]cors|server-transport|self-signed|node_modules[\\\\/]fastify[\\\\/]/.test(m)))));`,
    );
    const r = await runCli(['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{"jobId":"7075j00004uK6GjAAK"}'], {
      command: [process.execPath, '-r', preload],
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('MODULES ') + 8))).toEqual([]);
  });
});
