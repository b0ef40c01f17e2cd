import type { MockOrg } from '../../mock-org';
import type { Plan } from '../../soql/compile';
import { notInBulkQuery } from './bulk-errors';

const TYPEOF = /\bTYPEOF\b/i;

/**
 * The query's plan as the job's user may run it over the REST API (SOQL errors and field-level
 * security refused as `/query` refuses them, 400 with the same code), and what Bulk API 2.0
 * query does not take: "GROUP BY, OFFSET, or TYPEOF clauses", "Aggregate Functions such as
 * COUNT()", "Parent-to-child relationship queries" (queries.htm).
 */
export function bulkQueryPlan(org: MockOrg, soql: string): Plan {
  const plan = org.plan(soql);
  if (plan.aggregate?.grouped) throw notInBulkQuery('GROUP BY');
  if (plan.count || plan.aggregate) throw notInBulkQuery('Aggregate functions');
  if (plan.offset !== undefined || plan.clauses?.offsetBind !== undefined) throw notInBulkQuery('OFFSET');
  if (plan.columns.some((column) => column.kind === 'children')) throw notInBulkQuery('Aggregate Relationships');
  // TYPEOF compiles to a computed column as toLabel() and FORMAT() do: the text tells them apart.
  if (plan.columns.some((column) => column.kind === 'computed') && TYPEOF.test(soql)) throw notInBulkQuery('TYPEOF');
  return plan;
}
