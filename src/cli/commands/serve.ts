import { buildEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import type { CliIo } from '../output';
import type { LogLevel } from '../parsers';
import { settledWithin, untilStopSignal } from '../signals';

export interface ServeFlags extends OrgFlags {
  host: string;
  port: number;
  token?: string;
  logLevel: LogLevel;
}

export async function runServe(flags: ServeFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  const emulator = await buildEmulator(flags, io, apiVersionGiven);
  const { startServer } = await import('../../http/server');
  const token = flags.token ?? (io.env.IPEMU_TOKEN || undefined);
  const stopped = untilStopSignal();
  const server = await startServer({ emulator, host: flags.host, port: flags.port, token, logLevel: flags.logLevel });
  io.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  await stopped;
  const closing = server.close();
  // Requests in flight get a grace to finish, then closing the org cancels its requests still open:
  // close() never waits on a hung org.
  await settledWithin(closing);
  await emulator.close();
  await closing;
  return 0;
}
