import type { FunctionExp, ValueFunctionCondition } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import { Accessor, compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import { compileLiteral, resolveOperands } from './operands';
import { DATE_FUNCTIONS, dateFunctionOf, dateFunctionResultKind } from './date-functions';
import { filterTypeMismatch, invalidOperator, malformed, unsupported } from './errors';
import { CompiledCondition, membership, ordering } from './where';

/** The function a date function reads its field through, when the query wrapped it. */
const CONVERT_TIMEZONE = 'CONVERTTIMEZONE';

/** The field inside a date function, and whether convertTimezone() wraps it. */
export function argumentOf(fn: FunctionExp): { field: string; convert: boolean } {
  const params = fn.parameters ?? [];
  const only = params[0];
  if (params.length !== 1 || only === undefined) throw malformed(`${fn.functionName ?? ''} takes one field`);
  if (typeof only === 'string') return { field: only, convert: false };
  const inner = only.parameters ?? [];
  if (only.functionName?.toUpperCase() !== CONVERT_TIMEZONE || inner.length !== 1 || typeof inner[0] !== 'string') {
    throw unsupported(`${only.functionName ?? 'a function'}() inside ${fn.functionName ?? ''}()`);
  }
  return { field: inner[0], convert: true };
}

/** A stand-in field of the function's result type: the literals and binds it is compared with are compiled against it. */
export function resultField(name: string, kind: 'date' | 'number'): FieldSchema {
  return {
    name,
    type: kind === 'date' ? 'date' : 'int',
    label: name,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    polymorphic: false,
    picklistValues: undefined,
    length: 0,
    nillable: true,
    idLookup: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: false,
  };
}

/** The literal types a function's result compares with (the reference: not a date literal). */
const ACCEPTED: Readonly<Record<'date' | 'number', ReadonlySet<string>>> = {
  number: new Set(['INTEGER', 'NULL', 'APEX_BIND_VARIABLE']),
  date: new Set(['DATE', 'NULL', 'APEX_BIND_VARIABLE']),
};

const OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN']);

/**
 * A WHERE condition on a date function (`CALENDAR_YEAR(CreatedDate) = 2024`,
 * `DAY_ONLY(convertTimezone(CreatedDate)) = 2024-01-05`). No index answers it: the function's
 * value is computed per row.
 */
export function compileFunctionCondition(
  schema: Schema,
  store: Store,
  root: ObjectSchema,
  alias: string | undefined,
  cond: ValueFunctionCondition,
): CompiledCondition {
  const name = (cond.fn.functionName ?? '').toUpperCase();
  if (!DATE_FUNCTIONS.has(name)) throw unsupported('functions in WHERE');
  const { field: written, convert } = argumentOf(cond.fn);
  const path: ResolvedPath = resolvePath(schema, root, splitPath(written, root, alias));
  const fn = dateFunctionOf(name, path.field, convert);
  const resultKind = dateFunctionResultKind(name);
  const raw = cond.fn.rawValue ?? `${name}(${written})`;
  const typeName = resultKind === 'date' ? 'date' : 'integer';
  const writtenOp = cond.operator.toUpperCase();
  const operator = writtenOp === '<>' ? '!=' : writtenOp;
  if (!OPERATORS.has(operator)) throw invalidOperator(writtenOp, typeName);
  const list = operator === 'IN' || operator === 'NOT IN';
  const rawValues = Array.isArray(cond.value) ? cond.value : [cond.value];
  const types = rawValues.map((_, i) => (Array.isArray(cond.literalType) ? cond.literalType[i] : cond.literalType) ?? 'STRING');
  if (!list && operator !== '=' && operator !== '!=' && types.includes('NULL')) throw malformed("unexpected token: 'null'");
  const result = resultField(raw, resultKind);
  const specs = rawValues.map((value, i) => {
    const type = types[i]!;
    // (ipemu) The reference refuses a date literal here; Salesforce's wording is not documented.
    if (!ACCEPTED[resultKind].has(type)) throw filterTypeMismatch(raw, typeName, false);
    return compileLiteral(result, type, value);
  });
  const base = compileAccessor(store, path);
  return {
    path,
    operator,
    // No operand specs: the plan's index choice must not look a function's value up in the field's index.
    specs: [],
    prepare: (ctx) => {
      const cal = ctx.calendar;
      const get: Accessor = (row, elapsed) => fn(base(row, elapsed), cal);
      const operands = resolveOperands(result, specs, ctx.binds, ctx.now, list);
      if (list || operator === '=' || operator === '!=') {
        const test = membership(get, ctx.elapsed, 'number', operands);
        return operator === '!=' || operator === 'NOT IN' ? (row) => !test(row) : test;
      }
      return ordering(get, ctx.elapsed, 'number', operator, operands[0]!);
    },
  };
}
