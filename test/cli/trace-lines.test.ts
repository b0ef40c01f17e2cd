import { MAX_TRACE_OUTPUT_CHARS, traceLine, traceLines } from '../../src/cli/trace-lines';

describe('ip run --trace lines', () => {
  test('a run element: status, name, type, time, then its output as compact JSON', () => {
    expect(traceLine({ name: 'GetStatus', type: 'Remote Action', status: 'ran', ms: 1.234, output: { status: 'Completed', n: 1 } })).toBe(
      'ran      GetStatus (Remote Action) 1.2 ms → {"status":"Completed","n":1}',
    );
    expect(traceLine({ name: 'Slow', type: 'Remote Action', status: 'ran', ms: 1234.6, output: null })).toBe('ran      Slow (Remote Action) 1235 ms → null');
  });

  test('a skipped element says why and shows no output', () => {
    expect(traceLine({ name: 'IfFailed', type: 'Conditional Block', status: 'skipped', reason: 'executionConditionalFormula is false', ms: 0 })).toBe(
      'skipped  IfFailed (Conditional Block): executionConditionalFormula is false',
    );
  });

  test('a failed element shows its reason and output', () => {
    expect(traceLine({ name: 'Call', type: 'Remote Action', status: 'failed', reason: 'INVOKE-502', ms: 3, output: { error: 'x' } })).toBe(
      'failed   Call (Remote Action) 3.0 ms: INVOKE-502 → {"error":"x"}',
    );
  });

  test(`an output longer than ${MAX_TRACE_OUTPUT_CHARS} characters is cut with …; control characters in names become spaces`, () => {
    const line = traceLine({ name: 'Multi\nLine\u001b[2J', type: 'Set Values', status: 'ran', ms: 0, output: { s: 'x'.repeat(500) } });
    expect(line.startsWith('ran      Multi Line [2J (Set Values) 0.0 ms → {"s":"xxx')).toBe(true);
    const output = line.split(' → ')[1]!;
    expect(output).toHaveLength(MAX_TRACE_OUTPUT_CHARS);
    expect(output.endsWith('…')).toBe(true);
    expect(line).not.toMatch(/\p{Cc}/u);
  });

  test('no trace, or a trace that is not a list, gives no lines', () => {
    expect(traceLines(undefined)).toEqual([]);
    expect(traceLines({ name: 'x' })).toEqual([]);
    expect(traceLines([{ name: 'A', type: 'Set Values', status: 'ran', ms: 0.5 }])).toEqual(['ran      A (Set Values) 0.5 ms']);
  });
});
