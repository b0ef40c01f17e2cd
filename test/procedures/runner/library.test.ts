/** compileLibrary: which version runs, what is compiled once, what the envelope carries. */
import { formulaCompileCount } from '../../../src/procedures/formula';
import { el, host, library, proc, run } from '../run-helpers';

const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });
const sv = (name: string, map: Record<string, string | number>, props = {}) => el(name, 'Set Values', { elementValueMap: map, ...props });

describe('compileLibrary', () => {
  it('runs the highest active version of a key and lists only that one', async () => {
    const lib = library([
      proc('T_V', [sv('V', { v: 1 }), respond], {}, { version: 1 }),
      proc('T_V', [sv('V', { v: 3 }), respond], {}, { version: 3, active: false }),
      proc('T_V', [sv('V', { v: 2 }), respond], {}, { version: 2 }),
    ]);
    expect(lib.list()).toEqual([{ key: 'T_V', type: 'T', subType: 'V', version: 2, isTest: false, file: '/defs/T_V.json', format: 'datapack-expanded' }]);
    expect((await run(lib, 'T_V')).IPResult).toEqual({ V: { v: 2 } });
  });

  it('lists keys in order and knows only active ones', () => {
    const lib = library([proc('B_X', []), proc('A_X', []), proc('C_X', [], {}, { active: false })]);
    expect(lib.list().map((p) => p.key)).toEqual(['A_X', 'B_X']);
    expect([lib.has('A_X'), lib.has('C_X'), lib.has('Z_Z')]).toEqual([true, false, false]);
  });

  it('reports a formula syntax error as a problem naming the file, the element, the property and the position', () => {
    const lib = library([proc('T_Bad', [sv('Calc', { Tax: '=(%Price% * )' }), sv('Gate', { a: 1 }, { executionConditionalFormula: 'State == ' })])]);
    expect(lib.problems).toHaveLength(2);
    expect(lib.problems[0]).toMatchObject({ file: '/defs/T_Bad.json', element: 'Calc', property: 'elementValueMap' });
    expect(lib.problems[0]?.message).toMatch(/column \d+/);
    expect(lib.problems[0]?.message).toContain('elementValueMap.Tax');
    expect(lib.problems[1]).toMatchObject({ element: 'Gate', property: 'executionConditionalFormula' });
    expect(lib.problems[1]?.message).toMatch(/column \d+/);
  });

  it('answers INVOKE-400 naming the element when a run reaches a definition that did not compile', async () => {
    const lib = library([proc('T_Bad', [sv('Calc', { Tax: '=(%Price% * )' })])]);
    expect(await run(lib, 'T_Bad')).toMatchObject({ errorCode: 'INVOKE-400', details: { element: 'Calc', property: 'elementValueMap' } });
  });

  it('reports a property of the wrong kind as a problem naming the element and the property', () => {
    const lib = library([
      proc('T_Kind', [el('Status', 'Remote Action', { remoteClass: 'InsPolicyService', remoteMethod: 'getPolicyAsyncJobStatus', remoteOptions: 'fast' })]),
    ]);
    expect(lib.problems).toEqual([{ file: '/defs/T_Kind.json', element: 'Status', property: 'remoteOptions', message: 'must be an object' }]);
  });

  it('parses nothing when it runs: every formula was compiled with the library', async () => {
    const lib = library([proc('T_Parse', [sv('A', { x: '=%n% + 1', y: '%n%' }, { executionConditionalFormula: 'n > 0' }), respond])]);
    const before = formulaCompileCount();
    for (let i = 0; i < 5; i++) await run(lib, 'T_Parse', { n: i + 1 });
    expect(formulaCompileCount()).toBe(before);
  });

  it('answers INVOKE-404 for a key it does not hold', async () => {
    expect(await run(library([]), 'No_Such')).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  it('reads $Vlocity.NOW from the injected clock', async () => {
    const lib = library([proc('T_Now', [sv('A', { now: '=$Vlocity.NOW' }), respond])], [], () => Date.UTC(2026, 0, 2, 3, 4, 5));
    const out = await run(lib, 'T_Now');
    expect(String((out.IPResult as { A: { now: unknown } }).A.now)).toContain('2026-01-02');
  });
  it('answers null for $Vlocity.UserId: no running user is known to a run', async () => {
    const lib = library([proc('T_User', [sv('A', { user: '=$Vlocity.UserId', blank: '=ISBLANK($Vlocity.UserId)' }), respond])]);
    expect((await run(lib, 'T_User')).IPResult).toEqual({ A: { user: null, blank: true } });
  });
});

describe('trace', () => {
  it('has one entry per element with name, type, status, reason when skipped, ms and output', async () => {
    const lib = library([proc('T_Trace', [sv('A', { v: 1 }), sv('B', { v: 2 }, { executionConditionalFormula: 'false' }), respond])]);
    const out = await run(lib, 'T_Trace', {}, { trace: true });
    expect(out.trace).toEqual([
      { name: 'A', type: 'Set Values', status: 'ran', ms: expect.any(Number) as number, output: { v: 1 } },
      { name: 'B', type: 'Set Values', status: 'skipped', reason: 'executionConditionalFormula is false', ms: 0 },
      { name: 'Respond', type: 'Response Action', status: 'ran', ms: expect.any(Number) as number, output: { A: { v: 1 } } },
    ]);
  });

  it('is absent without options.trace, and marks the failing element failed', async () => {
    const lib = library([proc('T_Tr2', [el('Odd', 'Email Action')])]);
    expect((await run(lib, 'T_Tr2')).trace).toBeUndefined();
    expect((await run(lib, 'T_Tr2', {}, { trace: true })).trace).toEqual([
      { name: 'Odd', type: 'Email Action', status: 'failed', ms: expect.any(Number) as number },
    ]);
  });

  it('keeps the output as it was when the element ran, not as later elements changed it', async () => {
    const lib = library([proc('T_Tr3', [sv('A', { v: 1 }), sv('B', { w: 2 }, { responseJSONNode: 'A:w' })])]);
    const out = await run(lib, 'T_Tr3', {}, { trace: true });
    expect((out.trace as { output?: unknown }[])[0]?.output).toEqual({ v: 1 });
  });
});

describe('the run deadline', () => {
  it('stops before the next element once the signal aborts', async () => {
    const h = host();
    const lib = library([proc('T_Abort', [sv('A', { v: 1 }), sv('B', { v: 2 })])]);
    h.controller.abort();
    expect(await run(lib, 'T_Abort', {}, {}, h)).toMatchObject({ errorCode: 'INVOKE-504', details: { element: 'A' } });
  });
});
