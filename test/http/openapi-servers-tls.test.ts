// Over --tls the document names the https URL the client used, so an imported collection calls the server over TLS.
import { makeSelfSignedCertificate } from '../../src/cli/self-signed';
import { startServer } from '../../src/http/server';
import { rawExchange } from '../wire-raw-http';
import { makeEmulator } from './helpers';

test('servers is the https:// URL of a server started with TLS', async () => {
  const made = await makeSelfSignedCertificate('127.0.0.1');
  const server = await startServer({ emulator: makeEmulator(), logLevel: 'silent', port: 0, tls: made.pair });
  try {
    expect(server.url).toMatch(/^https:\/\//);
    // Host with the port, as every client writes it for a port that is not the scheme's default.
    const request = `GET /openapi.json HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nConnection: close\r\n\r\n`;
    const reply = await rawExchange(server.url, request, made.pair.cert);
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.body) as { servers: { url: string }[] }).servers[0]!.url).toBe(server.url);
  } finally {
    await server.close();
    await made.remove();
  }
});
