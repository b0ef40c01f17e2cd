/** Integration Procedure Action: runs another IP of the library; recursion and depth refused; mocks of called IPs in test runs. */
import { el, library, proc, run } from '../run-helpers';
import { MAX_PROCEDURE_DEPTH } from '../../../src/procedures/library';

const call = (name: string, key: string, props = {}) => el(name, 'Integration Procedure Action', { integrationProcedureKey: key, ...props });
const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });

describe('Integration Procedure Action', () => {
  const inner = proc(
    'Inner_Tax',
    [
      el('Rate', 'Set Values', { elementValueMap: { rate: 0.07 } }),
      el('Out', 'Response Action', { additionalOutput: { total: '=%price% * (1 + %Rate:rate%)' }, returnOnlyAdditionalOutput: true }),
    ],
    { mockResponseMap: { Rate: { rate: 0.06 } } },
  );

  it("runs the other IP with the action's input and takes its response as the result", async () => {
    const lib = library([inner, proc('Outer_Main', [call('Tax', 'Inner_Tax', { sendJSONPath: 'order' }), respond])]);
    expect((await run(lib, 'Outer_Main', { order: { price: 100 } })).IPResult).toEqual({ order: { price: 100 }, Tax: { total: 107 } });
  });

  it("applies the called IP's mockResponseMap in a test run only", async () => {
    const lib = library([inner, proc('Outer_Main', [call('Tax', 'Inner_Tax', { sendJSONPath: 'order' }), respond])]);
    expect((await run(lib, 'Outer_Main', { order: { price: 100 } }, { test: true })).IPResult).toMatchObject({ Tax: { total: 106 } });
  });

  it('refuses recursion with INVOKE-400 naming the cycle', async () => {
    const lib = library([proc('A_A', [call('ToB', 'B_B')]), proc('B_B', [call('ToA', 'A_A')])]);
    const out = await run(lib, 'A_A');
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain('A_A → B_B → A_A');
    expect(out.details).toMatchObject({ element: 'ToB', type: 'Integration Procedure Action' });
  });

  it(`refuses nesting deeper than ${MAX_PROCEDURE_DEPTH}`, async () => {
    const chain = Array.from({ length: MAX_PROCEDURE_DEPTH + 1 }, (_, i) =>
      proc(`L_${i}`, i === MAX_PROCEDURE_DEPTH ? [respond] : [call('Next', `L_${i + 1}`)]),
    );
    const out = await run(library(chain), 'L_0');
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain(`more than ${MAX_PROCEDURE_DEPTH} deep`);
  });

  it('answers INVOKE-404 for a key the library does not hold, and passes a called IP failure on with its element in details.cause', async () => {
    const lib = library([
      proc('Outer_Missing', [call('Gone', 'No_Such')]),
      proc('Outer_Bad', [call('Bad', 'Inner_Bad')]),
      proc('Inner_Bad', [el('Mail', 'Set Values', { elementValueMap: { x: 1 }, failureConditionalFormula: 'true' })]),
    ]);
    expect(await run(lib, 'Outer_Missing')).toMatchObject({ errorCode: 'INVOKE-404', details: { element: 'Gone' } });
    expect(await run(lib, 'Outer_Bad')).toMatchObject({
      errorCode: 'INVOKE-500',
      details: { element: 'Bad', procedure: 'Inner_Bad', cause: { element: 'Mail' } },
    });
  });
});

describe('Integration Procedure Action input', () => {
  it('answers INVOKE-400 when what it sends is not a JSON object', async () => {
    const lib = library([
      proc('Inner_Echo', [el('R', 'Response Action', { returnFullDataJSON: true })]),
      proc('Outer_Text', [el('Call', 'Integration Procedure Action', { integrationProcedureKey: 'Inner_Echo', sendJSONPath: 'name' })]),
    ]);
    expect(await run(lib, 'Outer_Text', { name: 'just text' })).toMatchObject({ errorCode: 'INVOKE-400', details: { element: 'Call' } });
  });

  it("gives the called IP a copy: its writes never reach the caller's data JSON", async () => {
    const lib = library([
      proc('Inner_Write', [
        el('W', 'Set Values', { elementValueMap: { v: 1 }, responseJSONNode: 'order:changed' }),
        el('R', 'Response Action', { additionalOutput: { ok: true }, returnOnlyAdditionalOutput: true }),
      ]),
      proc('Outer_Copy', [
        el('Call', 'Integration Procedure Action', { integrationProcedureKey: 'Inner_Write' }),
        el('R', 'Response Action', { returnFullDataJSON: true }),
      ]),
    ]);
    expect((await run(lib, 'Outer_Copy', { order: { id: 1 } })).IPResult).toEqual({ order: { id: 1 }, Call: { ok: true } });
  });
});
