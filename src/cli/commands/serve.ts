import { buildEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import type { CliIo } from '../output';
import type { LogLevel } from '../parsers';
import { settledWithin, untilStopSignal } from '../signals';
import { usageError } from '../usage';
import { ListenFlags, listenLimitsOf, warnIfExposed } from '../listen-flags';
import { shortTokenWarning, tokenProblem } from '../../http/auth';
import { ProcedureFlags, procedureDirs } from '../procedure-flags';
import { certificateLine, serverTransport, type ServerTransport } from '../server-transport';
import type { TransportFlags } from '../transport-flags';

export interface ServeFlags extends OrgFlags, ListenFlags, ProcedureFlags, TransportFlags {
  port: number;
  token?: string;
  /** false with --no-docs. */
  docs: boolean;
  logLevel: LogLevel;
}

/** The bearer token from --token, else IPEMU_TOKEN; one that could never work is a usage error. */
function serveToken(flags: ServeFlags, io: CliIo): string | undefined {
  const fromFlag = flags.token !== undefined;
  const token = fromFlag ? flags.token : io.env.IPEMU_TOKEN;
  if (token === undefined) return undefined;
  const problem = tokenProblem(token);
  if (problem !== undefined) throw usageError(`${fromFlag ? '--token' : 'IPEMU_TOKEN'}: ${problem}`);
  const warning = shortTokenWarning(token);
  if (warning !== undefined) io.stderr.write(`ipemu: ${warning}\n`);
  return token;
}

export async function runServe(flags: ServeFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  // Before the org is opened: a bad token must not cost a login to find out.
  const token = serveToken(flags, io);
  warnIfExposed(flags.host, io, token === undefined ? ' Without a token it answers only requests addressed to 127.0.0.1, localhost or [::1].' : '');
  const transport = await serverTransport(flags, flags.host, io);
  try {
    return await serveWith(flags, io, apiVersionGiven, token, transport);
  } finally {
    await transport.dispose();
  }
}

async function serveWith(flags: ServeFlags, io: CliIo, apiVersionGiven: boolean, token: string | undefined, transport: ServerTransport): Promise<number> {
  const emulator = await buildEmulator(flags, io, apiVersionGiven, procedureDirs(flags, io));
  const { startServer } = await import('../../http/server');
  const stopped = untilStopSignal();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      emulator,
      host: flags.host,
      port: flags.port,
      token,
      docs: flags.docs,
      logLevel: flags.logLevel,
      limits: listenLimitsOf(flags),
      ...(transport.tls ? { tls: transport.tls } : {}),
      ...(transport.cors ? { cors: transport.cors } : {}),
    });
  } catch (err) {
    // A port in use: the org's state file must still be flushed and unlocked.
    await emulator.close();
    throw err;
  }
  io.stdout.write(`${JSON.stringify({ url: server.url, ...certificateLine(transport) })}\n`);
  await stopped;
  const closing = server.close();
  // Requests in flight get a grace to finish, then closing the org cancels its requests still open:
  // close() never waits on a hung org.
  await settledWithin(closing);
  await emulator.close();
  await closing;
  return 0;
}
