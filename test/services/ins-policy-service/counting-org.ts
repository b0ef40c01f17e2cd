import type { Binds, DescribeResult, Org, QueryOptions, QueryResult, SObjectRecord } from '../../../src/core/org';

/** Wraps any Org and records each call, so a test can prove what reached the org. */
export interface CountingOrg extends Org {
  readonly queries: { soql: string; binds?: Binds }[];
  readonly describes: string[];
  reset(): void;
}

export function countingOrg(inner: Org): CountingOrg {
  const queries: { soql: string; binds?: Binds }[] = [];
  const describes: string[] = [];
  return {
    get cacheKey() {
      return inner.cacheKey;
    },
    queries,
    describes,
    reset() {
      queries.length = 0;
      describes.length = 0;
    },
    query<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
      queries.push({ soql, binds });
      return inner.query<R>(soql, binds, options);
    },
    describe(sobject: string, options?: QueryOptions): Promise<DescribeResult> {
      describes.push(sobject);
      return inner.describe(sobject, options);
    },
  };
}
