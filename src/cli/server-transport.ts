import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { parseCorsOrigins, type CorsOrigins } from '../core/cors-options';
import { readLimitedText } from '../core/limited-file';
import type { TlsKeyPair } from '../core/tls-options';
import type { CliIo } from './output';
import type { TransportFlags } from './transport-flags';
import { usageError } from './usage';

/** What a server is started with, and what to undo once it has stopped. */
export interface ServerTransport {
  tls?: TlsKeyPair;
  /** The PEM a client trusts (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE), for the first stdout line. */
  certificateFile?: string;
  cors?: CorsOrigins;
  /** Removes a made certificate's file; call after the server has closed (also when it failed to start). */
  dispose(): Promise<void>;
}

/** A file of the pair: read whole, regular files only; any refusal is a usage error naming the flag. */
function readPem(flag: string, file: string, io: CliIo): string {
  const read = readLimitedText(resolve(io.cwd, file), 1024 * 1024);
  if (read.ok) return read.text;
  const why = read.reason === 'unreadable' ? `cannot be read (${read.code})` : read.reason === 'not-regular' ? `is ${read.kind}, not a file` : 'is over 1 MiB';
  throw usageError(`${flag} ${file} ${why}.`);
}

/** The user's certificate and key, checked to be PEM that belong together before anything listens. */
function userPair(flags: TransportFlags, io: CliIo): { pair: TlsKeyPair; certificateFile: string } {
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    throw usageError(
      flags.tlsCert === undefined ? '--tls-key needs --tls-cert (the certificate it belongs to).' : '--tls-cert needs --tls-key (its private key).',
    );
  }
  const pair = { cert: readPem('--tls-cert', flags.tlsCert, io), key: readPem('--tls-key', flags.tlsKey, io) };
  try {
    createSecureContext(pair);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw usageError(`--tls-cert ${flags.tlsCert} with --tls-key ${flags.tlsKey}: not a PEM certificate and its matching private key (${reason}).`);
  }
  return { pair, certificateFile: resolve(io.cwd, flags.tlsCert) };
}

/**
 * The flags as a server's transport. Usage errors (a lone --tls-cert, an unreadable file, a bad
 * origin) are thrown before any certificate is made; a made one is removed by `dispose`.
 */
export async function serverTransport(flags: TransportFlags, host: string, io: CliIo): Promise<ServerTransport> {
  let cors: CorsOrigins | undefined;
  if (flags.cors !== undefined) {
    const parsed = parseCorsOrigins(flags.cors);
    if ('problem' in parsed) throw usageError(parsed.problem);
    cors = parsed.origins;
  }
  const base = { ...(cors ? { cors } : {}), dispose: async () => undefined };
  if (flags.tlsCert !== undefined || flags.tlsKey !== undefined) {
    const { pair, certificateFile } = userPair(flags, io);
    return { ...base, tls: pair, certificateFile };
  }
  if (flags.tls !== true) return base;
  const { makeSelfSignedCertificate } = await import('./self-signed');
  const made = await makeSelfSignedCertificate(host);
  return { ...base, tls: made.pair, certificateFile: made.certificateFile, dispose: made.remove };
}

/** The keys the first stdout line gains with TLS. */
export function certificateLine(transport: ServerTransport): { certificateFile?: string } {
  return transport.certificateFile === undefined ? {} : { certificateFile: transport.certificateFile };
}
