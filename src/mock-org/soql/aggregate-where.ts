import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { AGGREGATE_NAMES } from './aggregate-functions';
import { malformed } from './errors';

/**
 * Aggregates filter groups in HAVING, never rows in WHERE. (ipemu) The wording: Salesforce's own
 * was not found.
 */
export function rejectAggregatesInWhere(where: WhereClause): void {
  for (let node: WhereClause | undefined = where; node; node = 'right' in node ? node.right : undefined) {
    const left: unknown = node.left;
    if (typeof left !== 'object' || left === null || !('fn' in left)) continue;
    const fn = (left as { fn: { functionName?: string; rawValue?: string } }).fn;
    const name = fn.functionName?.toUpperCase() ?? '';
    if (AGGREGATE_NAMES.has(name)) throw malformed(`Aggregate functions are not allowed in WHERE, use HAVING: ${fn.rawValue ?? name}`);
  }
}
