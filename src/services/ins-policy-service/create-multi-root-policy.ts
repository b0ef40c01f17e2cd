import { starterMethod } from './job-starter';
import { QUOTE_KEY_PREFIX } from './starter-params';

/** Issues a multi-root policy from a quote: a parent and one child InsurancePolicy per root product, in one Apex job. */
export const createMultiRootPolicyMethod = starterMethod({
  method: 'createMultiRootPolicy',
  description: 'Starts the Apex job that issues a multi-root policy (a parent and one child per root product) from a quote; answers its jobId.',
  params: {
    quoteId: { rule: { kind: 'id', prefix: QUOTE_KEY_PREFIX, object: 'Quote' }, required: true },
    effectiveDate: { rule: { kind: 'date' }, required: true },
    endDate: { rule: { kind: 'date' } },
    createTransaction: { rule: { kind: 'boolean' } },
    transactionType: { rule: { kind: 'text' } },
    createContactForParticipants: { rule: { kind: 'boolean' } },
    term: { rule: { kind: 'text' } },
    ratingDate: { rule: { kind: 'date' } },
    additionalFields: { rule: { kind: 'fieldsByKey' } },
    refPolicyNumToPopulate: { rule: { kind: 'boolean' } },
  },
});
