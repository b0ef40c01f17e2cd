import fc from 'fast-check';
import { createEmulator } from '../../src/ipemu';
import { MockOrg } from '../../src/mock-org/mock-org';
import type { Org } from '../../src/core/org';
import { fixtureOf, GenJob, GenLink, GenOrg, GenPolicy, jobId, policyId } from './generated-org';
import { latest, modelAnswer, ModelInput } from './reference-model';

/**
 * Model-based test of DESIGN.md §2: for generated orgs (versions sharing reference numbers, jobs
 * with tied CreatedDates written in different zones, multi-root policies, links to purged jobs)
 * the service answers exactly what the reference model answers.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const RUNS = 12;
const UNIVERSES = 12;

const STATUSES = ['Holding', 'Queued', 'Preparing', 'Processing', 'Completed', 'Failed', 'Aborted'];
/**
 * Three spellings of one instant (ties must be found by time, not text), plus instants whose text
 * sorts the other way round from their time, so only zone-aware comparison picks the latest.
 */
const DATES = [
  '2026-10-01T10:00:00.000+0000',
  '2026-10-01T10:00:00Z',
  '2026-10-01T12:00:00.000+0200',
  '2026-10-01T09:59:59.999Z',
  '2026-10-01T09:00:00.000-0200', // 11:00Z: the latest, though its text sorts early
  '2026-10-01T11:30:00.000+0200', // 09:30Z: early, though its text sorts late
];
const REFS = ['REF-A', 'ref-a', 'Ref-B', "O'Ref\\%_1", 'REF-C'];
/** Both pods, so Id order mixes upper- and lowercase letters. */
const PODS = ['5j0', '5J0'];

const serials = (min: number, max: number) =>
  fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(...PODS)), { minLength: min, maxLength: max, selector: ([n]) => n });

/**
 * One small org ("universe" u): its Ids and reference numbers are disjoint from every other
 * universe's, so several universes can share one MockOrg. That matters for speed: each MockOrg
 * parses each distinct SOQL text once, and a parse costs 100-300 ms.
 */
function genUniverse(u: number): fc.Arbitrary<GenOrg> {
  const base = u * 250_000;
  const refs = REFS.map((r) => `U${u}-${r}`);
  return fc
    .tuple(serials(1, 6), serials(0, 8))
    .chain(([policySerials, jobSerials]) => {
      const policies = fc.tuple(
        ...policySerials.map(([n, pod]) =>
          fc.record({
            Id: fc.constant(policyId(base + n, pod)),
            ReferencePolicyNumber: fc.option(fc.constantFrom(...refs), { freq: 6 }),
            parent: fc.option(fc.integer({ min: 0, max: policySerials.length - 1 }), { freq: 2, nil: null }),
          }),
        ),
      );
      const jobs = fc.tuple(
        ...jobSerials.map(([n, pod]) =>
          fc.record({
            Id: fc.constant(jobId(base + n, pod)),
            Status: fc.constantFrom(...STATUSES),
            NumberOfErrors: fc.constantFrom(null, 0, 1, 4),
            ExtendedStatus: fc.constantFrom(null, 'First error: renewal failed.'),
            CreatedDate: fc.constantFrom(...DATES),
          }),
        ),
      );
      // A link may name a job that is not in AsyncApexJob (purged): index -1.
      const links = fc.array(fc.tuple(fc.nat(policySerials.length - 1), fc.integer({ min: -1, max: Math.max(jobSerials.length - 1, -1) })), { maxLength: 12 });
      return fc.tuple(policies, jobs, links);
    })
    .map(([rawPolicies, jobs, rawLinks]) => {
      const policies: GenPolicy[] = rawPolicies.map((p, i) => ({
        Id: p.Id,
        ReferencePolicyNumber: p.ReferencePolicyNumber,
        ParentPolicyId: p.parent !== null && p.parent !== i ? rawPolicies[p.parent]!.Id : null,
      }));
      const links: GenLink[] = rawLinks.map(([pi, ji]) => ({ policyId: policies[pi]!.Id, jobId: ji >= 0 ? jobs[ji]!.Id : jobId(base + 249_999) }));
      return { policies, jobs: jobs, links };
    });
}

function merge(universes: GenOrg[]): GenOrg {
  return {
    policies: universes.flatMap((o) => o.policies),
    jobs: universes.flatMap((o) => o.jobs),
    links: universes.flatMap((o) => o.links),
  };
}

type GenInput = Record<'jobId' | 'policyId' | 'referencePolicyNumber', string | null | undefined>;

function inputsFor(org: GenOrg, u: number): fc.Arbitrary<GenInput[]> {
  const jobIds = org.jobs.map((j) => j.Id);
  const policyIds = org.policies.map((p) => p.Id);
  const idForms = (ids: string[]) => ids.flatMap((id) => [id, id.slice(0, 15), id.toLowerCase(), id.toUpperCase()]);
  const jobValue = fc.constantFrom(...idForms(jobIds), jobId(888_888), 'not-an-id', org.policies[0]!.Id);
  const policyValue = fc.constantFrom(...idForms(policyIds), policyId(888_888), '0YT', jobId(1));
  const refs = REFS.map((r) => `U${u}-${r}`);
  const refValue = fc.constantFrom(...refs, ...refs.map((r) => r.toUpperCase()), `U${u}-REF-Z`, '   ', 'x'.repeat(256));
  const key = <T>(value: fc.Arbitrary<T>) =>
    fc.option(fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }), { nil: undefined, freq: 2 });
  return fc.array(fc.record({ jobId: key(jobValue), policyId: key(policyValue), referencePolicyNumber: key(refValue) }), { minLength: 1, maxLength: 8 });
}

/** null is "not passed" (DESIGN.md §2 Input); the model only knows passed or absent. */
function passedOnly(input: GenInput): ModelInput {
  const out: ModelInput = {};
  for (const k of ['jobId', 'policyId', 'referencePolicyNumber'] as const) if (typeof input[k] === 'string') out[k] = input[k];
  return out;
}

/**
 * Compiling the service schemas makes createEmulator cost ~70 ms, so one emulator serves every
 * generated org through this switch; describe caches stay apart because cacheKey follows the org.
 */
let current: MockOrg;
const switchingOrg: Org = {
  get cacheKey() {
    return current.cacheKey;
  },
  query: (soql, binds, options) => current.query(soql, binds, options),
  describe: (sobject, options) => current.describe(sobject, options),
};
const emu = createEmulator({ org: switchingOrg });

describe('getPolicyAsyncJobStatus against a reference model of DESIGN.md §2', () => {
  it(`generated orgs and inputs (${RUNS * UNIVERSES} orgs, up to 8 inputs each)`, async () => {
    const tally = new Map<string, number>();
    const run = fc.tuple(...Array.from({ length: UNIVERSES }, (_, u) => genUniverse(u))).chain((orgs) =>
      fc.tuple(
        fc.constant(merge(orgs)),
        fc.tuple(...orgs.map((o, u) => inputsFor(o, u))).map((lists) => lists.flat()),
      ),
    );
    await fc.assert(
      fc.asyncProperty(run, async ([org, inputs]) => {
        current = MockOrg.fromFixturesSync(fixtureOf(org));
        for (const input of inputs) {
          const out = await emu.invoke(KEY, input);
          const expected = modelAnswer(org, passedOnly(input));
          if ('ok' in expected) expect(out).toEqual(expected.ok);
          else expect(expected.codes).toContain(out.errorCode);
          const bucket = 'ok' in expected ? `${expected.ok.status}` : out.errorCode;
          tally.set(bucket, (tally.get(bucket) ?? 0) + 1);
        }
      }),
      // Shrinking re-parses SOQL for every candidate org (100-300 ms a parse): report the first failure as found.
      { numRuns: RUNS, endOnFailure: true },
    );
    // Every outcome of the model was reached, so no rule went untested by the generator.
    for (const bucket of ['WaitingToProcess', 'InProgress', 'Success', 'Failed', 'Aborted', 'INVOKE-400', 'INVOKE-404']) {
      expect(tally.get(bucket) ?? 0).toBeGreaterThan(0);
    }
  });

  it('the model itself: ties at one instant in three spellings go to the greater Id', () => {
    const a: GenJob = { Id: jobId(5, '5J0'), Status: 'Queued', NumberOfErrors: null, ExtendedStatus: null, CreatedDate: DATES[0]! };
    const b: GenJob = { ...a, Id: jobId(5, '5j0'), CreatedDate: DATES[2]! };
    const older: GenJob = { ...a, Id: jobId(9, '5j0'), CreatedDate: DATES[3]! };
    expect(latest([a, b, older])?.Id).toBe(b.Id); // 'j' > 'J' in code-point order
    expect(latest([older, a])?.Id).toBe(a.Id);
  });
});
