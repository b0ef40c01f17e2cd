/**
 * List Action (List Merge): the lists at `mergeListsOrder` (paths into the data JSON) joined in
 * that order. With `mergeFields`, items whose values of those fields are equal become one item,
 * later lists' fields over earlier ones (a null does not overwrite unless `allowMergeNulls`);
 * `preventIntraListMerge` keeps equal items of one list apart; `hasPrimary` keeps only items whose
 * key is in the primary list (`primaryListKey`, else the first). Then `filterListFormula` (over
 * each item) and `sortBy` (`sortInDescendingOrder`). `advancedMerge` answers INVOKE-501.
 */
import { isPlainObject } from '../../core/plain-object';
import type { CompiledPath } from '../paths';
import { compileAction } from '../runner/action';
import { FatalRunError } from '../runner/run-errors';
import { ACTION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { bool, list, str } from './properties';

type Item = Record<string, unknown>;

function itemsAt(path: CompiledPath, data: unknown): Item[] {
  const value = path.get(data);
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter(isPlainObject);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export const listAction = defineElementType({
  types: ['List Action', 'List Merge Action'],
  properties: {
    ...ACTION_PROPERTIES,
    mergeListsOrder: list(),
    mergeFields: list(),
    allowMergeNulls: bool(true),
    preventIntraListMerge: bool(false),
    hasPrimary: bool(false),
    primaryListKey: str(),
    filterListFormula: str(),
    sortBy: list(),
    sortInDescendingOrder: bool(false),
    advancedMerge: bool(false),
  },
  compile(spec, cc) {
    const { name, type } = spec.def;
    const p = spec.props;
    const pathList = (prop: string): CompiledPath[] =>
      (Array.isArray(p[prop]) ? (p[prop] as unknown[]) : []).flatMap((raw, i) => cc.path(name, `${prop}[${i}]`, raw) ?? []);
    const lists = pathList('mergeListsOrder');
    const keyFields = pathList('mergeFields');
    const sortFields = pathList('sortBy');
    const primaryPath = cc.path(name, 'primaryListKey', p.primaryListKey);
    const filter = cc.condition(name, 'filterListFormula', p.filterListFormula);
    const allowNulls = p.allowMergeNulls !== false;
    const intraApart = p.preventIntraListMerge === true;
    const descending = p.sortInDescendingOrder === true;
    const advanced = p.advancedMerge === true;

    return compileAction(spec, cc, (_input, frame, ctx) => {
      if (advanced) throw new FatalRunError('NOT_IMPLEMENTED', `Element ${name}: advancedMerge is not implemented by ipemu.`, { element: name, type });
      const keyOf = (item: Item): string => JSON.stringify(keyFields.map((f) => f.get(item) ?? null));
      const merged = new Map<string, Item>();
      const order: Item[] = [];
      lists.forEach((path) => {
        const seenInList = new Set<string>();
        for (const item of itemsAt(path, frame.data)) {
          if (keyFields.length === 0) {
            order.push({ ...item });
            continue;
          }
          const key = keyOf(item);
          const existing = merged.get(key);
          if (existing === undefined || (intraApart && seenInList.has(key))) {
            const fresh = { ...item };
            if (existing === undefined) merged.set(key, fresh);
            order.push(fresh);
          } else {
            for (const [field, value] of Object.entries(item)) if (allowNulls || (value !== null && value !== undefined)) existing[field] = value;
          }
          seenInList.add(key);
        }
      });
      let result = order;
      if (p.hasPrimary === true && keyFields.length > 0) {
        const primary = primaryPath ?? lists[0];
        const keys = new Set(primary ? itemsAt(primary, frame.data).map(keyOf) : []);
        result = result.filter((item) => keys.has(keyOf(item)));
      }
      if (filter) result = result.filter((item) => filter({ data: item, vlocity: ctx.vlocity }));
      if (sortFields.length > 0) {
        result = [...result].sort((a, b) => {
          for (const f of sortFields) {
            const c = compare(f.get(a), f.get(b));
            if (c !== 0) return descending ? -c : c;
          }
          return 0;
        });
      }
      return { value: result };
    });
  },
});
