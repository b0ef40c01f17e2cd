import { failure, OutputMap } from './envelope';
import { Registry, ServiceDescription, ServiceInfo, RegisteredService } from './registry';
import { describeIssues, schemaIssues } from './validation';
import { resolveConfig, EmulatorConfig } from './config';
import { silentLogger, Logger } from './logger';
import type { Org } from './org';
import type { InvokeOptions, PluginDefinition, ServiceDefinition } from './define-service';
import { Deadline, Deadlines } from './deadlines';
import { Invocation } from './invocation';
import { Outcome, settle } from './settle';
import { DEFAULT_TIMEOUT_MS, fillFromOptions, readInput, readOptions, unknownProcedure, unknownService } from './invoke-arguments';
import type { ProcedureInfo, ProcedurePort, ProcedureRunOptions } from './procedure-port';

export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MAX_INPUT_CHARS } from './invoke-arguments';

/** Where an emulator's org comes from: an org, or a loader called on the first invoke (and once). */
export type OrgSource = Org | (() => Promise<Org>);

/** Everything an emulator is made of, handed in by the composition root (src/ipemu.ts) or a test. */
export interface EmulatorParts {
  /** Registered first, in order; a key registered twice fails here. */
  services: readonly ServiceDefinition[];
  plugins?: readonly PluginDefinition[];
  org: OrgSource;
  /** The Integration Procedures `runProcedure` runs; none when omitted. */
  procedures?: ProcedurePort;
  config?: Partial<EmulatorConfig> | Record<string, unknown>;
  logger?: Logger;
  /** Monotonic milliseconds, read when a deadline is set and when a handler settles; tests inject one. */
  clock?: () => number;
}

export interface Emulator {
  /** Never rejects: every outcome is an INVOKE output map. */
  invoke(key: string, input: unknown, options?: InvokeOptions): Promise<OutputMap>;
  /**
   * Runs the Integration Procedure `Type_SubType`. Never rejects: success is
   * `{ IPResult, errorCode: 'INVOKE-200', error: 'OK' }`, failure `{ errorCode, error, details }`.
   */
  runProcedure(key: string, input: unknown, options?: ProcedureRunOptions): Promise<OutputMap>;
  /** `[{ key, description, inputSchema }]`, as DESIGN.md §4 lists them. */
  services(): ServiceInfo[];
  /** The keys (`Type_SubType`) of the loaded procedures that can run, in key order (DESIGN.md §5). */
  procedures(): readonly string[];
  /** The loaded procedures that can run, in key order: key, version, test or not, file and format (ip list, OpenAPI). */
  describeProcedures(): readonly ProcedureInfo[];
  /** The services' declarations for transports (OpenAPI): schemas and names, never handlers. */
  describeServices(): readonly ServiceDescription[];
  readonly config: Readonly<EmulatorConfig>;
  close(): Promise<void>;
}

/**
 * Calls the handler so that nothing it returns or throws can escape synchronously: `await` adopts
 * a thenable in a promise job (a throwing `then` or `constructor` getter becomes a rejection) and
 * never calls a native promise's own, possibly replaced, `then`.
 */
async function callHandler(service: RegisteredService, input: Record<string, unknown>, ctx: Invocation): Promise<unknown> {
  return await service.handler(input, ctx);
}

function timeoutOutput(ms: number): OutputMap {
  return failure('TIMEOUT', `The invocation did not finish within ${ms} ms.`);
}

/** The org, loaded once on first use when the source is a loader. */
function orgResolver(source: OrgSource): { current(): Org | undefined; load(): Promise<Org> } {
  let org: Org | undefined = typeof source === 'function' ? undefined : source;
  let pending: Promise<Org> | undefined;
  return {
    current: () => org,
    load: () => {
      pending ??= (source as () => Promise<Org>)().then((loaded) => (org = loaded));
      return pending;
    },
  };
}

const NO_PROCEDURES: ProcedurePort = { list: () => [], has: () => false, run: () => Promise.reject(new Error('no procedures')) };

/**
 * The emulator itself: a sealed registry, the INVOKE envelope, timeouts, and the one place where
 * every failure becomes an output map. It knows no service, procedure, org or transport: they are
 * handed in.
 */
export function assembleEmulator(parts: EmulatorParts): Emulator {
  const registry = new Registry();
  for (const service of parts.services) registry.register(service);
  for (const plugin of parts.plugins ?? []) registry.registerPlugin(plugin);
  const procedures = parts.procedures ?? NO_PROCEDURES;
  const config = resolveConfig(parts.config ?? {});
  const logger = parts.logger ?? silentLogger;
  const clock = parts.clock ?? (() => performance.now());
  const deadlines = new Deadlines(clock);
  const orgs = orgResolver(parts.org);

  /**
   * Runs `work` under the invocation's deadline and settles what it did: the one path of both
   * `invoke` and `runProcedure` from a checked call to its output map.
   */
  function run(key: string, options: InvokeOptions, target: Org, work: (invocation: Invocation, deadline: Deadline) => Promise<unknown>): Promise<OutputMap> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const invocation = new Invocation(target, options, logger, config);
    return new Promise<OutputMap>((resolve) => {
      let answered = false;
      const deadline = deadlines.add(timeout, () => {
        answered = true;
        invocation.expire();
        resolve(timeoutOutput(timeout));
      });
      const finish = (outcome: Outcome): void => {
        if (answered) return;
        answered = true;
        deadline.cancel();
        // A synchronous handler holds the event loop, so the deadline's timer cannot fire while it
        // runs: the clock says whether it overran, whatever it answered.
        if (clock() > deadline.at) {
          invocation.expire();
          resolve(timeoutOutput(timeout));
        } else resolve(settle(key, outcome, logger));
      };
      work(invocation, deadline).then(
        (returned) => finish({ returned }),
        (threw: unknown) => finish({ threw }),
      );
    });
  }

  /** The org, then `start` on it; a failed org load is the call's answer. */
  function withOrg(key: string, start: (org: Org) => Promise<OutputMap>): Promise<OutputMap> {
    const org = orgs.current();
    if (org) return start(org);
    return orgs.load().then(start, (threw: unknown) => settle(key, { threw }, logger));
  }

  /** Never throws and never rejects, whatever the arguments (DESIGN.md §3). */
  function invoke(key: string, input: unknown, invokeOptions?: InvokeOptions): Promise<OutputMap> {
    try {
      registry.seal();
      // A registered key is a valid one: only an unknown key needs parsing, for its message.
      const service = typeof key === 'string' ? registry.get(key) : undefined;
      if (!service) return Promise.resolve(unknownService(key));
      const given = readInput(input);
      if ('refused' in given) return Promise.resolve(given.refused);
      const read = readOptions(invokeOptions);
      if ('refused' in read) return Promise.resolve(read.refused);
      const copied = given.input;
      const opts = read.options;
      fillFromOptions(copied, opts, service.parameters);
      if (!service.validate(copied)) {
        const issues = schemaIssues(service.validate.errors);
        return Promise.resolve(failure('INVALID_INPUT', describeIssues(issues), issues));
      }
      return withOrg(service.key, (org) => run(service.key, opts, org, (invocation) => callHandler(service, copied, invocation)));
    } catch (threw) {
      return Promise.resolve(settle('invoke', { threw }, logger));
    }
  }

  /** Never throws and never rejects, whatever the arguments (DESIGN.md §3, §5). */
  function runProcedure(key: string, input: unknown, runOptions?: ProcedureRunOptions): Promise<OutputMap> {
    try {
      registry.seal();
      if (typeof key !== 'string' || !procedures.has(key)) return Promise.resolve(unknownProcedure(key));
      const given = readInput(input);
      if ('refused' in given) return Promise.resolve(given.refused);
      const read = readOptions(runOptions);
      if ('refused' in read) return Promise.resolve(read.refused);
      const copied = given.input;
      const opts = read.options as ProcedureRunOptions;
      const name = `Integration Procedure ${key}`;
      return withOrg(name, (org) =>
        run(name, opts, org, (invocation, deadline) =>
          procedures.run(key, copied, opts, {
            org: invocation.org,
            get signal() {
              return invocation.signal;
            },
            get expired() {
              return invocation.isExpired;
            },
            deadlineAt: deadline.at,
            clock,
            invoke,
            logger,
            config,
          }),
        ),
      );
    } catch (threw) {
      return Promise.resolve(settle('runProcedure', { threw }, logger));
    }
  }

  return {
    invoke,
    runProcedure,
    services: () => registry.info(),
    procedures: () => procedures.list().map((p) => p.key),
    describeProcedures: () => procedures.list(),
    describeServices: () => registry.descriptions(),
    config,
    close: async () => {
      await orgs.current()?.close?.();
    },
  };
}
