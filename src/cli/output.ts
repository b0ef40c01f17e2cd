import type { Readable, Writable } from 'node:stream';
import { secretList } from '../core/secrets';

/** Where a CLI run reads and writes; `main` uses the process, tests may pass their own. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: Readable;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** The `sf`-style wrapper of `--json`. */
export interface JsonEnvelope<T> {
  status: number;
  result: T;
  warnings: string[];
}

export function envelope<T>(status: number, result: T, warnings: string[] = []): JsonEnvelope<T> {
  return { status, result, warnings };
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Resolves once `stream` can take more; a writer that ignores this buffers without bound. */
export function writeWithBackpressure(stream: Writable, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (err: Error): void => {
      stream.off('drain', onDrain);
      reject(err);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

const SECRET_FLAGS = ['--access-token', '--token', '--password', '--client-secret', '--refresh-token'];
const SECRET_ENV = ['SF_ACCESS_TOKEN', 'IPEMU_TOKEN', 'SF_PASSWORD', 'SF_CLIENT_SECRET', 'SF_REFRESH_TOKEN'];

/** Secret values present on the command line or in the environment, so that no message echoes them. */
export function secretsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    for (const flag of SECRET_FLAGS) {
      if (arg === flag && next !== undefined) secrets.push(next);
      else if (arg.startsWith(`${flag}=`)) secrets.push(arg.slice(flag.length + 1));
    }
  });
  for (const name of SECRET_ENV) {
    const value = env[name];
    if (value) secrets.push(value);
  }
  return secretList(secrets);
}
