import type { Org } from './org';

/** Placeholder: replaced by the request-coalescing wrapper. */
export function createCoalescingOrg(org: Org): Org {
  return org;
}
