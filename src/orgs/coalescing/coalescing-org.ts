import type { Org } from '../../core/org';
import { createDescribeCache } from './describe-cache';
import { createQueryMerger } from './query-merger';
import { keepFinalRows, sharedFinalRowCache, type FinalRowCache } from './final-rows';

export { MAX_VALUES_PER_CHUNK } from './value-chunks';

const COALESCED = new WeakSet<Org>();

export interface CoalescingOptions {
  /** Where a remote org's final rows are kept; default the process's shared cache (final-rows.ts). */
  finalRows?: FinalRowCache;
}

/**
 * The layer above any Org that the composition root puts under every emulator: queries declared
 * mergeable are merged across concurrent invocations (query-merger.ts), and describes are cached
 * per user (describe-cache.ts). On a remote org, rows a query declares final (a finished job) are
 * kept (final-rows.ts), so polling finished jobs costs no request; an in-memory org is not cached,
 * as its lookup is cheaper than the cache's. Everything else (writes, package calls, close) passes through.
 */
export function createCoalescingOrg(org: Org, options: CoalescingOptions = {}): Org {
  if (COALESCED.has(org)) return org;
  const merged = createQueryMerger(org);
  const wrapper: Org = {
    get cacheKey() {
      return org.cacheKey;
    },
    remote: org.remote,
    query: org.remote === true ? keepFinalRows(org, merged, options.finalRows ?? sharedFinalRowCache()) : merged,
    describe: createDescribeCache(org),
    // A caller's own batch is sent as it asked: merging and final rows are for the declared queries above.
    queryBatch: org.queryBatch ? (queries, batchOptions) => org.queryBatch!(queries, batchOptions) : undefined,
    // Writes and package calls are never merged or cached: each is its own request.
    create: org.create ? (sobject, fields, options) => org.create!(sobject, fields, options) : undefined,
    update: org.update ? (sobject, id, fields, options) => org.update!(sobject, id, fields, options) : undefined,
    delete: org.delete ? (sobject, id, options) => org.delete!(sobject, id, options) : undefined,
    callPackage: org.callPackage ? (key, params, options) => org.callPackage!(key, params, options) : undefined,
    close: org.close ? () => org.close!() : undefined,
  };
  COALESCED.add(wrapper);
  return wrapper;
}
