import type { Condition, HavingClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { Binds } from '../../core/org';
import type { Value } from '../store/values';
import type { GroupOperand, GroupResult, GroupScope } from './aggregate-plan';
import { compileLiteral, resolveOperands, Resolved, unescapeSoql } from './operands';
import { compileLike } from './like';
import { flatten, Node, parseTokens } from './where';
import { invalidOperator, malformed, unsupported } from './errors';

/** What HAVING needs at execution: the binds and the org's clock (relative date literals). */
export interface HavingCtx {
  readonly binds: Binds;
  readonly now: number;
}

export type GroupTest = (group: GroupResult) => boolean;
export type HavingTest = (ctx: HavingCtx) => GroupTest;

const lower = (value: Value): Value => (typeof value === 'string' ? value.toLowerCase() : value);

function matches(value: Value, op: Resolved): boolean {
  if (op.kind === 'eq') return lower(value) === op.value;
  return typeof value === 'string' && value >= op.lo && value < op.hi;
}

function ordered(value: Value, operator: string, op: Resolved): boolean {
  if (value === null) return false;
  if (op.kind === 'range') {
    if (typeof value !== 'string') return false;
    return operator === '<' ? value < op.lo : operator === '>=' ? value >= op.lo : operator === '<=' ? value < op.hi : value >= op.hi;
  }
  const target = op.value;
  if (target === null) return false;
  const v = lower(value)!;
  return operator === '<' ? v < target : operator === '<=' ? v <= target : operator === '>' ? v > target : v >= target;
}

const OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'LIKE']);

function compileCondition(scope: GroupScope, cond: Condition): HavingTest {
  if ('valueQuery' in cond) throw unsupported('subqueries in HAVING');
  if (!('operator' in cond)) throw malformed("unexpected token: 'NOT'");
  if (cond.literalType === 'SUBQUERY') throw unsupported('subqueries in HAVING');
  const operand: GroupOperand =
    'fn' in cond ? scope.fn(cond.fn.functionName ?? '', cond.fn.parameters ?? [], cond.fn.rawValue ?? cond.fn.functionName ?? '') : scope.field(cond.field);
  const written = cond.operator.toUpperCase();
  const operator = written === '<>' ? '!=' : written;
  if (!OPERATORS.has(operator)) throw unsupported(`the operator ${written} in HAVING`);
  const get = operand.get;
  const rawValues: string[] = Array.isArray(cond.value) ? cond.value : [cond.value];
  const types = rawValues.map((_: string, i: number) => (Array.isArray(cond.literalType) ? cond.literalType[i] : cond.literalType) ?? 'STRING');
  if (operator === 'LIKE') {
    if (operand.field.type === 'double' || types[0] !== 'STRING') throw invalidOperator('LIKE', operand.field.type);
    const like = compileLike(unescapeSoql(rawValues[0]!, true));
    return () => (g) => {
      const v = get(g);
      return typeof v === 'string' && like(v);
    };
  }
  if (operator !== '=' && operator !== '!=' && !operator.includes('IN') && types.includes('NULL')) throw malformed("unexpected token: 'null'");
  const list = operator === 'IN' || operator === 'NOT IN';
  const specs = rawValues.map((raw: string, i: number) => compileLiteral(operand.field, types[i]!, raw, undefined));
  return (ctx) => {
    const operands = resolveOperands(operand.field, specs, ctx.binds, ctx.now, list);
    if (list || operator === '=' || operator === '!=') {
      const negate = operator === '!=' || operator === 'NOT IN';
      return (g) => {
        const v = get(g);
        const found = v === null ? operands.some((op) => op.kind === 'eq' && op.value === null) : operands.some((op) => matches(v, op));
        return negate ? !found : found;
      };
    }
    const op = operands[0]!;
    return (g) => ordered(get(g), operator, op);
  };
}

function prepare(node: Node<HavingTest>, ctx: HavingCtx): GroupTest {
  switch (node.type) {
    case 'cond':
      return node.cond(ctx);
    case 'not': {
      const child = prepare(node.child, ctx);
      return (g) => !child(g);
    }
    case 'and': {
      const tests = node.children.map((child) => prepare(child, ctx));
      return (g) => tests.every((test) => test(g));
    }
    default: {
      const tests = node.children.map((child) => prepare(child, ctx));
      return (g) => tests.some((test) => test(g));
    }
  }
}

/** HAVING as a test of finished groups: conditions on aggregates (selected or not), GROUPING and grouped fields. */
export function compileHaving(scope: GroupScope, having: HavingClause): HavingTest {
  const tree = parseTokens(flatten(having as WhereClause), (cond) => compileCondition(scope, cond));
  return (ctx) => prepare(tree, ctx);
}
