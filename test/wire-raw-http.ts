import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * One HTTP exchange over a bare socket, for what clients send that node's http client (and nock,
 * which patches it in tests) would rewrite or refuse: `//services/…` paths, oversized request
 * lines and headers. Over TLS when `ca` is given (the server's certificate is checked against it).
 */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function rawExchange(serverUrl: string, request: string, ca?: string): Promise<RawReply> {
  const url = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket: Socket =
      ca === undefined
        ? connectTcp(Number(url.port), url.hostname, () => socket.write(request))
        : connectTls({ host: url.hostname, port: Number(url.port), ca, servername: url.hostname === '127.0.0.1' ? undefined : url.hostname }, () =>
            socket.write(request),
          );
    socket.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const reply = parse(text);
      if (reply) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on('close', () => resolve(parse(text, true) ?? { status: 0, headers: {}, body: text }));
    socket.on('error', reject);
  });
}

/** A GET with the given path and extra header lines, closed after the answer. */
export const rawGet = (path: string, headerLines: string[] = []): string =>
  [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headerLines, '', ''].join('\r\n');

function parse(text: string, ended = false): RawReply | undefined {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(split + 4);
  const length = headers['content-length'];
  if (!ended && (length === undefined || Buffer.byteLength(body) < Number(length))) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
