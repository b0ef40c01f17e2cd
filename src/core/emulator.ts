import { failure, OutputMap } from './envelope';
import { parseServiceKey } from './service-key';
import { Registry, ServiceDescription, ServiceInfo, RegisteredService } from './registry';
import { describeIssues, schemaIssues } from './validation';
import { resolveConfig, EmulatorConfig } from './config';
import { silentLogger, Logger } from './logger';
import type { Org } from './org';
import type { InvokeOptions, PluginDefinition, ServiceDefinition } from './define-service';
import { Deadlines } from './deadlines';
import { Invocation } from './invocation';
import { isPlainObject } from './plain-object';
import { copyJson } from './json-copy';
import { Outcome, settle } from './settle';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 120_000;
/** Input and options are copied as JSON up to this size (1 MiB): an HTTP body or a batch line holds no more. */
export const MAX_INPUT_CHARS = 1_048_576;

/** Where an emulator's org comes from: an org, or a loader called on the first invoke (and once). */
export type OrgSource = Org | (() => Promise<Org>);

/** Everything an emulator is made of, handed in by the composition root (src/ipemu.ts) or a test. */
export interface EmulatorParts {
  /** Registered first, in order; a key registered twice fails here. */
  services: readonly ServiceDefinition[];
  plugins?: readonly PluginDefinition[];
  org: OrgSource;
  config?: Partial<EmulatorConfig> | Record<string, unknown>;
  logger?: Logger;
  /** Monotonic milliseconds, read when a deadline is set and when a handler settles; tests inject one. */
  clock?: () => number;
}

export interface Emulator {
  /** Never rejects: every outcome is an INVOKE output map. */
  invoke(key: string, input: unknown, options?: InvokeOptions): Promise<OutputMap>;
  /** `[{ key, description, inputSchema }]`, as DESIGN.md §4 lists them. */
  services(): ServiceInfo[];
  /** The services' declarations for transports (OpenAPI): schemas and names, never handlers. */
  describeServices(): readonly ServiceDescription[];
  readonly config: Readonly<EmulatorConfig>;
  close(): Promise<void>;
}

function refuse(message: string): { refused: OutputMap } {
  return { refused: failure('INVALID_INPUT', message) };
}

/** A caller's options as a plain copy, or the INVOKE-400 that says why they cannot be used. */
function readOptions(options: unknown): { options: InvokeOptions } | { refused: OutputMap } {
  if (options === undefined || options === null) return { options: {} };
  const copy = copyJson(options, MAX_INPUT_CHARS);
  if (!copy.ok) return refuse(`Options could not be read as JSON: ${copy.problem}.`);
  if (!isPlainObject(copy.value)) return refuse('Options must be a JSON object.');
  const timeout = copy.value.timeout;
  if (timeout !== undefined && timeout !== null) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      return refuse(`options.timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
    }
  }
  return { options: copy.value };
}

/** A key that names no registered service: 400 when it is not even `Class:Method`, else 404. */
function unknownService(key: unknown): OutputMap {
  if (typeof key !== 'string') return failure('INVALID_INPUT', `The service key must be a Class:Method string, not ${key === null ? 'null' : typeof key}.`);
  const parsed = parseServiceKey(key);
  if (!parsed) return failure('INVALID_INPUT', `"${key.slice(0, 200)}" is not a Class:Method service key.`);
  return failure('NOT_FOUND', `Service ${parsed.key} was not found.`);
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

/**
 * The emulator itself: a sealed registry, the INVOKE envelope, timeouts, and the one place where
 * every failure becomes an output map. It knows no service, org or transport: they are handed in.
 */
export function assembleEmulator(parts: EmulatorParts): Emulator {
  const registry = new Registry();
  for (const service of parts.services) registry.register(service);
  for (const plugin of parts.plugins ?? []) registry.registerPlugin(plugin);
  const config = resolveConfig(parts.config ?? {});
  const logger = parts.logger ?? silentLogger;
  const clock = parts.clock ?? (() => performance.now());
  const deadlines = new Deadlines(clock);
  const orgs = orgResolver(parts.org);

  function run(service: RegisteredService, input: Record<string, unknown>, invokeOptions: InvokeOptions, target: Org): Promise<OutputMap> {
    const timeout = invokeOptions.timeout ?? DEFAULT_TIMEOUT_MS;
    const invocation = new Invocation(target, invokeOptions, logger, config);
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
        } else resolve(settle(service.key, outcome, logger));
      };
      callHandler(service, input, invocation).then(
        (returned) => finish({ returned }),
        (threw: unknown) => finish({ threw }),
      );
    });
  }

  /** Never throws and never rejects, whatever the arguments (DESIGN.md §3). */
  function invoke(key: string, input: unknown, invokeOptions?: InvokeOptions): Promise<OutputMap> {
    try {
      registry.seal();
      // A registered key is a valid one: only an unknown key needs parsing, for its message.
      const service = typeof key === 'string' ? registry.get(key) : undefined;
      if (!service) return Promise.resolve(unknownService(key));
      // The handler gets a copy: a getter or Proxy of the caller's cannot answer differently later.
      const given = copyJson(input, MAX_INPUT_CHARS);
      if (!given.ok) return Promise.resolve(failure('INVALID_INPUT', `Input could not be read as JSON: ${given.problem}.`));
      if (!isPlainObject(given.value)) return Promise.resolve(failure('INVALID_INPUT', 'Input must be a JSON object.'));
      const copied = given.value;
      const read = readOptions(invokeOptions);
      if ('refused' in read) return Promise.resolve(read.refused);
      const opts = read.options;
      if (!service.validate(copied)) {
        const issues = schemaIssues(service.validate.errors);
        return Promise.resolve(failure('INVALID_INPUT', describeIssues(issues), issues));
      }
      const org = orgs.current();
      if (org) return run(service, copied, opts, org);
      return orgs.load().then(
        (loaded) => run(service, copied, opts, loaded),
        (threw: unknown) => settle(service.key, { threw }, logger),
      );
    } catch (threw) {
      return Promise.resolve(settle('invoke', { threw }, logger));
    }
  }

  return {
    invoke,
    services: () => registry.info(),
    describeServices: () => registry.descriptions(),
    config,
    close: async () => {
      await orgs.current()?.close?.();
    },
  };
}
