import { IpemuError } from '../../core/errors';
import { isOrgError, SObjectRecord } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import type { PlatformWriter } from '../writes/changes';
import type { AbsoluteStep } from './job-plan';

/** What the starters read of a policy. */
export interface Policy {
  readonly Id: string;
  readonly Name: string | null;
  readonly ReferencePolicyNumber: string | null;
  readonly ParentPolicyId: string | null;
  readonly OriginalPolicyId: string | null;
  readonly ProductId: string | null;
  readonly PolicyType: string | null;
  readonly Status: string | null;
  readonly EffectiveDate: string | null;
  readonly ExpirationDate: string | null;
}

const POLICY_FIELDS = 'Id, Name, ReferencePolicyNumber, ParentPolicyId, OriginalPolicyId, ProductId, PolicyType, Status, EffectiveDate, ExpirationDate';

const asPolicies = (records: SObjectRecord[]): Policy[] => records as unknown as Policy[];

export function policiesById(platform: PlatformWriter, ids: readonly string[]): Policy[] {
  return asPolicies(platform.query(`SELECT ${POLICY_FIELDS} FROM InsurancePolicy WHERE Id IN :ids`, { ids }).records);
}

/** The policy, or NOT_FOUND naming it. */
export function policyOrThrow(platform: PlatformWriter, id: string): Policy {
  const policy = policiesById(platform, [id])[0];
  if (!policy) throw new IpemuError('NOT_FOUND', `No policy found with policyId ${id}.`);
  return policy;
}

export function childrenOf(platform: PlatformWriter, parentId: string): Policy[] {
  return asPolicies(platform.query(`SELECT ${POLICY_FIELDS} FROM InsurancePolicy WHERE ParentPolicyId = :parentId ORDER BY Name, Id`, { parentId }).records);
}

/** Part of a multi-root policy: a child (it has a parent) or a parent (it has children). */
export function isMultiRoot(platform: PlatformWriter, policy: Policy): boolean {
  return policy.ParentPolicyId !== null || childrenOf(platform, policy.Id).length > 0;
}

/** Every version sharing the policy's ReferencePolicyNumber (just the policy when it has none). */
export function versionsOf(platform: PlatformWriter, policy: Policy): Policy[] {
  if (policy.ReferencePolicyNumber === null) return [policy];
  return asPolicies(
    platform.query(`SELECT ${POLICY_FIELDS} FROM InsurancePolicy WHERE ReferencePolicyNumber = :ref`, { ref: policy.ReferencePolicyNumber }).records,
  );
}

/** The fields of a new version of `prior`: the same policy, linked to its prior and to the first version. */
export function versionOf(prior: Policy): Record<string, unknown> {
  return {
    Name: prior.Name,
    ReferencePolicyNumber: prior.ReferencePolicyNumber,
    ProductId: prior.ProductId,
    PolicyType: prior.PolicyType,
    Status: prior.Status,
    EffectiveDate: prior.EffectiveDate,
    ExpirationDate: prior.ExpirationDate,
    PriorPolicyId: prior.Id,
    OriginalPolicyId: prior.OriginalPolicyId ?? prior.Id,
  };
}

/** The caller's InsurancePolicy field values under `key` of additionalFields (or the whole of it with no key). */
export function additionalOf(additionalFields: unknown, key?: string): Record<string, unknown> {
  const group = key === undefined ? additionalFields : isPlainObject(additionalFields) ? additionalFields[key] : undefined;
  return isPlainObject(group) ? group : {};
}

/**
 * Inserts a policy with the caller's additional field values on top. A value the org refuses is
 * the caller's: INVALID_INPUT naming where it came from, with Salesforce's code in the details.
 */
export function insertPolicy(
  platform: PlatformWriter,
  values: Readonly<Record<string, unknown>>,
  additional: Readonly<Record<string, unknown>>,
  where: string,
  timeline?: readonly AbsoluteStep[],
): string {
  try {
    return platform.insert('InsurancePolicy', { ...values, ...additional }, timeline);
  } catch (err) {
    if (!isOrgError(err) || Object.keys(additional).length === 0) throw err;
    throw new IpemuError('INVALID_INPUT', `${where}: ${err.message}`, { errorCode: err.errorCode, ...(err.fields ? { fields: err.fields } : {}) });
  }
}

const REFERENCE_PREFIX = 'MRP-';
const REFERENCE_DIGITS = 6;

/**
 * (ipemu) A new ReferencePolicyNumber for a multi-root policy: `MRP-` and the next of a six-digit
 * counter over the ones in the org, so numbers are readable and never reused.
 */
export function nextReferenceNumber(platform: PlatformWriter): string {
  const taken = platform.query('SELECT ReferencePolicyNumber FROM InsurancePolicy WHERE ReferencePolicyNumber LIKE :pattern', {
    pattern: `${REFERENCE_PREFIX}%`,
  }).records;
  let max = 0;
  for (const record of taken) {
    const n = Number(String(record.ReferencePolicyNumber).slice(REFERENCE_PREFIX.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${REFERENCE_PREFIX}${String(max + 1).padStart(REFERENCE_DIGITS, '0')}`;
}

/** Those of `policies` that are part of a multi-root policy, in one query for any number of them. */
export function multiRootAmong(platform: PlatformWriter, policies: readonly Policy[]): Policy[] {
  const ids = policies.map((policy) => policy.Id);
  const parents = new Set(
    platform.query('SELECT ParentPolicyId FROM InsurancePolicy WHERE ParentPolicyId IN :ids', { ids }).records.map((record) => record.ParentPolicyId),
  );
  return policies.filter((policy) => policy.ParentPolicyId !== null || parents.has(policy.Id));
}
