/**
 * What both servers (`ipemu serve`, `ipemu mock-org serve`) need to answer over HTTPS: a key pair
 * in PEM. Where it comes from (a certificate made at start, or the user's files) is the CLI's
 * business (cli/tls-flags.ts); the servers only hand it to node's TLS server.
 */
export interface TlsKeyPair {
  /** The certificate chain, PEM. */
  readonly cert: string;
  /** The private key, PEM. */
  readonly key: string;
}

/** `http` or `https`, as a listening server's URL starts. */
export const schemeOf = (tls: TlsKeyPair | undefined): 'http' | 'https' => (tls === undefined ? 'http' : 'https');
