import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createEmulator, Emulator } from '../core/emulator';
import { loadConfigFile } from '../core/config';
import { usageError } from './usage';
import type { PluginDefinition } from '../core/define-service';
import type { Org } from '../core/org';
import { OrgFlags, DEFAULT_API_VERSION } from './org-flags';
import type { CliIo } from './output';

/** Picks the org: explicit flags, then --target-org, then SF_* env, then the embedded demo org. */
export async function openOrg(flags: OrgFlags, io: CliIo, apiVersionGiven: boolean): Promise<Org> {
  const realFlag = flags.instanceUrl !== undefined || flags.accessToken !== undefined || flags.targetOrg !== undefined;
  if (flags.fixtures !== undefined && realFlag) {
    throw usageError('--fixtures selects a mock org; it cannot be combined with --instance-url, --access-token or --target-org.');
  }
  if (flags.fixtures !== undefined) return openMock(resolve(io.cwd, flags.fixtures), flags.user);

  const { connectOrg, connectOptionsFromEnv } = await import('../orgs/jsforce/connect');
  const env = connectOptionsFromEnv(io.env);
  const apiVersion = apiVersionGiven ? flags.apiVersion : (env?.apiVersion ?? DEFAULT_API_VERSION);
  const mockOnlyUser = (): void => {
    if (flags.user !== undefined) throw usageError('--user names a mock org user; it does not apply to a real org.');
  };
  if (flags.instanceUrl !== undefined || flags.accessToken !== undefined) {
    const instanceUrl = flags.instanceUrl ?? io.env.SF_INSTANCE_URL;
    const accessToken = flags.accessToken ?? io.env.SF_ACCESS_TOKEN;
    if (!instanceUrl) throw usageError('--access-token needs --instance-url (or env SF_INSTANCE_URL).');
    if (!accessToken) throw usageError('--instance-url needs --access-token (or env SF_ACCESS_TOKEN).');
    mockOnlyUser();
    return connectOrg({ instanceUrl, accessToken, apiVersion });
  }
  if (flags.targetOrg !== undefined) {
    mockOnlyUser();
    return connectOrg({ targetOrg: flags.targetOrg, apiVersion });
  }
  if (env) {
    mockOnlyUser();
    return connectOrg({ ...env, apiVersion });
  }
  const { DEMO_FIXTURES } = await import('../mock-org/mock-org');
  return openMock(DEMO_FIXTURES, flags.user);
}

async function openMock(fixtures: string, user: string | undefined): Promise<Org> {
  const { MockOrg } = await import('../mock-org/mock-org');
  return MockOrg.fromFixtures(fixtures, user === undefined ? {} : { user });
}

function isPlugin(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && typeof (value as PluginDefinition).name === 'string'
    && Array.isArray((value as PluginDefinition).services);
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

export async function buildEmulator(flags: OrgFlags, io: CliIo, apiVersionGiven: boolean): Promise<Emulator> {
  const config = loadConfigFile(resolve(io.cwd, flags.config ?? 'ipemu.config.json'), flags.config !== undefined);
  const plugins = loadPlugins(flags.plugin, io.cwd);
  const org = await openOrg(flags, io, apiVersionGiven);
  return createEmulator({ org, plugins, config });
}
