import type { Org } from '../../core/org';
import { createDescribeCache } from './describe-cache';
import { createQueryMerger } from './query-merger';

export { MAX_VALUES_PER_CHUNK } from './value-chunks';

const COALESCED = new WeakSet<Org>();

/**
 * The layer above any Org that the composition root puts under every emulator: queries declared
 * mergeable are merged across concurrent invocations (query-merger.ts), and describes are cached
 * per user (describe-cache.ts). Everything else (writes, package calls, close) passes through.
 */
export function createCoalescingOrg(org: Org): Org {
  if (COALESCED.has(org)) return org;
  const wrapper: Org = {
    get cacheKey() {
      return org.cacheKey;
    },
    query: createQueryMerger(org),
    describe: createDescribeCache(org),
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
