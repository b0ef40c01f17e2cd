import type { PackageAnswer, PackageParams } from '../../core/org';
import { PackageContext, planFor, writeJobs } from './job-records';
import { booleanOr, optionalString, requiredString } from './params';
import { additionalOf, insertPolicy, nextReferenceNumber } from './policies';
import { quoteOrThrow, rootProductsOrThrow } from './quotes';
import { addMonths, policyDateTime, termMonths } from './terms';

/** additionalFields' key for the parent policy's values (the others are product codes). */
export const PARENT_KEY = 'MULTI_ROOT_PARENT_POLICY';

/**
 * InsPolicyService:createMultiRootPolicy: the parent policy named after the quote and one child
 * per root product of its lines, sharing one new ReferencePolicyNumber, tracked by one Queueable
 * job. (ipemu) The policies exist from the start (the real package writes them as the job runs),
 * so a caller may poll by any of them at once; createTransaction, transactionType,
 * createContactForParticipants and ratingDate change nothing the mock org models.
 */
export function createMultiRootPolicy(ctx: PackageContext, params: PackageParams): PackageAnswer {
  const { platform } = ctx;
  const quote = quoteOrThrow(platform, requiredString(params, 'quoteId'));
  const roots = rootProductsOrThrow(platform, quote);
  const effective = policyDateTime(requiredString(params, 'effectiveDate'));
  const endDate = optionalString(params, 'endDate');
  const expiration = endDate !== undefined ? policyDateTime(endDate) : addMonths(effective, termMonths(optionalString(params, 'term') ?? 'Annual'));
  const reference = booleanOr(params, 'refPolicyNumToPopulate', true) ? nextReferenceNumber(platform) : null;
  const shared = { ReferencePolicyNumber: reference, EffectiveDate: effective, ExpirationDate: expiration };
  const additional = params.additionalFields;
  const parentId = insertPolicy(platform, { Name: quote.Name, ...shared }, additionalOf(additional, PARENT_KEY), `additionalFields.${PARENT_KEY}`);
  const childIds = roots.map((root) =>
    insertPolicy(
      platform,
      { Name: `${quote.Name} / ${root.name}`, ParentPolicyId: parentId, ProductId: root.productId, ...shared },
      root.code === null ? {} : additionalOf(additional, root.code),
      `additionalFields.${root.code ?? ''}`,
    ),
  );
  const plan = planFor(ctx, params, 'Queueable', 1);
  const { jobIds } = writeJobs(ctx, [{ plan, mainPolicyId: parentId, policyIds: [parentId, ...childIds] }]);
  return { jobId: jobIds[0] };
}
