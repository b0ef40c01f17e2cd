import { IpemuError } from '../../core/errors';
import type { PackageAnswer, PackageParams } from '../../core/org';
import { PARENT_KEY } from './create-multi-root-policy';
import { PackageContext, planFor, writeJobs } from './job-records';
import { requiredString } from './params';
import { additionalOf, childrenOf, insertPolicy, policyOrThrow, versionOf } from './policies';
import { quoteOrThrow, rootProductsOrThrow } from './quotes';
import { policyDateTime } from './terms';

/**
 * InsPolicyService:createMultiRootPolicyVersion: a new version of a multi-root parent and of its
 * children from the endorsement quote. (ipemu) The quote's root products make the new version's
 * children: a product the prior version had continues that child (PriorPolicyId → it), a new
 * product starts a child, and a prior child whose product the quote drops is not carried on.
 */
export function createMultiRootPolicyVersion(ctx: PackageContext, params: PackageParams): PackageAnswer {
  const { platform } = ctx;
  const policyId = requiredString(params, 'policyId');
  const parent = policyOrThrow(platform, policyId);
  const priorChildren = parent.ParentPolicyId === null ? childrenOf(platform, parent.Id) : [];
  if (priorChildren.length === 0) throw new IpemuError('INVALID_INPUT', `Policy ${policyId} is not the parent of a multi-root policy.`);
  const roots = rootProductsOrThrow(platform, quoteOrThrow(platform, requiredString(params, 'quoteId')));
  const effective = policyDateTime(requiredString(params, 'effectiveDate'));
  const additional = params.additionalFields;
  const parentId = insertPolicy(
    platform,
    { ...versionOf(parent), EffectiveDate: effective },
    additionalOf(additional, PARENT_KEY),
    `additionalFields.${PARENT_KEY}`,
  );
  const childIds = roots.map((root) => {
    const prior = priorChildren.find((child) => child.ProductId === root.productId);
    const values = prior
      ? { ...versionOf(prior), ParentPolicyId: parentId, EffectiveDate: effective }
      : {
          Name: `${parent.Name ?? ''} / ${root.name}`,
          ReferencePolicyNumber: parent.ReferencePolicyNumber,
          ParentPolicyId: parentId,
          ProductId: root.productId,
          EffectiveDate: effective,
          ExpirationDate: parent.ExpirationDate,
        };
    return insertPolicy(platform, values, root.code === null ? {} : additionalOf(additional, root.code), `additionalFields.${root.code ?? ''}`);
  });
  const plan = planFor(ctx, params, 'Queueable', 1);
  const { jobIds } = writeJobs(ctx, [{ plan, mainPolicyId: parentId, policyIds: [parentId, ...childIds, parent.Id] }]);
  return { jobId: jobIds[0] };
}
