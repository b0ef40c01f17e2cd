/**
 * The composition root: the one place that knows every part. It wires the built-in services, the
 * coalescing layer, the embedded demo org and the org-flag precedence, for the library
 * (`createEmulator`) and the CLI alike. Nothing below src/ imports this file but index.ts and cli/.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assembleEmulator, Emulator } from './core/emulator';
import type { EmulatorConfig } from './core/config';
import type { PluginDefinition } from './core/define-service';
import { IpemuError } from './core/errors';
import type { Logger } from './core/logger';
import type { Org } from './core/org';
import type { RecordingSource } from './core/recording-source';
import { DEFAULT_HOST } from './core/listen-defaults';
import type { ConnectOptions } from './orgs/jsforce/connect';
import { DEFAULT_API_VERSION } from './salesforce/api-versions';
import { createCoalescingOrg } from './orgs/coalescing/coalescing-org';
import { builtInServices } from './services';
import { problemText } from './procedures/problem-text';
import type { ProcedurePort } from './core/procedure-port';
import type { DefinitionProblem } from './procedures/model';

/** The embedded demo Integration Procedures (procedures/demo), loaded by every emulator that loads procedures. */
export const DEMO_PROCEDURES: string = join(__dirname, '../procedures/demo');

/** How many problems a start-up error lists before it says how many more there are. */
const LISTED_PROBLEMS = 20;

export interface EmulatorOptions {
  /** The org services read. Omitted: the embedded demo mock org (fixtures/demo), loaded on first use. */
  org?: Org;
  plugins?: readonly PluginDefinition[];
  config?: Partial<EmulatorConfig> | Record<string, unknown>;
  logger?: Logger;
  /**
   * Folders (or files) of exported Integration Procedures and Data Mappers, loaded besides the
   * embedded `procedures/demo` and `./procedures` when it exists; `false` loads none at all (the
   * CLI's `invoke` and `batch` run no procedure).
   */
  procedures?: readonly string[] | false;
  /** A layer over the coalescing org, the org the services see (`ipemu parity` records each invocation's queries there). */
  orgLayer?: (org: Org) => Org;
}

/**
 * The definition paths an emulator loads: the embedded demo, `./procedures` when it exists, then
 * the caller's, each folder once (a path given twice, or the demo named again, is read once).
 */
export function procedurePaths(given: readonly string[], cwd: string = process.cwd()): string[] {
  const seen = new Set<string>();
  const paths: string[] = [];
  const add = (path: string, required: boolean): void => {
    const absolute = resolve(cwd, path);
    if (!required && !existsSync(absolute)) return;
    let real = absolute;
    try {
      real = realpathSync(absolute);
    } catch {
      // A missing path is the loader's problem to report, under the name the caller gave.
    }
    if (seen.has(real)) return;
    seen.add(real);
    paths.push(absolute);
  };
  add(DEMO_PROCEDURES, false);
  add('procedures', false);
  for (const path of given) add(path, true);
  return paths;
}

/** One definition problem as a line (file, element, property, message): `ipemu ip validate` prints these. */
export { problemText };

/** Loads and compiles the procedures of `paths`, or throws INVALID_INPUT listing every problem (file, element, property). */
export function loadProcedures(paths: readonly string[]): ProcedurePort {
  // Required here, not imported: the loaders, the formula engine and their packages (decimal.js,
  // dayjs, fast-xml-parser) cost `ipemu invoke`'s cold start some 50 ms, and invoke loads no procedure.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openLibrary } = require('./procedures/open-library') as typeof import('./procedures/open-library');
  const { library, problems } = openLibrary(paths);
  if (problems.length > 0) throw procedureProblems(problems);
  return library;
}

function procedureProblems(problems: readonly DefinitionProblem[]): IpemuError {
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  ${problemText(p)}`);
  const more = problems.length > LISTED_PROBLEMS ? [`  … and ${problems.length - LISTED_PROBLEMS} more`] : [];
  const count = problems.length === 1 ? 'A procedure definition' : `${problems.length} procedure definitions`;
  return new IpemuError('INVALID_INPUT', [`${count} could not be loaded:`, ...listed, ...more].join('\n'), { problems });
}

/** The embedded demo org, loaded only when an invocation needs it (the mock org is not required before). */
async function loadDemoOrg(options: { user?: string; state?: string } = {}): Promise<Org> {
  const { MockOrg, DEMO_FIXTURES } = await import('./mock-org/mock-org');
  return MockOrg.fromFixtures(DEMO_FIXTURES, options);
}

/**
 * An emulator with the built-in services, the plugins' services, the coalescing layer over its org,
 * and the Integration Procedures of `procedures` (plus the demo and `./procedures`). A definition
 * that cannot be loaded fails here, at start-up, as a key registered twice does.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const given = options.org;
  const layer = options.orgLayer ?? ((org: Org): Org => org);
  return assembleEmulator({
    services: builtInServices,
    plugins: options.plugins,
    procedures: options.procedures === false ? undefined : loadProcedures(procedurePaths(options.procedures ?? [])),
    org: given ? layer(createCoalescingOrg(given)) : async () => layer(createCoalescingOrg(await loadDemoOrg())),
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
  /** The mock org's state file (a resolved path): it starts from the fixtures plus the file, and keeps its writes there. */
  state?: string;
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
  checkSelection(selection);
  if (selection.fixtures !== undefined) {
    const { MockOrg } = await import('./mock-org/mock-org');
    return MockOrg.fromFixtures(selection.fixtures, mockOrgOptions(selection));
  }
  const real = await realOrgOptions(selection, env);
  if (real) {
    const { connectOrg } = await import('./orgs/jsforce/connect');
    return connectOrg(real);
  }
  return loadDemoOrg(mockOrgOptions(selection));
}

function checkSelection(selection: OrgSelection): void {
  const realFlag = selection.instanceUrl !== undefined || selection.accessToken !== undefined || selection.targetOrg !== undefined;
  if (selection.fixtures !== undefined && realFlag) {
    throw invalid('--fixtures selects a mock org; it cannot be combined with --instance-url, --access-token or --target-org.');
  }
}

/** The real org a selection without `fixtures` names (flags, then SF_* env), or undefined for the demo org. */
async function realOrgOptions(selection: OrgSelection, env: NodeJS.ProcessEnv): Promise<ConnectOptions | undefined> {
  const { connectOptionsFromEnv } = await import('./orgs/jsforce/connect');
  const fromEnv = connectOptionsFromEnv(env);
  const apiVersion = selection.apiVersion ?? fromEnv?.apiVersion ?? DEFAULT_API_VERSION;
  const mockOnlyFlags = (): void => {
    if (selection.user !== undefined) throw invalid('--user names a mock org user; it does not apply to a real org.');
    if (selection.state !== undefined) throw invalid("--state keeps a mock org's writes; it does not apply to a real org.");
  };
  if (selection.instanceUrl !== undefined || selection.accessToken !== undefined) {
    const instanceUrl = selection.instanceUrl ?? env.SF_INSTANCE_URL;
    const accessToken = selection.accessToken ?? env.SF_ACCESS_TOKEN;
    if (!instanceUrl) throw invalid('--access-token needs --instance-url (or env SF_INSTANCE_URL).');
    if (!accessToken) throw invalid('--instance-url needs --access-token (or env SF_ACCESS_TOKEN).');
    mockOnlyFlags();
    return { instanceUrl, accessToken, apiVersion };
  }
  if (selection.targetOrg !== undefined) {
    mockOnlyFlags();
    return { targetOrg: selection.targetOrg, apiVersion };
  }
  if (fromEnv) {
    mockOnlyFlags();
    return { ...fromEnv, apiVersion };
  }
  return undefined;
}

/**
 * The org `ipemu mock-org record` reads (issue 17), by the same precedence as openOrg: a real org
 * through jsforce; a mock org (`fixtures`, or the embedded demo org) served in-process by the fake
 * REST API on 127.0.0.1, port 0, and read through jsforce like a real one (one path), its server
 * and org closed with the source. `state` applies to a mock org, as for openOrg.
 */
export async function openRecordingSource(selection: OrgSelection, env: NodeJS.ProcessEnv): Promise<RecordingSource> {
  checkSelection(selection);
  const { connectRecordingSource } = await import('./orgs/jsforce/recording-source');
  const real = selection.fixtures === undefined ? await realOrgOptions(selection, env) : undefined;
  if (real) return connectRecordingSource(real);
  const { MockOrg, DEMO_FIXTURES } = await import('./mock-org/mock-org');
  const { startMockRestServer } = await import('./mock-org/rest/server');
  const org = await MockOrg.fromFixtures(selection.fixtures ?? DEMO_FIXTURES, mockOrgOptions(selection));
  try {
    const server = await startMockRestServer({ org, host: DEFAULT_HOST, port: 0 });
    try {
      const source = await connectRecordingSource({
        instanceUrl: server.instanceUrl,
        accessToken: server.accessToken,
        apiVersion: selection.apiVersion ?? DEFAULT_API_VERSION,
      });
      const close = source.close.bind(source);
      return Object.assign(source, {
        close: async (): Promise<void> => {
          await close();
          await server.close();
          await org.close();
        },
      });
    } catch (err) {
      await server.close();
      throw err;
    }
  } catch (err) {
    await org.close();
    throw err;
  }
}

function mockOrgOptions(selection: OrgSelection): { user?: string; state?: string } {
  const options: { user?: string; state?: string } = {};
  if (selection.user !== undefined) options.user = selection.user;
  if (selection.state !== undefined) options.state = selection.state;
  return options;
}
