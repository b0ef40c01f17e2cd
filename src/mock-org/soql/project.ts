import type { SObjectRecord } from '../../core/org';
import type { Store, Row } from '../store/store';
import { valuesAt } from '../store/store';
import { parentOf } from './paths';
import { polymorphicParent } from './polymorphic';
import type { Column, ValueReader } from './select';
import { DEFAULT_VIEWER, type Viewer } from './viewer';
import type { RowValues } from '../store/values';

/**
 * Builds the record a query returns for one row: attributes, then the selected fields in SELECT
 * order. `urlBase` (`/services/data/vXX.X/sobjects/`) is the version the request asked for: given
 * per call rather than compiled in, so one plan serves every version at the same cost.
 */
export type Projector = (row: Row, elapsed: number, urlBase: string) => SObjectRecord;

/** A nested value of a record: a parent's record, a computed value, or a child subquery's collection (or null). */
export type Nested = ValueReader;

const NO_CHILDREN: readonly Nested[] = [];

type Builder = (
  attributes: SObjectRecord['attributes'],
  values: RowValues,
  parents: readonly ValueReader[],
  row: Row,
  elapsed: number,
  urlBase: string,
) => SObjectRecord;

/**
 * One record literal per column list, compiled once per query plan as ajv compiles a schema. A
 * record filled field by field from a list of names goes through a dictionary-like path in V8 and
 * cost 0.9 µs for five fields; the literal has one shape and costs a third of that. The names are
 * schema API names (`^[A-Za-z][A-Za-z0-9_]*$`, checked when the schema is built) and are written
 * as JSON string literals besides, so no text reaches the code but a quoted identifier.
 */
function compileBuilder(columns: readonly Column[]): Builder {
  let parentIndex = 0;
  const entries = columns.map((column) => {
    const key = JSON.stringify(column.name);
    if (column.kind === 'field') return `${key}: values[${key}] ?? null`;
    return `${key}: parents[${parentIndex++}](row, elapsed, urlBase)`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('attributes', 'values', 'parents', 'row', 'elapsed', 'urlBase', `return { attributes: attributes, ${entries.join(', ')} };`) as Builder;
}

/** The projector for rows of one object with these columns; parent columns nest the parent's record (or null), as the REST API does. */
export function compileProjector(store: Store, columns: readonly Column[], viewer: Viewer = DEFAULT_VIEWER): Projector {
  return bindProjector(store, columns, viewer)(NO_CHILDREN);
}

/**
 * The projector of columns with child subqueries, compiled once: each execution hands in its
 * child collections (prepared with its binds), one per children column in column order.
 */
export function bindProjector(store: Store, columns: readonly Column[], viewer: Viewer = DEFAULT_VIEWER): (children: readonly Nested[]) => Projector {
  const build = compileBuilder(columns);
  const parents = compileParents(store, columns, viewer);
  const slots: number[] = [];
  columns.filter((c) => c.kind !== 'field').forEach((c, i) => c.kind === 'children' && slots.push(i));
  return (children) => {
    let nested = parents;
    if (slots.length > 0) {
      nested = [...parents];
      slots.forEach((slot, j) => (nested[slot] = children[j] ?? (() => null)));
    }
    return (row, elapsed, urlBase) => {
      const type = row.object.name;
      return build({ type, url: `${urlBase}${type}/${row.id}` }, valuesAt(row, elapsed), nested, row, elapsed, urlBase);
    };
  };
}

/** One reader per non-field column, in column order (the builder's `parents[i]`); a children column's slot is bound per execution. */
function compileParents(store: Store, columns: readonly Column[], viewer: Viewer): ValueReader[] {
  const parents: ValueReader[] = [];
  for (const column of columns) {
    if (column.kind === 'children') {
      parents.push(() => null);
      continue;
    }
    if (column.kind === 'field') continue;
    if (column.kind === 'computed') {
      parents.push(column.compile(store, viewer));
      continue;
    }
    const hop = column.hop;
    if (hop.polymorphic) {
      parents.push(compileNameProjector(store, hop.field.name, column.columns, viewer));
      continue;
    }
    const target = store.parentTable(hop.owner, hop.field.name, hop.target);
    const child = compileProjector(store, column.columns, viewer);
    parents.push((row, elapsed, urlBase) => {
      const parent = parentOf(target, row, hop, elapsed);
      return parent ? child(parent, elapsed, urlBase) : null;
    });
  }
  return parents;
}

/**
 * The nested record of a polymorphic relationship: attributes type `Name` with the record's own
 * url, as Salesforce answers, and `Type` the record's object name rather than any field of its own.
 */
function compileNameProjector(store: Store, field: string, columns: readonly Column[], viewer: Viewer): Projector {
  const build = compileBuilder(columns);
  const parents = compileParents(store, columns, viewer);
  const needsType = columns.some((c) => c.kind === 'field' && c.name === 'Type');
  return (row, elapsed, urlBase) => {
    const parent = polymorphicParent(store, row, field, elapsed);
    if (!parent) return null as unknown as SObjectRecord;
    const own = valuesAt(parent, elapsed);
    const values = needsType ? { ...own, Type: parent.object.name } : own;
    return build({ type: 'Name', url: `${urlBase}${parent.object.name}/${parent.id}` }, values, parents, parent, elapsed, urlBase);
  };
}
