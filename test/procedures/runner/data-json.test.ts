/** The data JSON (IP reference "The data JSON"): where each element's input comes from and where its result goes. */
import { el, library, proc, run } from '../run-helpers';

const respond = (props = {}) => el('Respond', 'Response Action', { returnFullDataJSON: true, ...props });

describe('the data JSON', () => {
  it('starts as the input and gains each result under the element name', async () => {
    const lib = library([proc('T_Start', [el('SV', 'Set Values', { elementValueMap: { a: 1, b: '%State%' } }), respond()])]);
    const out = await run(lib, 'T_Start', { State: 'CA' });
    expect(out).toEqual({ IPResult: { State: 'CA', SV: { a: 1, b: 'CA' } }, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it('trims a result by responseJSONPath and writes it under responseJSONNode (colon paths)', async () => {
    const lib = library([
      proc('T_Trim', [
        el('IfCA', 'Set Values', { elementValueMap: { CASalesTax: 0.0866 }, responseJSONPath: 'CASalesTax', responseJSONNode: 'SalesTax' }),
        el('Deep', 'Set Values', { elementValueMap: { x: { y: 2 } }, responseJSONPath: 'x', responseJSONNode: 'out:inner' }),
        respond(),
      ]),
    ]);
    const out = await run(lib, 'T_Trim');
    expect(out.IPResult).toEqual({ SalesTax: 0.0866, out: { inner: { y: 2 } } });
  });

  it("builds an action's input from sendJSONPath, sendJSONNode and additionalInput (merge fields resolved)", async () => {
    const lib = library([
      proc('T_Send', [
        el('Status', 'Remote Action', {
          remoteClass: 'vlocity_ins.InsPolicyService',
          remoteMethod: 'getPolicyAsyncJobStatus',
          sendJSONPath: 'request:ids',
          sendJSONNode: 'wrapped',
          additionalInput: { jobId: '%request:ids:job%' },
          failOnStepError: false,
        }),
      ]),
    ]);
    const { host } = await import('../run-helpers');
    const h = host();
    await run(lib, 'T_Send', { request: { ids: { job: '7075j00004uK6GjAAK' } } }, {}, h);
    expect(h.calls[0]?.input).toEqual({ wrapped: { job: '7075j00004uK6GjAAK' }, jobId: '7075j00004uK6GjAAK' });
  });

  it('sends only additionalInput with sendOnlyAdditionalInput', async () => {
    const { host } = await import('../run-helpers');
    const h = host();
    const lib = library([
      proc('T_Only', [
        el('Status', 'Remote Action', {
          remoteClass: 'InsPolicyService',
          remoteMethod: 'getPolicyAsyncJobStatus',
          additionalInput: { jobId: '%job%' },
          sendOnlyAdditionalInput: true,
        }),
      ]),
    ]);
    await run(lib, 'T_Only', { job: '7075j00004uK6GjAAK', other: 1 }, {}, h);
    expect(h.calls[0]?.input).toEqual({ jobId: '7075j00004uK6GjAAK' });
  });

  it('adds additionalOutput after the trim, or writes only it with returnOnlyAdditionalOutput', async () => {
    const lib = library([
      proc('T_Out', [
        el('A', 'Set Values', { elementValueMap: { keep: { v: 1 }, drop: 2 }, responseJSONPath: 'keep', additionalOutput: { extra: '%x%' } }),
        el('B', 'Set Values', { elementValueMap: { v: 1 }, additionalOutput: { only: true }, returnOnlyAdditionalOutput: true }),
        respond({ sendJSONPath: '', returnFullDataJSON: true }),
      ]),
    ]);
    const out = await run(lib, 'T_Out', { x: 'X' });
    expect(out.IPResult).toEqual({ x: 'X', A: { v: 1, extra: 'X' }, B: { only: true } });
  });

  it('answers {} without a Response Action, and the data JSON with includeAllActionsInResponse', async () => {
    const elements = [el('SV', 'Set Values', { elementValueMap: { a: 1 } })];
    const lib = library([proc('T_None', elements), proc('T_All', elements, { includeAllActionsInResponse: true })]);
    expect((await run(lib, 'T_None', { q: 1 })).IPResult).toEqual({});
    expect((await run(lib, 'T_All', { q: 1 })).IPResult).toEqual({ q: 1, SV: { a: 1 } });
  });
});
