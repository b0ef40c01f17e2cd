import type { FunctionExp } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import type { Value } from '../store/values';
import { Accessor, canonicalPath as canonical, compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import { Accumulator, accumulatorFactory, AGGREGATE_NAMES, AggregateName, checkAggregateType, comparableOf } from './aggregate-functions';
import { dateFunctionKey, GroupKey } from './group-by';
import { DATE_FUNCTIONS } from './date-functions';
import { argumentOf } from './date-condition';
import { groupedAggregated, mustBeGrouped, unsupported } from './errors';

/** A finished group: its key values (null where a subtotal rolls a key up), which keys are rolled up, and the aggregates' results. */
export interface GroupResult {
  readonly keys: readonly Value[];
  readonly rolledUp: readonly boolean[];
  readonly values: readonly Value[];
}

/** Reads one output value (a grouped field, an aggregate, GROUPING) of a finished group. */
export type GroupGetter = (group: GroupResult) => Value;

/** An aggregate computed per group: a selected one, or one only HAVING or ORDER BY names. */
export interface AggregateSpec {
  readonly name: AggregateName;
  readonly field: FieldSchema;
  readonly get: Accessor;
  /** Lower-case `count(id)`, `max(account.name)`: one spec per distinct expression. */
  readonly text: string;
  readonly make: () => Accumulator;
}

/** What an expression of SELECT, HAVING or ORDER BY reads from a group, and how its values compare. */
export interface GroupOperand {
  readonly get: GroupGetter;
  /** The field whose type a literal compared with it takes (a number for COUNT, SUM, AVG and GROUPING). */
  readonly field: FieldSchema;
  readonly comparable: (value: Value) => Value;
}

const identity = (value: Value): Value => value;

/** COUNT, COUNT_DISTINCT, SUM, AVG and GROUPING answer numbers, whatever they read. */
function numberField(field: FieldSchema, text: string): FieldSchema {
  return { ...field, name: text, type: 'double', picklistValues: undefined };
}

/** Resolves expressions against the GROUP BY keys, adding an aggregate spec per distinct aggregate expression. */
export class GroupScope {
  readonly specs: AggregateSpec[] = [];
  readonly paths: ResolvedPath[] = [];

  constructor(
    private readonly schema: Schema,
    private readonly store: Store,
    private readonly root: ObjectSchema,
    private readonly alias: string | undefined,
    readonly keys: readonly GroupKey[],
  ) {}

  path(text: string): ResolvedPath {
    const path = resolvePath(this.schema, this.root, splitPath(text, this.root, this.alias));
    this.paths.push(path);
    return path;
  }

  /** The GROUP BY key of this path (under a date function when named), or -1. */
  keyOf(path: ResolvedPath, dateFunction?: string): number {
    const text = canonical(path).toLowerCase();
    return this.keys.findIndex((key) => key.dateFunction === dateFunction && key.text === text);
  }

  /** A field read from a group: it must be one of the GROUP BY keys. */
  field(text: string, error: (field: string) => Error = mustBeGrouped): GroupOperand {
    const path = this.path(text);
    const index = this.keyOf(path);
    if (index < 0) throw error(text);
    return { get: (g) => g.keys[index]!, field: path.field, comparable: this.keys[index]!.comparable };
  }

  /** An aggregate function, GROUPING or a date function the keys group by. */
  fn(fn: FunctionExp, error: (field: string) => Error = mustBeGrouped): GroupOperand {
    const upper = (fn.functionName ?? '').toUpperCase();
    const raw = fn.rawValue ?? upper;
    if (DATE_FUNCTIONS.has(upper)) {
      const { field, convert } = argumentOf(fn);
      const index = this.keyOf(this.path(field), dateFunctionKey(upper, convert));
      if (index < 0) throw error(raw);
      return { get: (g) => g.keys[index]!, field: this.keys[index]!.field, comparable: identity };
    }
    const parameters = fn.parameters ?? [];
    const [param] = parameters;
    if (parameters.length !== 1 || typeof param !== 'string') throw unsupported(`the function ${raw}`);
    const path = this.path(param);
    if (upper === 'GROUPING') {
      const index = this.keyOf(path);
      if (index < 0) throw error(param);
      return { get: (g) => (g.rolledUp[index] ? 1 : 0), field: numberField(path.field, raw), comparable: identity };
    }
    if (!AGGREGATE_NAMES.has(upper)) throw unsupported(`the function ${raw}`);
    const aggregate = upper as AggregateName;
    const text = `${aggregate}(${canonical(path)})`.toLowerCase();
    if (this.keyOf(path) >= 0) throw groupedAggregated(param);
    checkAggregateType(aggregate, path.field, param);
    let index = this.specs.findIndex((spec) => spec.text === text);
    if (index < 0) {
      index = this.specs.length;
      this.specs.push({ name: aggregate, field: path.field, get: compileAccessor(this.store, path), text, make: accumulatorFactory(aggregate, path.field) });
    }
    const minMax = aggregate === 'MIN' || aggregate === 'MAX';
    const at = index;
    return {
      get: (g) => g.values[at]!,
      field: minMax ? path.field : numberField(path.field, raw),
      comparable: minMax ? comparableOf(path.field) : identity,
    };
  }
}
