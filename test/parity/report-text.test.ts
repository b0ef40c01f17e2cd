import { differenceLines, reportLines } from '../../src/parity/report-text';
import type { ParityDifference, ParityReport } from '../../src/parity/run-parity';
import { valueDifferences } from '../../src/parity/value-differences';

const JOB = '7075j000000001dAAA';
const OTHER = '7075j000000001eAAA';
const SOQL = 'SELECT Id, Status FROM AsyncApexJob WHERE Id IN :jobIds';
const ok = { status: 'Success', jobId: JOB, errorCode: 'INVOKE-200', error: 'OK' };

function job(id: string, status: string): Record<string, unknown> {
  return { attributes: { type: 'AsyncApexJob', url: `/services/data/v64.0/sobjects/AsyncApexJob/${id}` }, Id: id, Status: status };
}

describe('valueDifferences', () => {
  test('names each differing leaf by its path, in the org side key order, absent keys as undefined', () => {
    const org = { a: 1, list: [{ n: 1 }, { n: 2 }], gone: true };
    const mock = { a: 2, list: [{ n: 1 }, { n: 3 }, { n: 4 }], extra: 'x' };
    expect(valueDifferences(org, mock)).toEqual([
      { path: 'a', org: 1, mock: 2 },
      { path: 'list[1].n', org: 2, mock: 3 },
      { path: 'list[2]', org: undefined, mock: { n: 4 } },
      { path: 'gone', org: true, mock: undefined },
      { path: 'extra', org: undefined, mock: 'x' },
    ]);
  });

  test('equal values give none; a limit stops the walk; different kinds at the root are one whole-value difference', () => {
    expect(valueDifferences({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(valueDifferences({ a: 1, b: 2, c: 3 }, { a: 0, b: 0, c: 0 }, 2).map((d) => d.path)).toEqual(['a', 'b']);
    expect(valueDifferences([1], { 0: 1 })).toEqual([{ path: '(the whole value)', org: [1], mock: { 0: 1 } }]);
  });
});

describe('differenceLines', () => {
  test("a changed job: the input line, the output's differing keys, the query and the record's differing field", () => {
    const difference: ParityDifference = {
      service: 'InsPolicyService:getPolicyAsyncJobStatus',
      input: { jobId: JOB },
      org: ok,
      mock: { ...ok, status: 'Failed', error: 'The job failed.' },
      queries: {
        index: 0,
        org: { soql: SOQL, binds: { jobIds: [JOB] }, records: [job(JOB, 'Completed')] },
        mock: { soql: SOQL, binds: { jobIds: [JOB] }, records: [job(JOB, 'Failed')] },
      },
    };
    expect(differenceLines(difference)).toEqual([
      `InsPolicyService:getPolicyAsyncJobStatus {"jobId":"${JOB}"}`,
      '  output status: org "Success", mock "Failed"',
      '  output error: org "OK", mock "The job failed."',
      `  query 1: ${SOQL} (1 bind value)`,
      `    record ${JOB} Status: org "Completed", mock "Failed"`,
    ]);
  });

  test('records only one side answered, matched by Id whatever their order; equal outputs said so', () => {
    const lines = differenceLines({
      service: 'S:m',
      input: {},
      org: ok,
      mock: ok,
      queries: {
        index: 2,
        org: { soql: SOQL, binds: {}, records: [job(OTHER, 'Queued'), job(JOB, 'Completed')] },
        mock: { soql: SOQL, binds: {}, records: [job(JOB, 'Completed'), job('7075j000000001fAAA', 'Queued')] },
      },
    });
    expect(lines).toEqual([
      'S:m {}',
      '  output: the same on both',
      `  query 3: ${SOQL}`,
      `    record ${OTHER}: only the org answered it`,
      '    record 7075j000000001fAAA: only the mock answered it',
    ]);
  });

  test('a query only one side sent, a failed query, and long values cut at 120 characters', () => {
    const sentByOrg = differenceLines({ service: 'S:m', input: {}, org: ok, mock: ok, queries: { index: 0, org: { soql: SOQL, binds: {} }, mock: null } });
    expect(sentByOrg.at(-1)).toBe(`  query 1, only the org was sent: ${SOQL}`);
    const failed = differenceLines({
      service: 'S:m',
      input: {},
      org: ok,
      mock: { ...ok, error: 'x'.repeat(500) },
      queries: { index: 0, org: { soql: SOQL, binds: {}, records: [] }, mock: { soql: SOQL, binds: {}, error: 'INVALID_FIELD' } },
    });
    expect(failed[1]).toBe(`  output error: org "OK", mock "${'x'.repeat(118)}…`);
    expect(failed.at(-1)).toBe('    error: org (absent), mock "INVALID_FIELD"');
  });
});

test('reportLines: the blocks, a line for the differences only counted, then the summary', () => {
  const difference: ParityDifference = { service: 'S:m', input: { jobId: JOB }, org: ok, mock: { ...ok, status: 'Failed' } };
  const report: ParityReport = {
    compared: 1200,
    services: ['S:m', 'S:n'],
    differences: [difference],
    differenceCount: 3,
    orgMs: 1234,
    mockMs: 56,
    warnings: [],
  };
  expect(reportLines(report)).toEqual([
    `S:m {"jobId":"${JOB}"}`,
    '  output status: org "Success", mock "Failed"',
    '… and 2 more differences (not printed)',
    'parity: 1,200 inputs across 2 services, 3 differences (org 1.2 s, mock 0.1 s)',
  ]);
});
