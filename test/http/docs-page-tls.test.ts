import { startServer } from '../../src/http/server';
import { makeSelfSignedCertificate, type MadeCertificate } from '../../src/cli/self-signed';
import { rawExchange, rawGet } from '../wire-raw-http';
import { makeEmulator } from './helpers';

const TOKEN = 'docs-tls-T0ken-0a1b2c3d4e5f';

describe('the API page over --tls', () => {
  let made: MadeCertificate;
  beforeAll(async () => {
    made = await makeSelfSignedCertificate('127.0.0.1');
  });
  afterAll(() => made.remove());

  test('serves the page over HTTPS, and the sign-in cookie is also Secure', async () => {
    const server = await startServer({ emulator: makeEmulator(), logLevel: 'silent', port: 0, tls: made.pair, token: TOKEN });
    try {
      const signIn = await rawExchange(server.url, rawGet(`/docs?token=${TOKEN}`), made.pair.cert);
      expect(signIn.status).toBe(303);
      expect(signIn.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
      const cookie = (signIn.headers['set-cookie'] ?? '').split(';')[0]!;
      const page = await rawExchange(server.url, rawGet('/docs', [`Cookie: ${cookie}`]), made.pair.cert);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="swagger-ui"></div>');
    } finally {
      await server.close();
    }
  });
});
