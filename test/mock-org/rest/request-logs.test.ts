import { PassThrough } from 'node:stream';
import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';

/* The fake REST API's request logs (startMockRestServer({ logger: true })) never carry a token, also where a client sends it in the URL. */

describe('request logs of the fake REST API', () => {
  it('jsforce identity() sends the token as ?oauth_token=: the log names the request with the token [redacted], and the token appears nowhere', async () => {
    const stream = new PassThrough();
    let logged = '';
    stream.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync({ users: { admin: { default: true } } }), logger: true, logStream: stream });
    try {
      const conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
      const identity = await conn.identity();
      expect(identity.username).toBe('admin');
      await fetch(`${server.instanceUrl}/services/data/v64.0/limits?access_token=${encodeURIComponent(server.accessToken)}`);
    } finally {
      await server.close();
    }
    const urls = logged
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
      .filter((url): url is string => url !== undefined);
    expect(urls.some((url) => url.startsWith('/id/') && url.includes('oauth_token=[redacted]'))).toBe(true);
    expect(urls.some((url) => url.includes('/limits?access_token=[redacted]'))).toBe(true);
    expect(logged).not.toContain(server.accessToken);
    expect(logged).not.toContain(encodeURIComponent(server.accessToken));
  });
});
