/* The benchmark harness's own rules: a harness that miscounts or measures error answers would make
 * every figure in bench/RESULTS.md worthless, so its pieces are tested like any other code. */
import { createEmulator } from '../../src/ipemu';
import { MockOrg } from '../../src/mock-org/mock-org';
import { generateFixtures } from '../../src/mock-org/fixtures/generate';

// The harness is plain CommonJS so `npm run bench` needs no compile step of its own.
const { summarize } = require('../../bench/lib/stats');
const { topSelf } = require('../../bench/lib/profile');
const { inputsFor } = require('../../bench/lib/org-data');
const { sequentialRate, concurrentRate, KEY } = require('../../bench/suites/invoke');
const { render } = require('../../bench/lib/report');

describe('summarize', () => {
  it('gives min, median and max of odd and even sample counts', () => {
    expect(summarize([5, 1, 3])).toMatchObject({ min: 1, median: 3, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2])).toMatchObject({ min: 1, median: 2.5, max: 4, n: 4 });
  });
});

describe('topSelf', () => {
  const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url, lineNumber: 0 } });
  const profile = {
    nodes: [frame(1, '(idle)'), frame(2, 'hot', 'file:///x/a.js'), frame(3, 'cold', 'file:///x/node_modules/pkg/b.js'), frame(4, 'dispatch')],
    samples: [4, 4, 2, 3, 2, 1, 2, 4],
    timeDeltas: [900, 900, 10, 20, 10, 500, 10, 900],
  };

  it('sums self time per function, leaving idle time out', () => {
    const top = topSelf(profile);
    const byName = Object.fromEntries(top.rows.map((r: { fn: string; ms: number }) => [r.fn.split(' ')[0], r.ms]));
    expect(byName.hot).toBeCloseTo(0.03);
    expect(byName.cold).toBeCloseTo(0.02);
    expect(byName['(idle)']).toBeUndefined();
    expect(top.modules.find((m: { name: string }) => m.name === 'pkg')).toBeDefined();
  });

  it('trims the profiler start and stop (dispatch) only at the edges', () => {
    const top = topSelf(profile, { trimEdges: 'dispatch' });
    expect(top.rows.map((r: { fn: string }) => r.fn.split(' ')[0])).toEqual(['hot', 'cold']);
    expect(top.totalMs).toBeCloseTo(0.05);
  });
});

describe('invoke loops', () => {
  const ok = async () => ({ errorCode: 'INVOKE-200', error: 'OK' });
  const inputs = [{ jobId: 'a' }, { jobId: 'b' }];

  it('count invocations per second when every answer is INVOKE-200', async () => {
    expect(await sequentialRate(ok, inputs, 20)).toBeGreaterThan(0);
    expect(await concurrentRate(ok, inputs, 20, 8)).toBeGreaterThan(0);
  });

  it('stop at the first answer that is not INVOKE-200', async () => {
    let n = 0;
    const flaky = async () => (++n === 300 ? { errorCode: 'INVOKE-404', error: 'gone' } : { errorCode: 'INVOKE-200', error: 'OK' });
    await expect(sequentialRate(flaky, inputs, 10_000)).rejects.toThrow(/INVOKE-404/);
    n = 0;
    await expect(concurrentRate(flaky, inputs, 10_000, 64)).rejects.toThrow(/INVOKE-404/);
  });
});

describe('inputsFor', () => {
  const doc = generateFixtures({ policies: 120, jobsPerPolicy: 3, seed: 1 });
  const inputs = inputsFor(doc);

  it('picks distinct inputs per path, and no reference number of a multi-root policy', () => {
    for (const path of ['jobId', 'policyId', 'referencePolicyNumber'] as const) {
      const values = inputs[path].map((i: Record<string, string>) => i[path]);
      expect(values.length).toBeGreaterThan(10);
      expect(new Set(values).size).toBe(values.length);
    }
    const policies = (doc.records?.InsurancePolicy ?? []) as { Id: string; ReferencePolicyNumber: string; ParentPolicyId: string | null }[];
    const multiRootRefs = new Set(
      policies.filter((p) => p.ParentPolicyId || policies.some((c) => c.ParentPolicyId === p.Id)).map((p) => p.ReferencePolicyNumber),
    );
    expect(multiRootRefs.size).toBeGreaterThan(0); // the generator makes some, so the filter is exercised
    for (const { referencePolicyNumber } of inputs.referencePolicyNumber) expect(multiRootRefs.has(referencePolicyNumber)).toBe(false);
  });

  it('chooses only inputs that answer INVOKE-200', async () => {
    const emu = createEmulator({ org: await MockOrg.fromFixtures(doc, { user: 'admin' }) });
    for (const path of ['jobId', 'policyId', 'referencePolicyNumber'] as const) {
      for (const input of inputs[path]) expect((await emu.invoke(KEY, input)).errorCode).toBe('INVOKE-200');
    }
  });
});

describe('render', () => {
  const machine = { date: '2026-01-01T00:00:00Z', cpu: 'Test CPU', cores: 2, memoryGiB: 4, loadAverage: [0, 0, 0], node: 'v20.0.0', platform: 'linux' };
  const results = [
    {
      section: { title: 'S', text: 't', rows: [{ name: 'row', summary: summarize([1, 2, 3]), unit: 'ms' }] },
      targets: [
        { name: 'fast', target: '≤ 3', actual: '2', pass: true },
        { name: 'slow', target: '≤ 1', actual: '2', pass: false },
      ],
      profiles: [],
    },
  ];

  it('writes the machine, min/median/max and pass/fail, and marks quick runs', () => {
    const md = render({ machine, quick: false, results, failures: [], seconds: 1 });
    expect(md).toContain('Test CPU, 2 cores, 4.0 GiB');
    expect(md).toContain('Node v20.0.0');
    expect(md).toContain('1.00 / **2.00** / 3.00 ms');
    expect(md).toMatch(/\| fast \|.*\| pass \|/);
    expect(md).toMatch(/\| slow \|.*\| \*\*FAIL\*\* \|/);
    expect(md).not.toContain('QUICK MODE');
    expect(render({ machine, quick: true, results, failures: [], seconds: 1 })).toContain('QUICK MODE');
  });

  it('copies the hand-kept profile notes after the figures', () => {
    const md = render({ machine, quick: false, results, failures: [], seconds: 1, notes: '## What the profiles show\n\nmemory' });
    expect(md.indexOf('## What the profiles show')).toBeGreaterThan(md.indexOf('## Figures'));
    expect(render({ machine, quick: false, results, failures: [], seconds: 1 })).not.toContain('What the profiles show');
  });
});
