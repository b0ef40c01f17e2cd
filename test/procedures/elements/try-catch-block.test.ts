/** Try Catch Block (IP reference "Elements"): failOnBlockError, failureResponse. */
import { el, library, proc, run } from '../run-helpers';

const failing = el('Status', 'Remote Action', {
  remoteClass: 'InsPolicyService',
  remoteMethod: 'getPolicyAsyncJobStatus',
  additionalInput: { jobId: '7075j0000000zzzAAA' },
  sendOnlyAdditionalInput: true,
});
const after = el('After', 'Set Values', { elementValueMap: { ran: true } });
const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });

describe('Try Catch Block', () => {
  it('catches a failing child and writes its failureResponse under its name when failOnBlockError is false', async () => {
    const lib = library([
      proc('T_Try', [
        el('Try', 'Try Catch Block', { failOnBlockError: false, failureResponse: { ok: false, who: '%who%' } }, [
          failing,
          el('Skipped', 'Set Values', { elementValueMap: { v: 1 } }),
        ]),
        after,
        respond,
      ]),
    ]);
    const out = await run(lib, 'T_Try', { who: 'me' });
    expect(out.errorCode).toBe('INVOKE-200');
    expect(out.IPResult).toMatchObject({ Try: { ok: false, who: 'me' }, After: { ran: true } });
    expect(out.IPResult).not.toHaveProperty('Skipped');
  });

  it('writes the failure itself when there is no failureResponse', async () => {
    const lib = library([proc('T_Try2', [el('Try', 'Try Catch Block', { failOnBlockError: false }, [failing]), respond])]);
    expect((await run(lib, 'T_Try2')).IPResult).toMatchObject({ Try: { errorCode: 'INVOKE-404', details: { element: 'Status', type: 'Remote Action' } } });
  });

  it('ends the IP with the failing child named and the block failureResponse in details when failOnBlockError is true', async () => {
    const lib = library([proc('T_Try3', [el('Try', 'Try Catch Block', { failOnBlockError: true, failureResponse: { ok: false } }, [failing]), after])]);
    expect(await run(lib, 'T_Try3')).toMatchObject({
      errorCode: 'INVOKE-404',
      details: { element: 'Status', type: 'Remote Action', failureResponse: { ok: false } },
    });
  });

  it('does not catch an element type ipemu does not implement', async () => {
    const lib = library([proc('T_Try4', [el('Try', 'Try Catch Block', { failOnBlockError: false }, [el('Mail', 'Email Action')]), after])]);
    expect(await run(lib, 'T_Try4')).toMatchObject({ errorCode: 'INVOKE-501', details: { element: 'Mail' } });
  });
});
