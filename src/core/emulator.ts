import { ERROR_CODES, IpemuError, INTERNAL_ERROR_MESSAGE } from './errors';
import { failure, failureFromError, OutputMap } from './envelope';
import { parseServiceKey } from './service-key';
import { Registry, ServiceDescription, ServiceInfo, RegisteredService } from './registry';
import { describeIssues, schemaIssues } from './validation';
import { resolveConfig, EmulatorConfig } from './config';
import { silentLogger, Logger } from './logger';
import { orgErrorOutput } from './org-errors';
import { isOrgError, Org } from './org';
import type { InvokeOptions, PluginDefinition, ServiceDefinition } from './define-service';
import { Deadlines } from './deadlines';
import { Invocation } from './invocation';
import { isPlainObject } from './plain-object';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 120_000;

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

function checkOptions(options: unknown): InvokeOptions {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) throw new IpemuError('INVALID_INPUT', 'Options must be a JSON object.');
  const timeout = options.timeout;
  if (timeout !== undefined && timeout !== null) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      throw new IpemuError('INVALID_INPUT', `options.timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
    }
  }
  return options;
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
  const deadlines = new Deadlines();
  const orgs = orgResolver(parts.org);

  /** Every failure becomes an output map; only unknown throws are logged, and never shown. */
  function outputForError(err: unknown, key: string): OutputMap {
    if (err instanceof IpemuError) return failureFromError(err);
    if (isOrgError(err)) return orgErrorOutput(err);
    if ((err as Error)?.name === 'AbortError') return failure('TIMEOUT', 'The invocation was aborted.');
    logger.error({ key, err: (err as Error)?.message }, 'handler failed');
    return failure('INTERNAL', INTERNAL_ERROR_MESSAGE);
  }

  /** A handler's answer as an output map: a success gets its INVOKE-200 code unless it set its own. */
  function finish(service: RegisteredService, result: unknown): OutputMap {
    if (!isPlainObject(result)) throw new Error(`${service.key} returned ${typeof result}, not an output map.`);
    if (typeof result.errorCode === 'string') return result as OutputMap;
    return { ...result, errorCode: ERROR_CODES.OK.invoke, error: 'OK' };
  }

  function run(service: RegisteredService, input: Record<string, unknown>, invokeOptions: InvokeOptions, target: Org): Promise<OutputMap> {
    const timeout = invokeOptions.timeout ?? DEFAULT_TIMEOUT_MS;
    const invocation = new Invocation(target, invokeOptions, logger, config);
    return new Promise<OutputMap>((resolve) => {
      const deadline = deadlines.add(timeout, () => {
        invocation.expire();
        resolve(timeoutOutput(timeout));
      });
      const settle = (result: unknown, failed: boolean): void => {
        deadline.cancel();
        try {
          resolve(failed ? outputForError(result, service.key) : finish(service, result));
        } catch (err) {
          resolve(outputForError(err, service.key));
        }
      };
      let answer: Promise<unknown>;
      try {
        // A plugin's handler may throw before it returns a promise.
        answer = Promise.resolve(service.handler(input, invocation));
      } catch (err) {
        settle(err, true);
        return;
      }
      answer.then(
        (out) => settle(out, false),
        (err: unknown) => settle(err, true),
      );
    });
  }

  function invoke(key: string, input: unknown, invokeOptions?: InvokeOptions): Promise<OutputMap> {
    registry.seal();
    try {
      // A registered key is a valid one: only an unknown key needs parsing, for its message.
      const service = typeof key === 'string' ? registry.get(key) : undefined;
      if (!service) {
        const parsed = parseServiceKey(key);
        if (!parsed) return Promise.resolve(failure('INVALID_INPUT', `"${String(key).slice(0, 200)}" is not a Class:Method service key.`));
        return Promise.resolve(failure('NOT_FOUND', `Service ${parsed.key} was not found.`));
      }
      if (!isPlainObject(input)) return Promise.resolve(failure('INVALID_INPUT', 'Input must be a JSON object.'));
      const opts = checkOptions(invokeOptions);
      if (!service.validate(input)) {
        const issues = schemaIssues(service.validate.errors);
        return Promise.resolve(failure('INVALID_INPUT', describeIssues(issues), issues));
      }
      const org = orgs.current();
      if (org) return run(service, input, opts, org);
      return orgs.load().then(
        (loaded) => run(service, input, opts, loaded),
        (err: unknown) => outputForError(err, service.key),
      );
    } catch (err) {
      return Promise.resolve(outputForError(err, String(key)));
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
