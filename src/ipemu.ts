/**
 * The composition root: the one place that knows every part. It wires the built-in services, the
 * coalescing layer, the embedded demo org and the org-flag precedence, for the library
 * (`createEmulator`) and the CLI alike. Nothing below src/ imports this file but index.ts and cli/.
 */
import { assembleEmulator, Emulator } from './core/emulator';
import type { EmulatorConfig } from './core/config';
import type { PluginDefinition } from './core/define-service';
import { IpemuError } from './core/errors';
import type { Logger } from './core/logger';
import type { Org } from './core/org';
import { DEFAULT_API_VERSION } from './salesforce/api-versions';
import { createCoalescingOrg } from './orgs/coalescing/coalescing-org';
import { builtInServices } from './services';

export interface EmulatorOptions {
  /** The org services read. Omitted: the embedded demo mock org (fixtures/demo), loaded on first use. */
  org?: Org;
  plugins?: readonly PluginDefinition[];
  config?: Partial<EmulatorConfig> | Record<string, unknown>;
  logger?: Logger;
}

/** The embedded demo org, loaded only when an invocation needs it (the mock org is not required before). */
async function loadDemoOrg(user?: string): Promise<Org> {
  const { MockOrg, DEMO_FIXTURES } = await import('./mock-org/mock-org');
  return MockOrg.fromFixtures(DEMO_FIXTURES, user === undefined ? {} : { user });
}

/** An emulator with the built-in services, the plugins' services, and the coalescing layer over its org. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const given = options.org;
  return assembleEmulator({
    services: builtInServices,
    plugins: options.plugins,
    org: given ? createCoalescingOrg(given) : async () => createCoalescingOrg(await loadDemoOrg()),
    config: options.config,
    logger: options.logger,
  });
}

/** Which org to open: the CLI's org flags, or a library caller's equivalent (DESIGN.md §4 "org flags"). */
export interface OrgSelection {
  /** A mock org on these fixtures (a resolved path). */
  fixtures?: string;
  /** The mock org's running user. */
  user?: string;
  instanceUrl?: string;
  accessToken?: string;
  /** An sf CLI alias or username. */
  targetOrg?: string;
  /** Only when the caller chose it: otherwise SF_* env may name one, then the default. */
  apiVersion?: string;
}

function invalid(message: string): IpemuError {
  return new IpemuError('INVALID_INPUT', message);
}

/**
 * The org-flag precedence: `fixtures` (a mock org); else an instance URL and access token; else an
 * sf CLI alias; else SF_* credentials in `env`; else the embedded demo org. Combinations that
 * cannot mean one org are INVALID_INPUT.
 */
export async function openOrg(selection: OrgSelection, env: NodeJS.ProcessEnv): Promise<Org> {
  const realFlag = selection.instanceUrl !== undefined || selection.accessToken !== undefined || selection.targetOrg !== undefined;
  if (selection.fixtures !== undefined && realFlag) {
    throw invalid('--fixtures selects a mock org; it cannot be combined with --instance-url, --access-token or --target-org.');
  }
  if (selection.fixtures !== undefined) {
    const { MockOrg } = await import('./mock-org/mock-org');
    return MockOrg.fromFixtures(selection.fixtures, selection.user === undefined ? {} : { user: selection.user });
  }

  const { connectOrg, connectOptionsFromEnv } = await import('./orgs/jsforce/connect');
  const fromEnv = connectOptionsFromEnv(env);
  const apiVersion = selection.apiVersion ?? fromEnv?.apiVersion ?? DEFAULT_API_VERSION;
  const mockOnlyUser = (): void => {
    if (selection.user !== undefined) throw invalid('--user names a mock org user; it does not apply to a real org.');
  };
  if (selection.instanceUrl !== undefined || selection.accessToken !== undefined) {
    const instanceUrl = selection.instanceUrl ?? env.SF_INSTANCE_URL;
    const accessToken = selection.accessToken ?? env.SF_ACCESS_TOKEN;
    if (!instanceUrl) throw invalid('--access-token needs --instance-url (or env SF_INSTANCE_URL).');
    if (!accessToken) throw invalid('--instance-url needs --access-token (or env SF_ACCESS_TOKEN).');
    mockOnlyUser();
    return connectOrg({ instanceUrl, accessToken, apiVersion });
  }
  if (selection.targetOrg !== undefined) {
    mockOnlyUser();
    return connectOrg({ targetOrg: selection.targetOrg, apiVersion });
  }
  if (fromEnv) {
    mockOnlyUser();
    return connectOrg({ ...fromEnv, apiVersion });
  }
  return loadDemoOrg(selection.user);
}
