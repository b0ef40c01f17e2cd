import type { FieldFunctionExpression } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import { valuesAt } from '../store/store';
import { splitMultiPicklist } from '../store/multi-picklist-values';
import { duplicateField, malformed, unsupported } from './errors';
import { FORMATTABLE, formatterFor } from './format-value';
import { compileAccessor, resolvePath, splitPath, type ResolvedPath } from './paths';
import { compileProjector, type Projector } from './project';
import { addPath, type Column, type ValueReader } from './select';
import { viewerKey, type Viewer } from './viewer';

/*
 * toLabel(), FORMAT() and convertCurrency() in SELECT. The answer's key is the alias, else the
 * field's name (nested under its relationship, as the field itself would be); selecting the same
 * field twice needs an alias, as Salesforce documents.
 */

const VALUE_FUNCTIONS = new Set(['tolabel', 'format', 'convertcurrency']);

export function isValueFunction(item: FieldFunctionExpression): boolean {
  return VALUE_FUNCTIONS.has(item.functionName.toLowerCase());
}

/** The picklist value's label: the fixture's picklistLabels, else the value itself (no translations). */
function labeller(field: FieldSchema): (value: unknown) => unknown {
  const labels = field.picklistLabels;
  if (!labels) return (value) => value;
  const label = (value: string) => (Object.prototype.hasOwnProperty.call(labels, value) ? labels[value]! : value);
  if (field.type === 'multipicklist') return (value) => (typeof value === 'string' ? splitMultiPicklist(value).map(label).join(';') : value);
  return (value) => (typeof value === 'string' ? label(value) : value);
}

type Transform = (viewer: Viewer) => (value: unknown) => unknown;

function transformOf(name: string, field: FieldSchema): Transform {
  if (name === 'tolabel') {
    if (field.type !== 'picklist' && field.type !== 'multipicklist') throw unsupported(`toLabel() on a ${field.type} field`);
    const label = labeller(field);
    return () => label;
  }
  if (!FORMATTABLE.has(field.type)) throw unsupported(`FORMAT() on a ${field.type} field`);
  return (viewer) => formatterFor(field.type, viewer);
}

// Salesforce documents convertCurrency() for multi-currency orgs; the mock org has one currency.
const convertCurrencyRefused = () => unsupported('convertCurrency() (the mock org is a single-currency org)');

function argumentOf(item: FieldFunctionExpression): string {
  const [param, ...rest] = item.parameters;
  if (param === undefined || rest.length > 0) throw malformed(`${item.functionName}() takes one field`);
  if (typeof param === 'string') return param;
  if (param.functionName.toLowerCase() === 'convertcurrency') throw convertCurrencyRefused();
  throw unsupported(`${item.functionName}() of ${param.functionName}()`);
}

/** Replaces the leaf column `path` put under its relationships with a computed one. */
function swapLeaf(columns: Column[], path: ResolvedPath, compile: (store: Store, viewer: Viewer) => ValueReader): void {
  let level = columns;
  for (const hop of path.hops) {
    const parent = level.find((c): c is Extract<Column, { kind: 'parent' }> => c.kind === 'parent' && c.name === hop.field.relationshipName);
    level = parent!.columns; // addPath has just made it
  }
  const at = level.findIndex((c) => c.kind === 'field' && c.name === path.field.name);
  level[at] = { kind: 'computed', name: path.field.name, compile };
}

/**
 * Compiles one toLabel()/FORMAT()/convertCurrency() item onto `columns`; pushes the path it reads
 * onto `paths` (field-level security) and answers whether the column depends on the viewer.
 */
export function compileValueFunction(
  schema: Schema,
  root: ObjectSchema,
  alias: string | undefined,
  item: FieldFunctionExpression,
  columns: Column[],
  seen: Set<string>,
  paths: ResolvedPath[],
): boolean {
  const name = item.functionName.toLowerCase();
  if (name === 'convertcurrency') throw convertCurrencyRefused();
  const path = resolvePath(schema, root, splitPath(argumentOf(item), root, alias));
  const transform = transformOf(name, path.field);
  paths.push(path);
  const canonical = [...path.hops.map((hop) => hop.field.relationshipName!), path.field.name].join('.');
  const key = item.alias ?? canonical;
  if (seen.has(key.toLowerCase())) throw duplicateField(key);
  seen.add(key.toLowerCase());
  if (item.alias || path.hops.length === 0) {
    const field = path.field.name;
    const direct = path.hops.length === 0;
    columns.push({
      kind: 'computed',
      name: item.alias ?? field,
      compile: (store, viewer) => {
        const apply = transform(viewer);
        const get = direct ? undefined : compileAccessor(store, path);
        return get ? (row, elapsed) => apply(get(row, elapsed)) : (row, elapsed) => apply(valuesAt(row, elapsed)[field] ?? null);
      },
    });
    return name === 'format';
  }
  if (path.hops[path.hops.length - 1]!.polymorphic) throw unsupported(`${item.functionName}() through a polymorphic relationship without an alias`);
  addPath(columns, path);
  const field = path.field.name;
  swapLeaf(columns, path, (_store, viewer) => {
    const apply = transform(viewer);
    return (row, elapsed) => apply(valuesAt(row, elapsed)[field] ?? null);
  });
  return name === 'format';
}

/** A plan's projector per viewer (locale and zone), compiled on first use. */
export function projectorsPerViewer(store: Store, columns: readonly Column[]): (viewer: Viewer) => Projector {
  const compiled = new Map<string, Projector>();
  return (viewer) => {
    const key = viewerKey(viewer);
    let project = compiled.get(key);
    if (!project) compiled.set(key, (project = compileProjector(store, columns, viewer)));
    return project;
  };
}
