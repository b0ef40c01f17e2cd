import { createEmulator } from '../../ipemu';
import { loadPlugins } from '../org-setup';
import { CliIo, envelope, printJson } from '../output';

export interface ServicesFlags {
  json?: boolean;
  plugin: string[];
}

/** Two columns, key then description; descriptions stay on one line. */
export function servicesTable(rows: readonly { key: string; description: string }[]): string {
  const width = Math.max('SERVICE'.length, ...rows.map((r) => r.key.length));
  const line = (a: string, b: string): string => `${a.padEnd(width)}  ${b.replace(/\s+/g, ' ').trim()}`;
  return [line('SERVICE', 'DESCRIPTION'), ...rows.map((r) => line(r.key, r.description))].join('\n');
}

export async function runServices(flags: ServicesFlags, io: CliIo): Promise<number> {
  // No org is opened: listing services never touches one.
  const emulator = createEmulator({ plugins: loadPlugins(flags.plugin, io.cwd) });
  const services = emulator.services();
  if (flags.json) printJson(io, envelope(0, services));
  else io.stdout.write(`${servicesTable(services)}\n`);
  return 0;
}
