import { OrgRequests } from '../../../src/orgs/jsforce/org-requests';
import { MAX_TIMEOUT_MS } from '../../../src/core/emulator';

/**
 * Issue 12 item 3: every org request has a deadline. A caller's signal is one; a caller that gave
 * none still gets one of its own, and close() ends whatever is in flight. The work here never
 * answers, as a hung org would not.
 */

const never = (): Promise<never> => new Promise<never>(() => undefined);

afterEach(() => {
  jest.useRealTimers();
});

describe('OrgRequests', () => {
  it('a request whose caller gave no signal fails with TIMEOUT after MAX_TIMEOUT_MS, not never', async () => {
    jest.useFakeTimers();
    const outcome = new OrgRequests().run(never);
    const seen = outcome.catch((err: unknown) => err);
    await jest.advanceTimersByTimeAsync(MAX_TIMEOUT_MS - 1);
    let settled = false;
    void seen.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await seen).toMatchObject({ name: 'IpemuError', code: 'TIMEOUT' });
  });

  it("a request ends with its caller's abort reason when the caller's signal aborts", async () => {
    const caller = new AbortController();
    const outcome = new OrgRequests().run(never, caller.signal);
    const reason = new Error('the invocation timed out');
    caller.abort(reason);
    await expect(outcome).rejects.toBe(reason);
  });

  it('close() ends every request in flight with an AbortError and refuses later ones at once', async () => {
    const requests = new OrgRequests();
    const first = requests.run(never, new AbortController().signal);
    const second = requests.run(never);
    requests.close();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    let started = false;
    await expect(
      requests.run(async () => {
        started = true;
        return 1;
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toBe(false);
  });
});
