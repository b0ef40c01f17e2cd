/**
 * What the Data Mapper actions (Extract, Turbo Extract, Transform) share: the mapper named by
 * `bundle`, its input (the action's input with each of `dataRaptor Input Parameters` set on it),
 * and its errors: an unknown bundle is INVOKE-404 (it may live only in the org), an org error is
 * the org's refusal with Salesforce's errorCode (INVOKE-502), both the step's failure.
 */
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import type { ActionCall } from '../runner/action';
import { scopeOf } from '../runner/types';
import { compileValueOrPath, ScopeValue } from '../runner/value-or-path';
import type { CompileContext } from '../runner/compile-context';
import type { ElementSpec, PropertySchema } from './element-type';
import { ACTION_PROPERTIES } from './action-properties';
import { list, str } from './properties';

/** The space in the name is how exports spell it. */
export const INPUT_PARAMETERS = 'dataRaptor Input Parameters';

export const DATA_MAPPER_PROPERTIES: PropertySchema = { ...ACTION_PROPERTIES, bundle: str(), [INPUT_PARAMETERS]: list() };

interface InputParameter {
  readonly name: string;
  readonly value: ScopeValue;
}

function compileParameters(spec: ElementSpec, cc: CompileContext): InputParameter[] {
  const raw = spec.props[INPUT_PARAMETERS];
  const params: InputParameter[] = [];
  (Array.isArray(raw) ? raw : []).forEach((entry, i) => {
    const property = `${INPUT_PARAMETERS}[${i}]`;
    if (!isPlainObject(entry) || typeof entry.inputParam !== 'string' || entry.inputParam === '') {
      cc.problem(spec.def.name, property, 'must be { "element": <path or value>, "inputParam": <name> }');
      return;
    }
    params.push({ name: entry.inputParam, value: compileValueOrPath(cc, spec.def.name, `${property}.element`, entry.element) });
  });
  return params;
}

export function compileDataMapperCall(spec: ElementSpec, cc: CompileContext): ActionCall {
  const { name } = spec.def;
  const bundle = typeof spec.props.bundle === 'string' ? spec.props.bundle.trim() : '';
  if (bundle === '') cc.problem(name, 'bundle', 'a Data Mapper action needs a bundle (the Data Mapper it runs)');
  const params = compileParameters(spec, cc);
  return async (input, frame, ctx) => {
    const mapper = cc.library.dataMappers.get(bundle);
    if (mapper === undefined) throw new IpemuError('NOT_FOUND', `Data Mapper ${bundle} was not found.`, { bundle });
    let given = input();
    if (params.length > 0) {
      const scope = scopeOf(frame, ctx);
      const withParams: Record<string, unknown> = isPlainObject(given) ? { ...given } : {};
      for (const param of params) withParams[param.name] = param.value(scope);
      given = withParams;
    }
    const value = await mapper.run(given, { org: ctx.host.org, vlocity: ctx.vlocity, signal: ctx.host.signal });
    return { value };
  };
}
