import type { Org } from '../core/org';

/**
 * The org as `ipemu parity` hands it to the source emulator: queries and describes only. No
 * create, update, delete or callPackage, so no service can write to the org under comparison (an
 * org without them is read-only, and a service that writes answers INVOKE-501). `close` is left out
 * too: the caller that opened the org closes it.
 */
export function readOnlyOrg(org: Org): Org {
  const wrapper: Org = {
    get cacheKey() {
      return org.cacheKey;
    },
    query: (soql, binds, options) => org.query(soql, binds, options),
    describe: (sobject, options) => org.describe(sobject, options),
  };
  if (org.remote !== undefined) Object.defineProperty(wrapper, 'remote', { value: org.remote, enumerable: true });
  if (org.queryBatch) wrapper.queryBatch = (queries, options) => org.queryBatch!(queries, options);
  return Object.freeze(wrapper);
}
