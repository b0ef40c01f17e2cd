import type { Server } from 'node:http';
import { isIP } from 'node:net';

/** Where ipemu's servers listen unless told otherwise (`ipemu serve`, `ipemu mock-org serve`, the library). */

/** Loopback only: DESIGN.md §4 binds 127.0.0.1 unless --host says otherwise. */
export const DEFAULT_HOST = '127.0.0.1';

/** `ipemu serve`'s port. (`mock-org serve` picks a free one by default.) */
export const DEFAULT_SERVE_PORT = 8080;

/**
 * What one client may hold of a server's sockets. Both servers share these so that neither can be
 * starved of file descriptors: 1,100 idle sockets once made every real request fail at `ulimit -n 1024`.
 */
export interface ListenLimits {
  /** Open connections at once; the server drops any connection beyond this at accept. */
  maxConnections: number;
  /** A socket that has not sent a complete request header by then is answered 408 and closed. */
  headerTimeoutMs: number;
  /** How long a keep-alive socket may sit idle between requests before the server closes it. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LISTEN_LIMITS: Readonly<ListenLimits> = {
  // Well under the common `ulimit -n` of 1024, and above the 500 concurrent clients the tests and the soak use.
  maxConnections: 512,
  headerTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
};

/** Node keeps an idle keep-alive socket this long past `keepAliveTimeout`, to lose the race with the client's own timer. */
const NODE_KEEP_ALIVE_ALLOWANCE_MS = 1_000;

/** Node checks header deadlines on a timer (30 s by default): often enough that a deadline is kept to within ~10%. */
function checkingIntervalFor(headerTimeoutMs: number): number {
  return Math.min(1_000, Math.max(10, Math.ceil(headerTimeoutMs / 10)));
}

/**
 * Applies the limits to a node server before it listens (node reads the checking interval when
 * listening starts). The request timeout stays the caller's: it bounds a whole request, not its header.
 */
export function applyListenLimits(server: Server, limits: Partial<ListenLimits> = {}): ListenLimits {
  const applied: ListenLimits = {
    maxConnections: limits.maxConnections ?? DEFAULT_LISTEN_LIMITS.maxConnections,
    headerTimeoutMs: limits.headerTimeoutMs ?? DEFAULT_LISTEN_LIMITS.headerTimeoutMs,
    keepAliveTimeoutMs: limits.keepAliveTimeoutMs ?? DEFAULT_LISTEN_LIMITS.keepAliveTimeoutMs,
  };
  server.maxConnections = applied.maxConnections;
  server.headersTimeout = applied.headerTimeoutMs;
  server.keepAliveTimeout = Math.max(1, applied.keepAliveTimeoutMs - NODE_KEEP_ALIVE_ALLOWANCE_MS);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = checkingIntervalFor(applied.headerTimeoutMs);
  return applied;
}

/** `localhost`, 127.0.0.0/8 and ::1 (brackets allowed): names no other machine can reach and DNS cannot rebind. */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = name.toLowerCase();
  if (lower === 'localhost') return true;
  switch (isIP(lower)) {
    case 4:
      return lower.startsWith('127.');
    case 6:
      return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || lower.startsWith('::ffff:127.');
    default:
      return false;
  }
}
