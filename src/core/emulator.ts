import { ERROR_CODES, IpemuError, INTERNAL_ERROR_MESSAGE } from './errors';
import { failure, failureFromError, OutputMap } from './envelope';
import { parseServiceKey } from './service-key';
import { Registry, ServiceInfo, RegisteredService } from './registry';
import { describeIssues, schemaIssues } from './validation';
import { resolveConfig, EmulatorConfig } from './config';
import { silentLogger, Logger } from './logger';
import { orgErrorOutput } from './org-errors';
import { isOrgError, Org } from './org';
import { createCoalescingOrg } from '../orgs/coalescing/coalescing-org';
import type { InvokeOptions, PluginDefinition, ServiceContext } from './define-service';
import { builtInServices } from '../services';
import { Deadlines } from './deadlines';
import { isPlainObject } from './plain-object';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 120_000;

export interface EmulatorOptions {
  /** The org services read. Omitted: the embedded demo mock org (fixtures/demo), loaded on first use. */
  org?: Org;
  plugins?: readonly PluginDefinition[];
  config?: Partial<EmulatorConfig> | Record<string, unknown>;
  logger?: Logger;
}

export interface Emulator {
  /** Never rejects: every outcome is an INVOKE output map. */
  invoke(key: string, input: unknown, options?: InvokeOptions): Promise<OutputMap>;
  services(): ServiceInfo[];
  /** Registered services with their schemas (for OpenAPI and the CLI). */
  describeServices(): readonly RegisteredService[];
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
  return options as InvokeOptions;
}

function timeoutOutput(ms: number): OutputMap {
  return failure('TIMEOUT', `The invocation did not finish within ${ms} ms.`);
}

/**
 * A handler's context. The AbortSignal is made on first read: most invocations on the mock org
 * never need one, and an AbortController costs more than the rest of a jobId lookup.
 */
class InvocationContext implements ServiceContext {
  private controller?: AbortController;
  private expired = false;

  constructor(
    readonly org: Org,
    readonly options: InvokeOptions,
    readonly logger: Logger,
    readonly config: Readonly<EmulatorConfig>,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.expired) this.controller.abort(new IpemuError('TIMEOUT', 'timeout'));
    }
    return this.controller.signal;
  }

  expire(): void {
    this.expired = true;
    this.controller?.abort(new IpemuError('TIMEOUT', 'timeout'));
  }
}

function demoOrgLoader(): () => Promise<Org> {
  let pending: Promise<Org> | undefined;
  return () => {
    pending ??= import('../mock-org/mock-org').then(({ MockOrg, DEMO_FIXTURES }) => MockOrg.fromFixtures(DEMO_FIXTURES));
    return pending;
  };
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const registry = new Registry();
  for (const service of builtInServices) registry.register(service);
  for (const plugin of options.plugins ?? []) registry.registerPlugin(plugin);
  const config = resolveConfig(options.config ?? {});
  const logger = options.logger ?? silentLogger;
  const loadDemo = demoOrgLoader();
  const deadlines = new Deadlines();
  let org: Org | undefined = options.org ? createCoalescingOrg(options.org) : undefined;

  async function resolveOrg(): Promise<Org> {
    org ??= createCoalescingOrg(await loadDemo());
    return org;
  }

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
    const ctx = new InvocationContext(target, invokeOptions, logger, config);
    return new Promise<OutputMap>((resolve) => {
      const deadline = deadlines.add(timeout, () => {
        ctx.expire();
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
        answer = Promise.resolve(service.handler(input, ctx));
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
      if (org) return run(service, input, opts, org);
      return resolveOrg().then(
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
    describeServices: () => registry.list(),
    config,
    close: async () => {
      await org?.close?.();
    },
  };
}
