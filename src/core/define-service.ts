import type { Logger } from './logger';
import type { Org } from './org';
import type { OutputMap } from './envelope';
import type { EmulatorConfig } from './config';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = Record<string, unknown>;

export interface InvokeOptions {
  /** Milliseconds before the invocation answers INVOKE-504 (default 30000, max 120000). */
  timeout?: number;
  [key: string]: unknown;
}

/** What a handler receives besides its input. Services see only `Org`. */
export interface ServiceContext {
  readonly org: Org;
  readonly options: Readonly<InvokeOptions>;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly config: Readonly<EmulatorConfig>;
}

export type HandlerResult = OutputMap | Record<string, unknown>;

export interface MethodDefinition<I = Record<string, unknown>> {
  description: string;
  /** JSON Schema of the input map; compiled once at registration. */
  input: JsonSchema;
  /** JSON Schema of the output map (documentation and OpenAPI). */
  output?: JsonSchema;
  /** Receives input that already passed `input`. Throw IpemuError for a known outcome. */
  handler(input: I, ctx: ServiceContext): Promise<HandlerResult> | HandlerResult;
}

export interface ServiceDefinition {
  readonly className: string;
  readonly methods: Readonly<Record<string, MethodDefinition>>;
}

export interface PluginDefinition {
  readonly name: string;
  readonly services: readonly ServiceDefinition[];
}

/** `defineService('InsPolicyService', { getPolicyAsyncJobStatus: { description, input, handler } })`. */
export function defineService(className: string, methods: Record<string, MethodDefinition>): ServiceDefinition {
  return Object.freeze({ className, methods: Object.freeze({ ...methods }) });
}

export function definePlugin(plugin: { name: string; services: ServiceDefinition[] }): PluginDefinition {
  return Object.freeze({ name: plugin.name, services: Object.freeze([...plugin.services]) });
}
