/**
 * Test helpers for the runner: model objects built by hand, and a ProcedureHost over the real
 * emulator's invoke (built-in services) and a mock org, as the emulator gives one to a run.
 */
import { assembleEmulator } from '../../src/core/emulator';
import { resolveConfig } from '../../src/core/config';
import type { InvokeOptions } from '../../src/core/define-service';
import type { OutputMap } from '../../src/core/envelope';
import { silentLogger } from '../../src/core/logger';
import type { Org } from '../../src/core/org';
import type { ProcedureHost, ProcedureRunOptions } from '../../src/core/procedure-port';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import { builtInServices } from '../../src/services';
import { compileLibrary, CompiledLibrary } from '../../src/procedures/library';
import type { DataMapperDefinition, ElementDefinition, JsonObject, ProcedureDefinition } from '../../src/procedures/model';

export function el(name: string, type: string, props: JsonObject = {}, children: ElementDefinition[] = [], active = true): ElementDefinition {
  return { name, type, active, props, children };
}

export function proc(key: string, elements: ElementDefinition[], props: JsonObject = {}, extra: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  const [type = key, subType = ''] = key.split('_');
  return {
    key,
    type,
    subType,
    version: 1,
    active: true,
    isTest: false,
    props,
    elements,
    origin: { file: `/defs/${key}.json`, format: 'datapack-expanded' },
    ...extra,
  };
}

export function library(procedures: ProcedureDefinition[], dataMappers: DataMapperDefinition[] = [], clock?: () => number): CompiledLibrary {
  const lib = compileLibrary({ procedures, dataMappers, problems: [] }, clock ? { clock } : {});
  return lib;
}

let demoOrg: MockOrg | undefined;
export function demo(): MockOrg {
  demoOrg ??= MockOrg.fromFixturesSync(DEMO_FIXTURES);
  return demoOrg;
}

export interface TestHost extends ProcedureHost {
  readonly calls: { key: string; input: unknown; options: InvokeOptions | undefined }[];
  readonly controller: AbortController;
}

/** A host whose invoke is the real emulator's (built-in services on `org`), recording each call. */
export function host(org: Org = demo(), overrides: Partial<ProcedureHost> = {}): TestHost {
  const emu = assembleEmulator({ services: builtInServices, org });
  const calls: TestHost['calls'] = [];
  const controller = new AbortController();
  const clock = (): number => performance.now();
  return {
    org,
    signal: controller.signal,
    get expired() {
      return controller.signal.aborted;
    },
    controller,
    deadlineAt: clock() + 30_000,
    clock,
    invoke: (key: string, input: unknown, options?: InvokeOptions): Promise<OutputMap> => {
      calls.push({ key, input, options });
      return emu.invoke(key, input, options);
    },
    logger: silentLogger,
    config: resolveConfig({}),
    calls,
    ...overrides,
  };
}

export function run(
  lib: CompiledLibrary,
  key: string,
  input: Record<string, unknown> = {},
  options: ProcedureRunOptions = {},
  h: ProcedureHost = host(),
): Promise<OutputMap> {
  return lib.run(key, input, options, h);
}
