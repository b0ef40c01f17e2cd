import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpemuError } from '../../../src/core/errors';
import { compileFixtureValidators } from '../../../src/mock-org/fixtures/document-schema';
import { validateFixtures } from '../../../src/mock-org/fixtures/load';
import { formatProblem } from '../../../src/mock-org/fixtures/problems';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { DEFAULT_JOB_TIMELINE, parseAsyncJobs, timelineFor } from '../../../src/mock-org/package/async-jobs';
import { buildSchema } from '../../../src/mock-org/schema/schema';

const CREATE = 'InsPolicyService:createMultiRootPolicy';
const RENEW = 'InsPolicyService:renewPoliciesInBatch';
const QUOTE_18 = '0Q05w0000000001CAA';
const schema = buildSchema(undefined, []);

const messages = (asyncJobs: unknown): string[] => validateFixtures({ asyncJobs } as FixtureDocument).map(formatProblem);

describe('asyncJobs at load: problems name the key', () => {
  test('an unknown top-level key, a rule for a service the package does not run, and a rule that is not an object', () => {
    expect(messages({ timelines: [], rules: [{ service: 'InsPolicyService:getPolicyAsyncJobStatus', timeline: [] }, 7] })).toEqual([
      'asyncJobs: field timelines: unknown key (expected timeline, rules)',
      expect.stringMatching(/^asyncJobs: field rules\[0\]\.service: "InsPolicyService:getPolicyAsyncJobStatus" is not a job starter/),
      'asyncJobs: field rules[1]: must be an object with service, when and timeline',
    ]);
  });

  test('steps are checked by the store timeline parser against AsyncApexJob: durations, fields, picklist values, reference fields', () => {
    expect(
      messages({
        timeline: [{ after: 'soon', Status: 'Processing' }],
        rules: [
          {
            service: CREATE,
            when: [],
            timeline: [
              { after: '1s', Colour: 'red' },
              { after: '2s', Status: 'Done' },
              { after: '3s', ParentJobId: null },
            ],
          },
        ],
      }),
    ).toEqual([
      'asyncJobs: field timeline[0].after: "soon" is not a duration like 500ms, 2s, 1m or 1h',
      'asyncJobs: field rules[0].when: must be an object of input values',
      'asyncJobs: field rules[0].timeline[0].Colour: no such field on AsyncApexJob',
      expect.stringMatching(/^asyncJobs: field rules\[0\]\.timeline\[1\]\.Status: /),
      'asyncJobs: field rules[0].timeline[2].ParentJobId: a timeline step may not change Id, reference or idLookup fields',
    ]);
  });

  test("a directory's org.json problems name the file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipemu-async-jobs-'));
    try {
      writeFileSync(join(dir, 'org.json'), JSON.stringify({ asyncJobs: { rules: 'none' } }));
      expect(validateFixtures(dir).map(formatProblem)).toEqual([
        `${join(dir, 'org.json')}: asyncJobs: field rules: must be a list of { service, when, timeline }`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('MockOrg.fromFixtures refuses a broken asyncJobs with INVALID_INPUT, from the fixture and from MockOrgOptions.asyncJobs alike', async () => {
    const fromFixture = await MockOrg.fromFixtures({ asyncJobs: { timeline: 'fast' } } as unknown as FixtureDocument).catch((e: unknown) => e);
    expect(fromFixture).toBeInstanceOf(IpemuError);
    expect((fromFixture as IpemuError).code).toBe('INVALID_INPUT');
    expect((fromFixture as IpemuError).message).toBe('asyncJobs: field timeline: must be a list of steps like { "after": "2s", "Status": "Processing" }');
    const fromOption = await MockOrg.fromFixtures({}, { asyncJobs: { rules: [{ service: CREATE, timeline: [{ after: '1x' }] }] } }).catch((e: unknown) => e);
    expect((fromOption as IpemuError).code).toBe('INVALID_INPUT');
    expect((fromOption as IpemuError).message).toBe('asyncJobs: field rules[0].timeline[0].after: "1x" is not a duration like 500ms, 2s, 1m or 1h');
  });

  test('a valid asyncJobs loads without problems; schemas/fixtures.schema.json accepts it and refuses an unknown service', () => {
    const valid = {
      timeline: [{ after: '2s', Status: 'Completed' }],
      rules: [{ service: CREATE, when: { quoteId: QUOTE_18 }, timeline: [{ after: '1m', Status: 'Aborted' }] }],
    };
    expect(messages(valid)).toEqual([]);
    const { document } = compileFixtureValidators();
    expect(document({ asyncJobs: valid })).toBe(true);
    expect(document({ asyncJobs: { rules: [{ service: 'X:y', timeline: [] }] } })).toBe(false);
    expect(document({ asyncJobs: { timeline: [{ after: 'soon' }] } })).toBe(false);
  });
});

describe('which timeline a job gets', () => {
  const config = parseAsyncJobs(
    {
      timeline: [{ after: '5s', Status: 'Completed' }],
      rules: [
        { service: CREATE, when: { quoteId: QUOTE_18.slice(0, 15) }, timeline: [{ after: '1s', Status: 'Failed' }] },
        { service: CREATE, when: {}, timeline: [{ after: '2s', Status: 'Aborted' }] },
        { service: RENEW, when: { policyIds: '0YT5w00000001IkGAI' }, timeline: [{ after: '3s', Status: 'Failed' }] },
      ],
    },
    schema,
    [],
  );

  test('the first matching rule wins, and a 15-character Id in `when` matches its 18-character parameter', () => {
    expect(timelineFor(config, CREATE, { quoteId: QUOTE_18 })).toEqual([{ after: 1000, values: { Status: 'Failed' } }]);
    expect(timelineFor(config, CREATE, { quoteId: '0Q05w0000000002CAA' })).toEqual([{ after: 2000, values: { Status: 'Aborted' } }]);
  });

  test('a list parameter matches when it contains the value; no rule: the config default', () => {
    expect(timelineFor(config, RENEW, { policyIds: ['0YT5w00000001IlGAI', '0YT5w00000001IkGAI'] })).toEqual([{ after: 3000, values: { Status: 'Failed' } }]);
    expect(timelineFor(config, RENEW, { policyIds: ['0YT5w00000001IlGAI'] })).toEqual([{ after: 5000, values: { Status: 'Completed' } }]);
  });

  test('no asyncJobs at all: Processing after 1 s, Completed with 0 errors after 3 s', () => {
    const none = parseAsyncJobs(undefined, schema, []);
    expect(timelineFor(none, CREATE, {})).toBe(DEFAULT_JOB_TIMELINE);
    expect(DEFAULT_JOB_TIMELINE).toEqual([
      { after: 1000, values: { Status: 'Processing' } },
      { after: 3000, values: { Status: 'Completed', NumberOfErrors: 0 } },
    ]);
  });
});
