import type { Condition, ValueFunctionCondition, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { Binds } from '../../core/org';
import type { ObjectSchema, Schema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import { compileAccessor, resolvePath, ResolvedPath, splitPath, Accessor } from './paths';
import { compileLiteral, OperandSpec, resolveOperands, unescapeSoql, Resolved } from './operands';
import { compileLike, LikeMatcher } from './like';
import { compileMultiPicklistCondition, isMultiPicklistCondition } from './multi-picklist';
import { FieldKind, kindOf } from '../store/field-kinds';
import { invalidOperator, malformed, missingBind, unsupported } from './errors';
import type { Value } from '../store/values';
import type { Calendar } from './calendar';
import { compileFunctionCondition } from './date-condition';
import type { AccessCheck } from './access-checks';
import { checkSemiJoinPlacement, compileSemiJoin } from './semi-join';

/**
 * What a query's execution knows: bind values, the org's clock, time since the org started, and
 * the running user's calendar (time zone, week start, fiscal year) for relative dates and date
 * functions. The engine builds the calendar only when a query reads it.
 */
export interface ExecCtx {
  readonly binds: Binds;
  readonly now: number;
  readonly elapsed: number;
  readonly calendar: Calendar;
}

export type RowTest = (row: Row) => boolean;

export interface CompiledCondition {
  readonly path: ResolvedPath;
  readonly operator: string;
  readonly specs: readonly OperandSpec[];
  /** `IN (SELECT …)` / `NOT IN (SELECT …)` (semi-join.ts), with the access rules of its inner query. */
  readonly semiJoin?: boolean;
  readonly checks?: readonly AccessCheck[];
  prepare(ctx: ExecCtx): RowTest;
}

/** A boolean tree over conditions (WHERE's compiled ones; HAVING's in having.ts). */
export type Node<C = CompiledCondition> = { type: 'cond'; cond: C } | { type: 'not'; child: Node<C> } | { type: 'and' | 'or'; children: Node<C>[] };
export type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { cond: Condition };
export type { Node as WhereNode };

export interface CompiledWhere {
  readonly paths: readonly ResolvedPath[];
  /** Conditions every matching row satisfies (top-level AND): where an index may apply. */
  readonly conjuncts: readonly CompiledCondition[];
  /** Access rules beyond the paths (semi-joins' inner queries). */
  readonly checks?: readonly AccessCheck[];
  prepare(ctx: ExecCtx): RowTest;
}

function isCondition(left: unknown): left is Condition {
  return typeof left === 'object' && left !== null && ('field' in left || 'fn' in left);
}

/** The parser gives WHERE as a chain with paren counts; this turns it back into a token stream. */
export function flatten(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const left: unknown = node.left;
    const operator = 'operator' in node ? node.operator : undefined;
    if (!isCondition(left)) {
      const opens = (left as { openParen?: number } | null)?.openParen ?? 0;
      for (let i = 0; i < opens; i++) tokens.push('(');
      tokens.push('NOT');
    } else {
      const parens = left as { openParen?: number; closeParen?: number };
      for (let i = 0; i < (parens.openParen ?? 0); i++) tokens.push('(');
      tokens.push({ cond: left });
      for (let i = 0; i < (parens.closeParen ?? 0); i++) tokens.push(')');
      if (operator) tokens.push(operator);
    }
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

export function parseTokens<C>(tokens: Token[], compile: (cond: Condition) => C): Node<C> {
  let pos = 0;
  const unary = (): Node<C> => {
    const token = tokens[pos++];
    if (token === 'NOT') return { type: 'not', child: unary() };
    if (token === '(') {
      const inner = expr();
      if (tokens[pos++] !== ')') throw malformed('unexpected token in WHERE: missing )');
      return inner;
    }
    if (typeof token === 'object') return { type: 'cond', cond: compile(token.cond) };
    throw malformed(`unexpected token in WHERE: ${token ?? 'end of query'}`);
  };
  const expr = (): Node<C> => {
    const first = unary();
    let op: 'AND' | 'OR' | undefined;
    const children = [first];
    while (tokens[pos] === 'AND' || tokens[pos] === 'OR') {
      const next = tokens[pos++] as 'AND' | 'OR';
      // SOQL requires parentheses when AND and OR are mixed.
      if (op && op !== next) throw malformed(`unexpected token: '${next}' (use parentheses to mix AND and OR)`);
      op = next;
      // Salesforce refuses `a AND NOT b` / `a OR NOT (b)`: a NOT after AND/OR must be wrapped, `a AND (NOT b)`.
      if (tokens[pos] === 'NOT') throw malformed("unexpected token: 'NOT'");
      children.push(unary());
    }
    return op ? { type: op === 'AND' ? 'and' : 'or', children } : first;
  };
  const root = expr();
  if (pos !== tokens.length) throw malformed('unexpected token in WHERE');
  return root;
}

const norm = (kind: FieldKind) => (kind === 'string' ? (v: Value) => (typeof v === 'string' ? v.toLowerCase() : v) : (v: Value) => v);

function inRange(v: Value, r: { lo: string; hi: string }): boolean {
  return typeof v === 'string' && v >= r.lo && v < r.hi;
}

export function membership(get: Accessor, elapsed: number, kind: FieldKind, operands: Resolved[]): RowTest {
  const n = norm(kind);
  const values = new Set<Value>();
  const ranges: { lo: string; hi: string }[] = [];
  for (const op of operands)
    if (op.kind === 'eq') values.add(op.value);
    else ranges.push(op);
  const hasNull = values.has(null);
  if (ranges.length === 0 && values.size === 1 && !hasNull) {
    const only = values.values().next().value as Value;
    return (row) => n(get(row, elapsed)) === only;
  }
  return (row) => {
    const v = get(row, elapsed);
    if (v === null) return hasNull;
    return values.has(n(v)) || ranges.some((r) => inRange(v, r));
  };
}

export function ordering(get: Accessor, elapsed: number, kind: FieldKind, operator: string, op: Resolved): RowTest {
  const n = norm(kind);
  if (op.kind === 'range') {
    const bound = operator === '<' || operator === '>=' ? op.lo : op.hi;
    const below = operator === '<' || operator === '<=';
    return (row) => {
      const v = get(row, elapsed);
      return typeof v === 'string' && (below ? v < bound : v >= bound);
    };
  }
  const target = op.value;
  if (target === null) return () => false;
  const compare: Record<string, (a: Value, b: Value) => boolean> = {
    '<': (a, b) => a! < b!,
    '<=': (a, b) => a! <= b!,
    '>': (a, b) => a! > b!,
    '>=': (a, b) => a! >= b!,
  };
  const test = compare[operator]!; // the caller passes only <, <=, > and >=
  return (row) => {
    const v = get(row, elapsed);
    return v !== null && test(n(v), target);
  };
}

const KNOWN_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'IN', 'NOT IN', 'INCLUDES', 'EXCLUDES']);

function compileCondition(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, cond: Condition): CompiledCondition {
  if (!('field' in cond)) return compileFunctionCondition(schema, store, root, alias, cond as ValueFunctionCondition);
  // The parser's Condition type leaves out its ValueQueryCondition, which it does give.
  if ('valueQuery' in cond) return compileSemiJoin(schema, store, root, alias, cond as unknown as ValueQueryCondition);
  const written = cond.operator.toUpperCase();
  const operator = written === '<>' ? '!=' : written;
  const list = operator === 'IN' || operator === 'NOT IN';
  if (!KNOWN_OPERATORS.has(operator)) throw unsupported(`the operator ${written}`);
  const path = resolvePath(schema, root, splitPath(cond.field, root, alias));
  const field = path.field;
  const kind = kindOf(field);
  const get = compileAccessor(store, path);
  const rawValues = Array.isArray(cond.value) ? cond.value : [cond.value];
  const types = rawValues.map((_, i) => (Array.isArray(cond.literalType) ? cond.literalType[i] : cond.literalType) ?? 'STRING');
  if (isMultiPicklistCondition(operator, path)) return compileMultiPicklistCondition(path, get, operator, types, rawValues);
  const ns = (cond as { dateLiteralVariable?: number | number[] }).dateLiteralVariable;
  const nOf = (i: number) => (Array.isArray(ns) ? ns[i] : ns);
  if (operator === 'LIKE') {
    if (kind !== 'string') throw invalidOperator('LIKE', field.type);
    const [raw] = rawValues;
    const bind = types[0] === 'APEX_BIND_VARIABLE' ? raw : undefined;
    if (raw === undefined || (!bind && types[0] !== 'STRING')) throw malformed('LIKE needs a string pattern');
    const fixed = bind ? undefined : compileLike(unescapeSoql(raw, true));
    return {
      path,
      operator,
      specs: [],
      prepare: (ctx) => {
        let like: LikeMatcher | undefined = fixed;
        if (!like) {
          if (!Object.prototype.hasOwnProperty.call(ctx.binds, bind!)) throw missingBind(bind!);
          const pattern = ctx.binds[bind!];
          if (typeof pattern !== 'string') throw malformed(`Bind variable :${bind} must be a string for LIKE`);
          like = compileLike(pattern);
        }
        const matches = like;
        return (row) => {
          const v = get(row, ctx.elapsed);
          return typeof v === 'string' && matches(v);
        };
      },
    };
  }
  if (kind === 'boolean' && operator !== '=' && operator !== '!=') throw invalidOperator(operator, 'boolean');
  // The literal null compares only with = and != (and in IN lists); a bind holding null stays allowed, as in Apex.
  if (!list && operator !== '=' && operator !== '!=' && types.includes('NULL')) throw malformed("unexpected token: 'null'");
  const specs = rawValues.map((raw, i) => compileLiteral(field, types[i]!, raw, nOf(i)));
  const hasDateLiteral = specs.some((spec) => spec.kind === 'dateLiteral');
  return {
    path,
    operator,
    specs,
    prepare: (ctx) => {
      const operands = resolveOperands(field, specs, ctx.binds, ctx.now, list, hasDateLiteral ? ctx.calendar : undefined);
      if (list || operator === '=' || operator === '!=') {
        const test = membership(get, ctx.elapsed, kind, operands);
        return operator === '!=' || operator === 'NOT IN' ? (row) => !test(row) : test;
      }
      return ordering(get, ctx.elapsed, kind, operator, operands[0]!);
    },
  };
}

function prepareNode(node: Node, ctx: ExecCtx): RowTest {
  switch (node.type) {
    case 'cond':
      return node.cond.prepare(ctx);
    case 'not': {
      const child = prepareNode(node.child, ctx);
      return (row) => !child(row);
    }
    case 'and': {
      const tests = node.children.map((child) => prepareNode(child, ctx));
      return (row) => tests.every((test) => test(row));
    }
    default: {
      const tests = node.children.map((child) => prepareNode(child, ctx));
      return (row) => tests.some((test) => test(row));
    }
  }
}

export function compileWhere(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, where: WhereClause): CompiledWhere {
  const conditions: CompiledCondition[] = [];
  const tree = parseTokens(flatten(where), (cond) => {
    const compiled = compileCondition(schema, store, root, alias, cond);
    conditions.push(compiled);
    return compiled;
  });
  const conjuncts = tree.type === 'cond' ? [tree.cond] : tree.type === 'and' ? tree.children.flatMap((c) => (c.type === 'cond' ? [c.cond] : [])) : [];
  const checks = conditions.flatMap((c) => c.checks ?? []);
  if (checks.length > 0) checkSemiJoinPlacement(tree);
  return { paths: conditions.map((c) => c.path), conjuncts, checks, prepare: (ctx) => prepareNode(tree, ctx) };
}
