import { isIP } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsKeyPair } from '../core/tls-options';

/** A certificate made at start for `--tls`, and the PEM file a client trusts. */
export interface MadeCertificate {
  pair: TlsKeyPair;
  /** The certificate alone (never the key), in a folder only this user can enter. */
  certificateFile: string;
  /** Removes the file and its folder. */
  remove(): Promise<void>;
}

/** The names every made certificate holds: the loopback addresses and name a local client uses. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * The subject alternative names for a server bound to `host`: the loopback names, and the host
 * itself when it is a particular address or name (a LAN address, a host name) a client would dial.
 */
export function certificateNames(host: string): string[] {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const names = [...LOOPBACK_NAMES];
  if (!WILDCARD_HOSTS.has(bare) && !names.includes(bare.toLowerCase())) names.push(bare);
  return names;
}

/**
 * A self-signed certificate for `host` (selfsigned is loaded here, only for --tls): an EC P-256
 * key, valid from a minute ago (clock skew between client and server) for 30 days, marked for
 * server authentication. Its PEM is written to a fresh temp folder (mkdtemp: mode 0700), 0600.
 */
export async function makeSelfSignedCertificate(host: string): Promise<MadeCertificate> {
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 24 * 3600_000);
  const altNames = certificateNames(host).map((name) => (isIP(name) === 0 ? { type: 2 as const, value: name } : { type: 7 as const, ip: name }));
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'ipemu-tls-'));
  const certificateFile = join(dir, 'certificate.pem');
  await writeFile(certificateFile, pems.cert, { mode: 0o600 });
  return {
    pair: { cert: pems.cert, key: pems.private },
    certificateFile,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
