import { Option } from 'commander';
import { DEFAULT_LISTEN_LIMITS, isLoopbackHost, ListenLimits } from '../core/listen-defaults';
import type { CliIo } from './output';
import { positiveInt, seconds } from './parsers';

/** The socket limits both servers take (`serve`, `mock-org serve`); values in ms once parsed. */
export interface ListenFlags {
  host: string;
  maxConnections: number;
  headerTimeout: number;
  keepAliveTimeout: number;
}

const d = DEFAULT_LISTEN_LIMITS;

export function maxConnectionsOption(): Option {
  return new Option('--max-connections <n>', 'open connections at once; more are dropped at accept')
    .argParser(positiveInt(1_000_000))
    .default(d.maxConnections);
}

export function headerTimeoutOption(): Option {
  return new Option('--header-timeout <s>', 'seconds a client has to send a complete request header')
    .argParser(seconds)
    .default(d.headerTimeoutMs, String(d.headerTimeoutMs / 1000));
}

export function keepAliveTimeoutOption(): Option {
  return new Option('--keep-alive-timeout <s>', 'seconds an idle keep-alive connection is kept open (at least about 1)')
    .argParser(seconds)
    .default(d.keepAliveTimeoutMs, String(d.keepAliveTimeoutMs / 1000));
}

export function listenLimitsOf(flags: ListenFlags): ListenLimits {
  return { maxConnections: flags.maxConnections, headerTimeoutMs: flags.headerTimeout, keepAliveTimeoutMs: flags.keepAliveTimeout };
}

/** Warns on stderr, before listening, that `--host` reaches beyond this machine. */
export function warnIfExposed(host: string, io: CliIo, consequence = ''): void {
  if (isLoopbackHost(host)) return;
  io.stderr.write(`ipemu: warning: --host ${host} is not a loopback address: other machines can reach this server.${consequence}\n`);
}
