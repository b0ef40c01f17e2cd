import { connect } from 'node:net';
import { runCli } from '../run-cli';
import { startCli } from '../spawn-server';

/** `ipemu serve` and `ipemu mock-org serve` as a careless user or an attacker meets them: tokens, --host, sockets. */

// A server that wrongly started would never exit: it is killed here and reported as `killed`.
const KILL_AFTER_MS = 15_000;

describe('ipemu serve refuses a token that would leave it open or could never match', () => {
  test.each([
    ['IPEMU_TOKEN=""', [], { IPEMU_TOKEN: '' }, /IPEMU_TOKEN: The server token must not be empty/],
    ['IPEMU_TOKEN with a trailing CR', [], { IPEMU_TOKEN: 'a-long-enough-token-value\r' }, /IPEMU_TOKEN: .*whitespace/],
    ['IPEMU_TOKEN of spaces', [], { IPEMU_TOKEN: '   ' }, /IPEMU_TOKEN: .*whitespace/],
    ['--token ""', ['--token', ''], {}, /--token: The server token must not be empty/],
    ['--token with a trailing space', ['--token', 'a-long-enough-token-value '], {}, /--token: .*whitespace/],
  ])('%s exits 2 with a clear message and never listens', async (_name, args, env, message) => {
    const r = await runCli(['serve', '--port', '0', '--log-level', 'silent', ...args], { env, killAfterMs: KILL_AFTER_MS });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('a-long-enough-token-value');
  });

  test('a token under 16 characters starts the server with a warning on stderr that does not show it', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--token', 'short-tok']);
    try {
      const { url } = JSON.parse(server.firstLine) as { url: string };
      expect((await fetch(`${url}/services`, { headers: { authorization: 'Bearer short-tok' } })).status).toBe(200);
      expect(server.stderr()).toMatch(/warning: the server token is 9 characters long; use at least 16/);
      expect(server.stderr()).not.toContain('short-tok');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  test('a token of 16 characters or more starts without a warning', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'silent'], { IPEMU_TOKEN: 'sixteen-chars-12' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toBe('');
  });
});

describe('--host beyond loopback is warned about on stderr, by both servers', () => {
  // A missing fixture file stops each command after the warning and before it binds: nothing listens beyond loopback in a test.
  test.each([
    [
      'serve without a token',
      ['serve', '--host', '0.0.0.0'],
      /--host 0\.0\.0\.0 is not a loopback address.*only requests addressed to 127\.0\.0\.1, localhost or \[::1\]/,
    ],
    [
      'serve with a token',
      ['serve', '--host', '::', '--token', 'a-long-enough-token-value'],
      /--host :: is not a loopback address: other machines can reach this server\.\n/,
    ],
    ['mock-org serve', ['mock-org', 'serve', '--host', '0.0.0.0'], /--host 0\.0\.0\.0 is not a loopback address/],
  ])('%s', async (_name, args, warning) => {
    const r = await runCli([...args, '--port', '0', '--fixtures', 'no/such/fixtures.json'], { killAfterMs: KILL_AFTER_MS });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(warning);
  });

  test.each([
    ['serve', ['serve']],
    ['mock-org serve', ['mock-org', 'serve']],
  ])('%s on 127.0.0.1 or localhost prints no warning', async (_name, command) => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const r = await runCli([...command, '--host', host, '--port', '0', '--fixtures', 'no/such/fixtures.json'], { killAfterMs: KILL_AFTER_MS });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/warning/);
    }
  });
});

describe('the socket limits are flags of both servers', () => {
  test.each([
    ['--max-connections', '0'],
    ['--max-connections', 'many'],
    ['--header-timeout', '0'],
    ['--keep-alive-timeout', '-1'],
  ])('%s %s is a usage error (exit 2)', async (flag, value) => {
    for (const command of [['serve'], ['mock-org', 'serve']]) {
      const r = await runCli([...command, '--port', '0', flag, value], { killAfterMs: KILL_AFTER_MS });
      expect(r.killed).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
    }
  });

  test.each([
    ['serve', ['serve', '--log-level', 'silent'], 'url'],
    ['mock-org serve', ['mock-org', 'serve'], 'instanceUrl'],
  ])('%s --header-timeout 0.5 closes a socket whose header never completes', async (_name, args, urlKey) => {
    const server = await startCli([...args, '--port', '0', '--header-timeout', '0.5']);
    try {
      const { port } = new URL((JSON.parse(server.firstLine) as Record<string, string>)[urlKey]!);
      const started = Date.now();
      const received = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
        socket.setEncoding('utf8').on('data', (d: string) => (text += d));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      // Freeze guard: the default is 10 s.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
