/** executionConditionalFormula, failureConditionalFormula, failOnStepError, failureResponse (IP reference "The data JSON"). */
import { el, library, proc, run } from '../run-helpers';

const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });
const status = (props = {}) =>
  el('Status', 'Remote Action', {
    remoteClass: 'vlocity_ins.InsPolicyService',
    remoteMethod: 'getPolicyAsyncJobStatus',
    additionalInput: { jobId: '%jobId%' },
    ...props,
  });

describe('conditions', () => {
  it('runs an element only when its executionConditionalFormula is true', async () => {
    const lib = library([
      proc('T_Cond', [
        el('Yes', 'Set Values', { elementValueMap: { v: 1 }, executionConditionalFormula: 'State == "CA"' }),
        el('No', 'Set Values', { elementValueMap: { v: 2 }, executionConditionalFormula: 'State == "OR"' }),
        respond,
      ]),
    ]);
    expect((await run(lib, 'T_Cond', { State: 'ca' })).IPResult).toEqual({ State: 'ca', Yes: { v: 1 } });
  });

  it("skips a block's children with the block when its condition is false", async () => {
    const block = el('Block', 'Conditional Block', { executionConditionalFormula: 'go == true' }, [el('Inner', 'Set Values', { elementValueMap: { v: 1 } })]);
    const lib = library([proc('T_Block', [block, respond])]);
    expect((await run(lib, 'T_Block', { go: false })).IPResult).toEqual({ go: false });
    expect((await run(lib, 'T_Block', { go: true })).IPResult).toEqual({ go: true, Inner: { v: 1 } });
  });

  it('never runs an inactive element', async () => {
    const lib = library([proc('T_Inactive', [el('Off', 'Set Values', { elementValueMap: { v: 1 } }, [], false), respond])]);
    expect((await run(lib, 'T_Inactive')).IPResult).toEqual({});
  });
});

describe('failures', () => {
  it("ends the IP with the failing step's code and details naming the element and type (failOnStepError)", async () => {
    const lib = library([proc('T_Fail', [status(), respond])]);
    const out = await run(lib, 'T_Fail', { jobId: '7075j0000000zzzAAA' });
    expect(out.errorCode).toBe('INVOKE-404');
    expect(out.details).toMatchObject({ element: 'Status', type: 'Remote Action' });
    expect(out.IPResult).toBeUndefined();
  });

  it('writes the failed answer under the element name and goes on without failOnStepError', async () => {
    const lib = library([
      proc('T_GoOn', [status({ failOnStepError: false }), el('After', 'Set Values', { elementValueMap: { code: '%Status:errorCode%' } }), respond]),
    ]);
    const out = await run(lib, 'T_GoOn', { jobId: '7075j0000000zzzAAA' });
    expect(out.errorCode).toBe('INVOKE-200');
    expect(out.IPResult).toMatchObject({ Status: { errorCode: 'INVOKE-404' }, After: { code: 'INVOKE-404' } });
  });

  it('fails a step whose failureConditionalFormula is true, with its resolved failureResponse in details', async () => {
    const lib = library([
      proc('T_FailCond', [
        el('Check', 'Set Values', { elementValueMap: { n: 0 }, failureConditionalFormula: 'Check:n == 0', failureResponse: { reason: 'no rows for %who%' } }),
        respond,
      ]),
    ]);
    const out = await run(lib, 'T_FailCond', { who: 'Ann' });
    expect(out).toMatchObject({ errorCode: 'INVOKE-500', details: { element: 'Check', type: 'Set Values', failureResponse: { reason: 'no rows for Ann' } } });
    expect(out.error).toContain('failureConditionalFormula');
  });

  it('answers INVOKE-501 naming the type and the element for a stored type ipemu does not implement, only when reached', async () => {
    const http = el('CallApi', 'Rest Action', { executionConditionalFormula: 'call == true' });
    const lib = library([proc('T_Rest', [http, respond])]);
    expect((await run(lib, 'T_Rest', { call: false })).errorCode).toBe('INVOKE-200');
    const out = await run(lib, 'T_Rest', { call: true });
    expect(out).toMatchObject({ errorCode: 'INVOKE-501', details: { element: 'CallApi', type: 'Rest Action' } });
    expect(out.error).toContain('Rest Action');
    expect(out.error).toContain('CallApi');
  });

  it('answers INVOKE-501 for a type no one knows, too', async () => {
    const lib = library([proc('T_Odd', [el('Odd', 'Quantum Action')])]);
    expect(await run(lib, 'T_Odd')).toMatchObject({ errorCode: 'INVOKE-501', details: { element: 'Odd', type: 'Quantum Action' } });
  });
});
