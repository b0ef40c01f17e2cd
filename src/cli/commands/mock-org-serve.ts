import { resolve } from 'node:path';
import type { CliIo } from '../output';
import { untilStopSignal } from '../signals';
import { ListenFlags, listenLimitsOf, warnIfExposed } from '../listen-flags';
import { ProcedureFlags, procedureDirs } from '../procedure-flags';
import { certificateLine, serverTransport, type ServerTransport } from '../server-transport';
import type { TransportFlags } from '../transport-flags';

/** `ipemu mock-org serve`: the fake Salesforce REST API over a mock org. */
export interface MockServeFlags extends ListenFlags, ProcedureFlags, TransportFlags {
  fixtures?: string;
  state?: string;
  port: number;
  /** ms a Bulk API 2.0 query job stays InProgress. */
  bulkDelay?: number;
}

export async function runMockOrgServe(flags: MockServeFlags, io: CliIo): Promise<number> {
  warnIfExposed(flags.host, io);
  // Usage errors (a lone --tls-cert, a bad origin) before the fixtures are read.
  const transport = await serverTransport(flags, flags.host, io);
  try {
    return await serveMockOrg(flags, io, transport);
  } finally {
    await transport.dispose();
  }
}

async function serveMockOrg(flags: MockServeFlags, io: CliIo, transport: ServerTransport): Promise<number> {
  const { MockOrg, DEMO_FIXTURES } = await import('../../mock-org/mock-org');
  const fixtures = flags.fixtures === undefined ? DEMO_FIXTURES : resolve(io.cwd, flags.fixtures);
  const org = await MockOrg.fromFixtures(fixtures, flags.state === undefined ? {} : { state: resolve(io.cwd, flags.state) });
  // Closing the org flushes its state file and releases the lock, also when the server cannot start.
  try {
    const { createEmulator } = await import('../../ipemu');
    const { mockOrgProcedures } = await import('../mock-org-procedures');
    const dirs = procedureDirs(flags, io);
    const procedures = mockOrgProcedures(org, (userOrg) => createEmulator({ org: userOrg, procedures: dirs }));
    const { startMockRestServer } = await import('../../mock-org/rest/server');
    const stopped = untilStopSignal();
    const server = await startMockRestServer({
      org,
      host: flags.host,
      port: flags.port,
      limits: listenLimitsOf(flags),
      extensions: [procedures.extension],
      ...(flags.bulkDelay === undefined ? {} : { bulkQuery: { processingDelayMs: flags.bulkDelay } }),
      ...(transport.tls ? { tls: transport.tls } : {}),
      ...(transport.cors ? { cors: transport.cors } : {}),
    });
    io.stdout.write(`${JSON.stringify({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, ...certificateLine(transport) })}\n`);
    // Right after the line a client reads: whoever starts it learns that logins are not checked.
    if (server.permissiveNotice !== undefined) io.stderr.write(`ipemu: ${server.permissiveNotice}\n`);
    await stopped;
    await server.close();
    await procedures.close();
  } finally {
    await org.close();
  }
  return 0;
}
