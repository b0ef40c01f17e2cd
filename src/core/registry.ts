import type { ValidateFunction } from 'ajv/dist/2020';
import { IpemuError } from './errors';
import { serviceKey } from './service-key';
import { createAjv, compileSchema } from './validation';
import type { JsonSchema, MethodDefinition, PluginDefinition, ServiceDefinition } from './define-service';

/** What `emu.services()` lists (DESIGN.md §4): the public shape, also `ipemu services --json`. */
export interface ServiceInfo {
  key: string;
  description: string;
  inputSchema: JsonSchema;
}

/** What a transport may know of a service (OpenAPI, listings): its declaration, never its handler. */
export interface ServiceDescription extends Readonly<ServiceInfo> {
  readonly className: string;
  readonly methodName: string;
  readonly outputSchema?: JsonSchema;
}

export interface RegisteredService extends ServiceDescription {
  readonly validate: ValidateFunction;
  /** The input schema's top-level properties: the parameters a caller may also pass as options. */
  readonly parameters: readonly string[];
  readonly handler: MethodDefinition['handler'];
}

function parametersOf(schema: JsonSchema): readonly string[] {
  const properties = schema.properties;
  return Object.freeze(properties && typeof properties === 'object' && !Array.isArray(properties) ? Object.keys(properties) : []);
}

/** `Class:Method` → compiled service. Duplicates fail at registration; sealed before first invoke. */
export class Registry {
  private readonly services = new Map<string, RegisteredService>();
  private readonly ajv = createAjv();
  private sealed = false;

  register(service: ServiceDefinition, origin = 'built-in'): void {
    if (this.sealed) throw new IpemuError('INTERNAL', `The registry is sealed: cannot register ${service.className} from ${origin} after the first invoke.`);
    for (const [methodName, method] of Object.entries(service.methods)) {
      const key = serviceKey(service.className, methodName);
      if (this.services.has(key)) throw new IpemuError('INTERNAL', `Service ${key} is registered twice (${origin}).`);
      if (typeof method.handler !== 'function') throw new IpemuError('INTERNAL', `Service ${key} has no handler (${origin}).`);
      let validate: ValidateFunction;
      try {
        validate = compileSchema(this.ajv, method.input);
      } catch (err) {
        throw new IpemuError('INTERNAL', `Service ${key} (${origin}) has an invalid input schema: ${(err as Error).message}`);
      }
      this.services.set(key, {
        key,
        className: service.className,
        methodName,
        description: method.description,
        inputSchema: method.input,
        outputSchema: method.output,
        validate,
        parameters: parametersOf(method.input),
        handler: method.handler,
      });
    }
  }

  registerPlugin(plugin: PluginDefinition): void {
    if (!plugin || typeof plugin.name !== 'string' || !Array.isArray(plugin.services)) {
      throw new IpemuError('INTERNAL', 'A plugin must be definePlugin({ name, services }).');
    }
    for (const service of plugin.services as readonly ServiceDefinition[]) this.register(service, `plugin ${plugin.name}`);
  }

  seal(): void {
    this.sealed = true;
  }

  get(key: string): RegisteredService | undefined {
    return this.services.get(key);
  }

  info(): ServiceInfo[] {
    return [...this.services.values()].map((s) => ({ key: s.key, description: s.description, inputSchema: s.inputSchema }));
  }

  descriptions(): ServiceDescription[] {
    return [...this.services.values()].map(({ key, className, methodName, description, inputSchema, outputSchema }) =>
      Object.freeze({ key, className, methodName, description, inputSchema, ...(outputSchema ? { outputSchema } : {}) }),
    );
  }
}
