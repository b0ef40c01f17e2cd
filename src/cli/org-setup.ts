import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Emulator } from '../core/emulator';
import { loadConfigFile } from '../core/config';
import { usageError } from './usage';
import type { PluginDefinition } from '../core/define-service';
import { createEmulator, openOrg, type OrgSelection } from '../ipemu';
import type { OrgFlags } from './org-flags';
import type { CliIo } from './output';
import { closeOnStopSignal } from './signals';

/** The org flags as the composition root's OrgSelection: paths resolved from the cwd. */
export function selectionOf(flags: OrgFlags, io: CliIo, apiVersionGiven: boolean): OrgSelection {
  return {
    fixtures: flags.fixtures === undefined ? undefined : resolve(io.cwd, flags.fixtures),
    user: flags.user,
    state: flags.state === undefined ? undefined : resolve(io.cwd, flags.state),
    instanceUrl: flags.instanceUrl,
    accessToken: flags.accessToken,
    targetOrg: flags.targetOrg,
    apiVersion: apiVersionGiven ? flags.apiVersion : undefined,
  };
}

function isPlugin(value: unknown): value is PluginDefinition {
  return (
    typeof value === 'object' && value !== null && typeof (value as PluginDefinition).name === 'string' && Array.isArray((value as PluginDefinition).services)
  );
}

/** `--plugin <module>`: resolved from the cwd like the user's own require; default, `plugin` or an array. */
export function loadPlugins(modules: readonly string[], cwd: string): PluginDefinition[] {
  const requireFromCwd = createRequire(join(cwd, 'ipemu-plugin-loader.js'));
  return modules.flatMap((name) => {
    let exported: unknown;
    try {
      exported = requireFromCwd(name);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? 'module not found' : (err as Error).message;
      throw usageError(`Cannot load plugin ${name}: ${reason}`);
    }
    const mod = exported as { default?: unknown; plugin?: unknown };
    const candidate = mod.default ?? mod.plugin ?? exported;
    const plugins = Array.isArray(candidate) ? candidate : [candidate];
    if (plugins.length === 0 || !plugins.every(isPlugin)) {
      throw usageError(`Plugin ${name} must export definePlugin({ name, services }) as default, as "plugin", or an array of them.`);
    }
    return plugins;
  });
}

/**
 * The emulator of an org-using command. `procedures`: the folders of `--procedures` (the demo
 * procedures and ./procedures load as well), or false for a command that runs no procedure, so
 * that a broken definition cannot stop `invoke` or `batch`. A definition that cannot be read is an
 * INVALID_INPUT naming it (exit 2).
 */
export async function buildEmulator(flags: OrgFlags, io: CliIo, apiVersionGiven: boolean, procedures: readonly string[] | false = false): Promise<Emulator> {
  const config = loadConfigFile(resolve(io.cwd, flags.config ?? 'ipemu.config.json'), flags.config !== undefined);
  const plugins = loadPlugins(flags.plugin, io.cwd);
  const org = await openOrg(selectionOf(flags, io, apiVersionGiven), io.env);
  try {
    return createEmulator({ org, plugins, config, procedures: procedures === false ? false : [...procedures] });
  } catch (err) {
    // A real org's open sockets would keep the process alive after the error is printed.
    await org.close?.();
    throw err;
  }
}

/**
 * Runs `work` on the emulator `building` gives and closes it after, also on the first SIGINT or
 * SIGTERM (closeOnStopSignal), for the commands without a stop of their own. Called in the tick
 * buildEmulator starts, its handler is set before the org opens: a stop signal never leaves a mock
 * org's state file locked.
 */
export async function closingEmulator<T>(building: Promise<Emulator>, work: (emulator: Emulator) => Promise<T>): Promise<T> {
  const stopListening = closeOnStopSignal(async () => (await building).close());
  try {
    const emulator = await building;
    try {
      return await work(emulator);
    } finally {
      await emulator.close();
    }
  } finally {
    stopListening();
  }
}
