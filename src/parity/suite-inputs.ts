import { makeId, to15 } from '../salesforce/ids';
import { type ParityInput, POLICY_STATUS_SERVICES, REQUEST_BY_ID, REQUEST_BY_USER } from './parity-services';
import type { DrawnValues } from './drawn-values';

/*
 * The one home of parity's inputs: those the service suite uses (test/services: shape errors,
 * each key's syntax errors, 15- and 18-character Ids, wrong key prefixes, injection-looking
 * strings, unknown Ids), with the recorded org's own values (drawn-values.ts) where the suite
 * uses its sample records.
 */

/** Valid Ids no record has (serials far above any recording's). */
const UNKNOWN = { job: makeId('707', 916_132_831, 'zz9'), policy: makeId('0YT', 916_132_831, 'zz9'), request: makeId('0rf', 916_132_831, 'zz9') };
/** Used where the recording has no record of a kind: the suite's sample Ids. */
const FALLBACK = { job: '7075j00004uK6GjAAK', policy: '0YT5w000000Y8MNGA0', request: '0rf5w0000000007AAA', user: makeId('005', 1) };
/** How many drawn Ids also go in their 15-character and case-changed spellings. */
const SPELLED = 3;

const INJECTIONS = ["x' OR ReferencePolicyNumber != '", "REF\\' OR Name != '", '%', 'REF-000_', 'REF%', ':referenceNumbers', "O'Brien\\Policy%_1"];

/** An 18-character Id as callers also write it: 15 characters, all upper case, all lower case, and a 15 in another case (another Id). */
function spellings(id: string): string[] {
  const id15 = to15(id);
  const swapped = [...id15].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
  return [id15, id.toUpperCase(), id.toLowerCase(), swapped];
}

function policyStatusInputs(v: DrawnValues): Record<string, unknown>[] {
  const job = v.jobs[0] ?? FALLBACK.job;
  const policy = v.policies[0] ?? FALLBACK.policy;
  const ref = v.references[0] ?? 'REF-0001';
  return [
    // step 1: shape
    {},
    { jobId: null, policyId: null, referencePolicyNumber: null },
    { other: 'x' },
    { jobId: 42 },
    { policyId: true },
    { referencePolicyNumber: { nested: 1 } },
    { jobId: [job] },
    { jobId: job, ContextId: 'abc', nested: { policyId: 42 }, flag: true },
    // step 2: syntax of every passed key
    ...[policy, '7075j00004uK6GjAAA', '7075J00004uK6GjAAK', '7075j00004uK6GjA', "7075j00004uK6G'", ''].map((jobId) => ({ jobId })),
    ...[job, '0YT5w000000Y8MNGAA', '0YT5w'].map((policyId) => ({ policyId })),
    ...['   ', 'R'.repeat(256), 'R'.repeat(255)].map((referencePolicyNumber) => ({ referencePolicyNumber })),
    { jobId: job, policyId: 'not-an-id' },
    // step 4: every passed key must resolve
    { jobId: UNKNOWN.job },
    { policyId: UNKNOWN.policy },
    { referencePolicyNumber: 'NO-SUCH-REF' },
    { jobId: job, policyId: UNKNOWN.policy },
    { jobId: UNKNOWN.job, policyId: policy },
    { jobId: job, policyId: policy, referencePolicyNumber: 'REF-NONE' },
    { referencePolicyNumber: ref },
    // step 5: precedence
    { jobId: job, policyId: policy, referencePolicyNumber: ref },
    { policyId: policy, referencePolicyNumber: ref },
    { jobId: job, referencePolicyNumber: ref },
    // injection: values are bound, never concatenated
    ...INJECTIONS.map((referencePolicyNumber) => ({ referencePolicyNumber })),
    // the recording's own records, and their other spellings
    ...v.jobs.flatMap((jobId, i) => [jobId, ...(i < SPELLED ? spellings(jobId) : [])].map((id) => ({ jobId: id }))),
    ...v.policies.flatMap((policyId, i) => [policyId, ...(i < SPELLED ? spellings(policyId) : [])].map((id) => ({ policyId: id }))),
    ...v.references.flatMap((r, i) => [r, ...(i < SPELLED ? [r.toLowerCase(), r.toUpperCase()] : [])].map((rr) => ({ referencePolicyNumber: rr }))),
  ];
}

function byIdInputs(v: DrawnValues): Record<string, unknown>[] {
  const request = v.requests[0] ?? FALLBACK.request;
  return [
    {},
    { requestId: 'x' },
    { requestId: v.policies[0] ?? FALLBACK.policy },
    { requestId: request, isAdditionalInfo: 'yes' },
    { requestId: UNKNOWN.request },
    { requestId: to15(request) },
    ...v.requests.flatMap((requestId) => [{ requestId }, { requestId, isAdditionalInfo: true }]),
  ];
}

function byUserInputs(v: DrawnValues): Record<string, unknown>[] {
  const user = v.users[0] ?? FALLBACK.user;
  return [
    {},
    { userId: v.accounts[0] ?? '0015w0000000001AAA' },
    { names: 'November renewals' },
    { names: [] },
    { names: ['ok', ' '] },
    { userId: user, isAdditionalInfo: 1 },
    { names: ['No such run'] },
    { userId: user, isAdditionalInfo: true },
    ...(v.names.length > 1 ? [{ names: v.names.slice(0, 2).map((n, i) => (i === 0 ? n.toLowerCase() : n)) }] : []),
    ...(v.accounts[0] !== undefined ? [{ accountId: v.accounts[0], userId: user }] : []),
    ...v.users.map((userId) => ({ userId })),
    ...v.accounts.map((accountId) => ({ accountId })),
    ...v.names.map((name) => ({ names: [name] })),
  ];
}

/** Every input of every parity service, each (service, input) once, in a stable order. */
export function suiteInputs(values: DrawnValues): ParityInput[] {
  const all: ParityInput[] = [
    ...POLICY_STATUS_SERVICES.flatMap((service) => policyStatusInputs(values).map((input) => ({ service, input }))),
    ...byIdInputs(values).map((input) => ({ service: REQUEST_BY_ID, input })),
    ...byUserInputs(values).map((input) => ({ service: REQUEST_BY_USER, input })),
  ];
  const seen = new Set<string>();
  return all.filter(({ service, input }) => {
    const key = `${service} ${JSON.stringify(input)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
