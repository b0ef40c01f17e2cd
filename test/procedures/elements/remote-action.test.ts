/** Remote Action (DESIGN.md §5): namespace prefixes stripped, remoteOptions as options, its timeout, its failures. */
import { el, host, library, proc, run } from '../run-helpers';

const status = (props = {}) =>
  el('Status', 'Remote Action', { remoteClass: 'vlocity_ins.InsPolicyService', remoteMethod: 'getPolicyAsyncJobStatus', ...props });
const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });

describe('Remote Action', () => {
  it.each(['vlocity_ins.', 'vlocity_cmt.', 'vlocity_ps.', 'omnistudio.', '%vlocity_namespace%.', ''])(
    'invokes Class:Method with the namespace prefix "%s" stripped',
    async (prefix) => {
      const h = host();
      const lib = library([proc('T_Ns', [status({ remoteClass: `${prefix}InsPolicyService` }), respond])]);
      const out = await run(lib, 'T_Ns', { jobId: '7075j00004uK6GjAAK' }, {}, h);
      expect(h.calls.map((c) => c.key)).toEqual(['InsPolicyService:getPolicyAsyncJobStatus']);
      expect(out.IPResult).toMatchObject({ Status: { status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200' } });
    },
  );

  it('passes its resolved remoteOptions as the options of the invoke', async () => {
    const h = host();
    const lib = library([
      proc('T_Opt', [
        status({
          remoteOptions: { referencePolicyNumber: '%ref%', mode: 'fast' },
          additionalInput: { jobId: '7075j00004uK6GjAAK' },
          sendOnlyAdditionalInput: true,
        }),
        respond,
      ]),
    ]);
    await run(lib, 'T_Opt', { ref: 'AUTO-2026-000123' }, {}, h);
    expect(h.calls[0]?.options).toEqual({ referencePolicyNumber: 'AUTO-2026-000123', mode: 'fast', timeout: expect.any(Number) as number });
  });

  it('gives the service the smaller of remoteTimeout and what is left of the run', async () => {
    const now = 1000;
    const short = host(undefined, { clock: () => now, deadlineAt: now + 50_000 });
    await run(library([proc('T_To', [status({ remoteTimeout: 2500, failOnStepError: false })])]), 'T_To', { jobId: '7075j00004uK6GjAAK' }, {}, short);
    expect(short.calls[0]?.options?.timeout).toBe(2500);
    const late = host(undefined, { clock: () => now, deadlineAt: now + 700 });
    await run(library([proc('T_To', [status({ remoteTimeout: 2500, failOnStepError: false })])]), 'T_To', { jobId: '7075j00004uK6GjAAK' }, {}, late);
    expect(late.calls[0]?.options?.timeout).toBe(700);
  });

  it('treats an answer whose errorCode is not INVOKE-200 as the step failure, keeping the answer as its result', async () => {
    const lib = library([proc('T_404', [status({ failOnStepError: false }), respond])]);
    const out = await run(lib, 'T_404', { policyId: '0YT5w00000000GSGAY' }, { trace: true });
    expect(out.IPResult).toMatchObject({ Status: { errorCode: 'INVOKE-404' } });
    expect((out.trace as { status: string }[])[0]?.status).toBe('failed');
  });

  it('fails the step with INVOKE-400 naming sendJSONPath when that path resolves to nothing, without calling the service', async () => {
    const h = host();
    const lib = library([proc('T_Empty', [status({ sendJSONPath: 'Prepare:request' }), respond])]);
    const out = await run(lib, 'T_Empty', { jobId: '7075j00004uK6GjAAK' }, {}, h);
    expect(out).toMatchObject({
      errorCode: 'INVOKE-400',
      error: 'Remote Action Status has no input to send: sendJSONPath "Prepare:request" resolves to nothing in the data JSON.',
      details: { element: 'Status', type: 'Remote Action', property: 'sendJSONPath' },
    });
    expect(h.calls).toEqual([]);
  });

  it('answers INVOKE-404 for a class the registry does not hold', async () => {
    const lib = library([proc('T_Unknown', [status({ remoteClass: 'vlocity_ins.NoSuchService' })])]);
    expect(await run(lib, 'T_Unknown')).toMatchObject({ errorCode: 'INVOKE-404', details: { element: 'Status', type: 'Remote Action' } });
  });

  it('is a problem without remoteClass or remoteMethod', () => {
    const lib = library([proc('T_Empty', [el('R', 'Remote Action', {})])]);
    expect(lib.problems.map((p) => p.property)).toEqual(['remoteClass', 'remoteMethod']);
  });
});
