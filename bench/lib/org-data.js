'use strict';
// Generated orgs and the inputs the benchmarks cycle through: many distinct ids per path, each one
// known to answer INVOKE-200, so no benchmark measures error answers.
const path = require('node:path');
const config = require('./config');
function generate(size) {
  // Required here, not at the top, so the input selection can be tested without a build.
  const { generateFixtures } = require(path.join(config.dist, 'mock-org/fixtures/generate'));
  return generateFixtures({ ...size, seed: config.seed });
}

/** Every `step`-th element, so inputs spread over the whole table rather than its first pages. */
function spread(list, max) {
  if (list.length <= max) return list.slice();
  const step = list.length / max;
  const out = [];
  for (let i = 0; i < max; i++) out.push(list[Math.floor(i * step)]);
  return out;
}

/** Deterministic shuffle (seeded LCG) so consecutive invocations do not walk the store in order. */
function shuffle(list, seed = 7) {
  const out = list.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Inputs per path for a generated document. */
function inputsFor(doc, max = config.invoke.distinct) {
  const policies = doc.records.InsurancePolicy;
  const linked = new Set(doc.records.InsuranceAsyncBulkRecordDetail.map((d) => d.ReferenceRecordId));
  const parents = new Set(policies.filter((p) => p.ParentPolicyId).map((p) => p.ParentPolicyId));
  // A reference number is usable only when none of its policies is part of a multi-root policy
  // (DESIGN.md §2 step 4 answers INVOKE-400 there) and some policy carrying it has a job.
  const multiRoot = new Set();
  const withJob = new Set();
  for (const p of policies) {
    const ref = p.ReferencePolicyNumber;
    if (p.ParentPolicyId || parents.has(p.Id)) multiRoot.add(ref);
    if (linked.has(p.Id)) withJob.add(ref);
  }
  const refs = [...new Set(policies.map((p) => p.ReferencePolicyNumber))].filter((r) => withJob.has(r) && !multiRoot.has(r));
  return {
    jobId: shuffle(
      spread(
        doc.records.AsyncApexJob.map((j) => j.Id),
        max,
      ),
    ).map((jobId) => ({ jobId })),
    policyId: shuffle(
      spread(
        policies.filter((p) => linked.has(p.Id)).map((p) => p.Id),
        max,
      ),
    ).map((policyId) => ({ policyId })),
    referencePolicyNumber: shuffle(spread(refs, max)).map((referencePolicyNumber) => ({ referencePolicyNumber })),
  };
}

/**
 * What the in-process loop feeds `invoke`: `count` separate input objects cycling over the
 * distinct inputs, each parsed from JSON text as a server or `ipemu batch` gets it. Both org sizes
 * get the same number, so the large/small ratio measures the org's size and not the caller's own
 * working set (300 hot input objects beside 20,000 cold ones).
 */
function callerInputs(distinct, count = config.invoke.distinct) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = JSON.parse(JSON.stringify(distinct[i % distinct.length]));
  return out;
}

function countJobs(doc) {
  return doc.records.AsyncApexJob.length;
}

module.exports = { generate, inputsFor, callerInputs, countJobs, spread, shuffle, fixturePath: (name) => path.join(config.tmpDir, name) };
