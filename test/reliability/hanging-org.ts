import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockOrg } from '../../src/mock-org/mock-org';
import { ROOT } from '../cli/run-cli';
import { join } from 'node:path';

/**
 * A loopback org that hangs the requests it is told to (it reads them and never answers, or
 * stalls: sends the status line, headers and half a body, then nothing) and is healthy otherwise: describes and queries are answered by a mock org on fixtures/demo. A real
 * server, not nock, so that a client that abandons a request can be seen closing its socket.
 */

export type RequestKind = 'describe' | 'query' | 'token';

export interface HeldRequest {
  kind: RequestKind;
  path: string;
  /** Resolves when the client closes the connection the request came on. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Answers a hung (not a stalled) request after all, as a healthy org would have. */
  release(): void;
}

export interface HangingOrg {
  url: string;
  /** Requests of each kind still to hang, counted down as they arrive. */
  hang: Record<RequestKind, number>;
  /** Requests of each kind still to stall after half a body, counted down as they arrive. */
  stall: Record<RequestKind, number>;
  /** Answer the next queries with 401 INVALID_SESSION_ID (to make jsforce refresh its token). */
  expireSession: number;
  held: HeldRequest[];
  /** Resolves once `n` requests are held. */
  untilHeld(n: number): Promise<HeldRequest[]>;
  close(): Promise<void>;
}

const DEMO = join(ROOT, 'fixtures', 'demo');

function kindOf(path: string, method: string | undefined): RequestKind | undefined {
  if (method === 'POST' && path === '/services/oauth2/token') return 'token';
  if (/^\/services\/data\/v[\d.]+\/sobjects\/\w+\/describe$/.test(path)) return 'describe';
  if (/^\/services\/data\/v[\d.]+\/query$/.test(path)) return 'query';
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function answer(org: MockOrg, kind: RequestKind | undefined, url: URL, res: ServerResponse): Promise<void> {
  try {
    if (kind === 'token') send(res, 200, { access_token: 'new-token', instance_url: url.origin, id: `${url.origin}/id/00D/005`, token_type: 'Bearer' });
    else if (kind === 'describe') send(res, 200, await org.describe(url.pathname.split('/')[5]!));
    else if (kind === 'query') send(res, 200, await org.query(url.searchParams.get('q') ?? ''));
    else send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  } catch (err) {
    send(res, 400, [{ errorCode: (err as { errorCode?: string }).errorCode ?? 'UNKNOWN', message: String((err as Error).message) }]);
  }
}

export async function startHangingOrg(): Promise<HangingOrg> {
  const org = await MockOrg.fromFixtures(DEMO);
  const waiting: { n: number; resolve: () => void }[] = [];
  const self: HangingOrg = {
    url: '',
    hang: { describe: 0, query: 0, token: 0 },
    stall: { describe: 0, query: 0, token: 0 },
    expireSession: 0,
    held: [],
    untilHeld: (n) =>
      new Promise((resolve) => {
        if (self.held.length >= n) resolve(self.held);
        else waiting.push({ n, resolve: () => resolve(self.held) });
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', self.url);
    const kind = kindOf(url.pathname, req.method);
    req.resume();
    req.on('end', () => {
      const stalls = kind !== undefined && self.stall[kind] > 0;
      if (kind !== undefined && (self.hang[kind] > 0 || stalls)) {
        if (stalls) {
          self.stall[kind]--;
          res.writeHead(200, { 'content-type': 'application/json' }).write('{"totalSize":1,"done":true,"records":[');
        } else self.hang[kind]--;
        let closed = false;
        const closedPromise = new Promise<void>((resolve) =>
          req.socket.once('close', () => {
            closed = true;
            resolve();
          }),
        );
        self.held.push({ kind, path: url.pathname, closed: closedPromise, isClosed: () => closed, release: () => void answer(org, kind, url, res) });
        for (const w of waiting.filter((x) => self.held.length >= x.n)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
        return;
      }
      if (kind === 'query' && self.expireSession > 0) {
        self.expireSession--;
        send(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
        return;
      }
      void answer(org, kind, url, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}
