/** Cache Block (IP reference "Elements"): cacheKeys, ttlMinutes, on the library's injectable clock. */
import { el, host, library, proc, run } from '../run-helpers';

describe('Cache Block', () => {
  let now = Date.UTC(2026, 0, 1);
  const clock = (): number => now;
  const status = el('Status', 'Remote Action', {
    remoteClass: 'InsPolicyService',
    remoteMethod: 'getPolicyAsyncJobStatus',
    additionalInput: { jobId: '%jobId%' },
    sendOnlyAdditionalInput: true,
    responseJSONPath: 'status',
    responseJSONNode: 'job:status',
  });
  const lib = library(
    [
      proc('T_Cache', [
        el('Cached', 'Cache Block', { cacheKeys: ['jobId'], ttlMinutes: 10 }, [status]),
        el('Respond', 'Response Action', { returnFullDataJSON: true }),
      ]),
    ],
    [],
    clock,
  );

  it('replays what its children wrote for the same cacheKeys within ttlMinutes, without running them', async () => {
    const h = host();
    const first = await run(lib, 'T_Cache', { jobId: '7075j00004uK6GjAAK' }, {}, h);
    now += 9 * 60_000;
    const second = await run(lib, 'T_Cache', { jobId: '7075j00004uK6GjAAK' }, {}, h);
    expect(first.IPResult).toEqual({ jobId: '7075j00004uK6GjAAK', job: { status: 'Success' } });
    expect(second.IPResult).toEqual(first.IPResult);
    expect(h.calls).toHaveLength(1);
  });

  it('runs its children again for other cacheKeys values and after ttlMinutes', async () => {
    const h = host();
    await run(lib, 'T_Cache', { jobId: '7075j000000002lAAA' }, {}, h);
    await run(lib, 'T_Cache', { jobId: '7075j000000002mAAA' }, {}, h);
    now += 11 * 60_000;
    await run(lib, 'T_Cache', { jobId: '7075j000000002lAAA' }, {}, h);
    expect(h.calls.map((c) => (c.input as { jobId: string }).jobId)).toEqual(['7075j000000002lAAA', '7075j000000002mAAA', '7075j000000002lAAA']);
  });

  it('does not cache a run whose children failed', async () => {
    const h = host();
    const failing = library(
      [
        proc('T_CacheFail', [
          el('Cached', 'Cache Block', { cacheKeys: ['jobId'] }, [
            el('S', 'Remote Action', { remoteClass: 'InsPolicyService', remoteMethod: 'getPolicyAsyncJobStatus', failOnStepError: false }),
          ]),
        ]),
      ],
      [],
      clock,
    );
    await run(failing, 'T_CacheFail', { jobId: '7075j0000000zzzAAA' }, {}, h);
    await run(failing, 'T_CacheFail', { jobId: '7075j0000000zzzAAA' }, {}, h);
    expect(h.calls).toHaveLength(2);
  });
});
