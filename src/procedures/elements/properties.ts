/**
 * Reading an element's property set against its type's schema: defaults fill what is absent or
 * empty, a value of the wrong kind is a problem naming the element and the property (and the
 * default is used), booleans and numbers exported as strings ("true", "5000") are read as such.
 */
import { isPlainObject } from '../../core/plain-object';
import type { ElementDefinition, JsonValue } from '../model';
import type { CompileContext } from '../runner/compile-context';
import type { ElementProps, PropertyKind, PropertySchema, PropertySpec } from './element-type';

function coerce(kind: PropertyKind, value: JsonValue): JsonValue | undefined {
  switch (kind) {
    case 'json':
      return value;
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return undefined;
    case 'object':
      return isPlainObject(value) ? value : undefined;
    case 'list':
      return Array.isArray(value) ? value : undefined;
  }
}

const KIND_NAMES: Readonly<Record<PropertyKind, string>> = {
  json: 'a JSON value',
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  object: 'an object',
  list: 'a list',
};

function read(def: ElementDefinition, name: string, spec: PropertySpec, cc: CompileContext): JsonValue {
  const value = def.props[name];
  // Exports write an unset property as "" or null whatever its kind.
  if (value === undefined || value === null || (value === '' && spec.kind !== 'string')) return spec.default;
  const read = coerce(spec.kind, value);
  if (read !== undefined) return read;
  cc.problem(def.name, name, `must be ${KIND_NAMES[spec.kind]}`);
  return spec.default;
}

export function readProperties(def: ElementDefinition, schema: PropertySchema, cc: CompileContext): ElementProps {
  const props: Record<string, JsonValue> = {};
  for (const [name, spec] of Object.entries(schema)) props[name] = read(def, name, spec, cc);
  return props;
}

export const str = (value = ''): PropertySpec => ({ kind: 'string', default: value });
export const bool = (value: boolean): PropertySpec => ({ kind: 'boolean', default: value });
export const num = (value: number | null): PropertySpec => ({ kind: 'number', default: value });
export const obj = (): PropertySpec => ({ kind: 'object', default: {} });
export const list = (): PropertySpec => ({ kind: 'list', default: [] });
export const json = (value: JsonValue = null): PropertySpec => ({ kind: 'json', default: value });
