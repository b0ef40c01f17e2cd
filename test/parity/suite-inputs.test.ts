import { MockOrg } from '../../src/mock-org/mock-org';
import { drawValues } from '../../src/parity/drawn-values';
import { evenSample } from '../../src/parity/even-sample';
import { JOB_STATUS, OOS_STATUS, PARITY_SERVICES, REQUEST_BY_ID, REQUEST_BY_USER } from '../../src/parity/parity-services';
import { suiteInputs } from '../../src/parity/suite-inputs';
import { JOBS, suiteFixtures } from '../services/ins-policy-service/suite-fixtures';

describe('the inputs parity runs', () => {
  it('draws at most --limit of each kind from the recording, sampled evenly over its sorted values', async () => {
    const org = await MockOrg.fromFixtures(suiteFixtures());
    const all = (await drawValues(org, 1000, [])).jobs;
    const warnings: string[] = [];
    const two = await drawValues(org, 2, warnings);
    expect(all).toEqual([...all].sort());
    expect(all).toContain(JOBS.holding);
    expect(two.jobs).toEqual(evenSample(all, 2));
    expect(two.jobs).toHaveLength(2);
    for (const values of Object.values(two)) expect(values.length).toBeLessThanOrEqual(2);
    expect(warnings).toEqual([]);
  });

  it('covers the suite: shape errors, each key syntax, 15- and 18-character spellings, injections, unknown Ids, every recorded job', async () => {
    const org = await MockOrg.fromFixtures(suiteFixtures());
    const values = await drawValues(org, 1000, []);
    const inputs = suiteInputs(values);
    const of = (service: string) => inputs.filter((i) => i.service === service).map((i) => i.input);
    const jobStatus = of(JOB_STATUS);
    expect(jobStatus).toEqual(
      expect.arrayContaining([{}, { jobId: 42 }, { jobId: '' }, { referencePolicyNumber: 'R'.repeat(256) }, { referencePolicyNumber: '%' }]),
    );
    const first = values.jobs[0]!;
    expect(jobStatus).toEqual(expect.arrayContaining([{ jobId: first.slice(0, 15) }, { jobId: first.toUpperCase() }, { jobId: first.toLowerCase() }]));
    for (const jobId of values.jobs) expect(jobStatus).toContainEqual({ jobId });
    expect(of(OOS_STATUS)).toEqual(jobStatus);
    expect(of(REQUEST_BY_ID)).toEqual(expect.arrayContaining([{}, { requestId: 'x' }, ...values.requests.map((requestId) => ({ requestId }))]));
    expect(of(REQUEST_BY_USER)).toEqual(expect.arrayContaining([{}, { names: [] }, ...values.names.map((name) => ({ names: [name] }))]));
    expect(new Set(inputs.map((i) => i.service))).toEqual(new Set(PARITY_SERVICES));
    expect(new Set(inputs.map((i) => `${i.service} ${JSON.stringify(i.input)}`)).size).toBe(inputs.length);
  });
});
