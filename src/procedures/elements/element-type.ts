/**
 * One element type is one declaration: the stored type strings (and label spellings) it answers
 * to, its properties with their kind and default, and a compile function that turns one element
 * into the closure a run calls. The table (index.ts) gathers them, keyed by the stored type string.
 */
import type { ElementDefinition, JsonValue } from '../model';
import type { CompileContext } from '../runner/compile-context';
import type { ElementOutcome, Frame, RunContext } from '../runner/types';

export type PropertyKind = 'string' | 'boolean' | 'number' | 'object' | 'list' | 'json';

export interface PropertySpec {
  readonly kind: PropertyKind;
  readonly default: JsonValue;
}

export type PropertySchema = Readonly<Record<string, PropertySpec>>;

/** An element's properties after the schema: every declared one present, of its kind. */
export type ElementProps = Readonly<Record<string, JsonValue>>;

export interface ElementSpec {
  readonly def: ElementDefinition;
  readonly props: ElementProps;
}

export type ElementRun = (frame: Frame, ctx: RunContext) => ElementOutcome | Promise<ElementOutcome>;

export interface ElementType {
  /** The stored type string first, then the other spellings exports and the designer use. */
  readonly types: readonly string[];
  readonly properties: PropertySchema;
  compile(spec: ElementSpec, cc: CompileContext): ElementRun;
}

export function defineElementType(type: ElementType): ElementType {
  return Object.freeze(type);
}
