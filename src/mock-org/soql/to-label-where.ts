import type { Condition } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema, Schema } from '../schema/schema';
import { malformed, unsupported } from './errors';
import { unescapeSoql } from './operands';
import { resolvePath, splitPath } from './paths';

/*
 * `WHERE toLabel(Status) = 'Closed Won'`: Salesforce compares with the value's label (its
 * translation; the master value where there is none). The mock org has no translations, so a
 * picklist without picklistLabels compares as the field itself; with labels, each label written
 * becomes the values it labels, and the condition is compiled as one on the field.
 */

type FnCondition = Extract<Condition, { fn: unknown }>;

export function isToLabelCondition(cond: Condition): cond is FnCondition {
  return 'fn' in cond && cond.fn.functionName?.toLowerCase() === 'tolabel';
}

const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const LABEL_OPERATORS = new Set(['=', '!=', '<>', 'IN', 'NOT IN']);

/** The same condition on the field itself, its label operands turned into values. */
export function toLabelAsFieldCondition(schema: Schema, root: ObjectSchema, alias: string | undefined, cond: FnCondition): Condition {
  const [param, ...rest] = cond.fn.parameters ?? [];
  if (typeof param !== 'string' || rest.length > 0) throw malformed('toLabel() takes one field');
  const plain = { ...cond, field: param } as Condition & { fn?: unknown };
  delete plain.fn;
  const field = resolvePath(schema, root, splitPath(param, root, alias)).field;
  if (field.type !== 'picklist' && field.type !== 'multipicklist') throw unsupported(`toLabel() on a ${field.type} field`);
  const labels = field.picklistLabels;
  if (!labels || Object.keys(labels).length === 0) return plain;
  const operator = cond.operator.toUpperCase();
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  const types = values.map((_, i) => (Array.isArray(cond.literalType) ? cond.literalType[i] : cond.literalType));
  if (field.type === 'multipicklist' || !LABEL_OPERATORS.has(operator) || types.some((t) => t !== 'STRING')) {
    throw unsupported('toLabel() in WHERE on a picklist with labels, other than = / != / IN / NOT IN with quoted labels');
  }
  const byLabel = new Map<string, string[]>();
  for (const value of field.picklistValues ?? Object.keys(labels)) {
    const label = (Object.prototype.hasOwnProperty.call(labels, value) ? labels[value]! : value).toLowerCase();
    byLabel.set(label, [...(byLabel.get(label) ?? []), value]);
  }
  // A text that is no label compares with the values, as Salesforce falls back to master values.
  const mapped = values.flatMap((raw) => byLabel.get(unescapeSoql(raw).toLowerCase()) ?? [unescapeSoql(raw)]).map(quote);
  const negated = operator === '!=' || operator === '<>' || operator === 'NOT IN';
  return { ...plain, operator: negated ? 'NOT IN' : 'IN', value: mapped, literalType: mapped.map(() => 'STRING') };
}
