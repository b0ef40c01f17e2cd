import { waitForJob, FIRST_DELAY_MS, MAX_DELAY_MS } from '../../src/cli/wait';
import type { OutputMap } from '../../src/core/envelope';

const job = (status: string): OutputMap => ({ status, jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200', error: 'OK' });

/** A fake clock: sleep advances it, and each invocation costs `callMs`. */
function fakeClock(callMs = 0) {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    tick: () => {
      t += callMs;
    },
    sleeps,
    elapsed: () => t,
  };
}

describe('waitForJob', () => {
  it('polls with backoff from 1 s doubling, capped at 10 s, until a final status', async () => {
    const clock = fakeClock();
    const statuses = ['WaitingToProcess', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'Success'];
    const seen: string[] = [];
    const result = await waitForJob(async () => job(statuses.shift() as string), {
      now: clock.now,
      sleep: clock.sleep,
      onStatus: (o) => seen.push(String(o.status)),
    });
    expect(result.output.status).toBe('Success');
    expect(result.timedOut).toBe(false);
    expect(result.attempts).toBe(8);
    expect(clock.sleeps).toEqual([FIRST_DELAY_MS, 2000, 4000, 8000, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
    expect(seen).toEqual(['WaitingToProcess', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress']);
  });

  it.each(['Success', 'Failed', 'Aborted'])('returns at once on the final status %s', async (status) => {
    const clock = fakeClock();
    const result = await waitForJob(async () => job(status), { now: clock.now, sleep: clock.sleep });
    expect(result).toEqual({ output: job(status), timedOut: false, attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('returns at once when the lookup fails (not INVOKE-200)', async () => {
    const clock = fakeClock();
    const calls = jest.fn(async (): Promise<OutputMap> => ({ errorCode: 'INVOKE-404', error: 'No such job.' }));
    const result = await waitForJob(calls, { now: clock.now, sleep: clock.sleep, timeoutMs: 60_000 });
    expect(calls).toHaveBeenCalledTimes(1);
    expect(result.output.errorCode).toBe('INVOKE-404');
    expect(result.timedOut).toBe(false);
  });

  it('stops at the total timeout with the last output, the last sleep ending at the deadline', async () => {
    const clock = fakeClock();
    const result = await waitForJob(async () => job('InProgress'), { now: clock.now, sleep: clock.sleep, timeoutMs: 5000 });
    expect(result.timedOut).toBe(true);
    expect(result.output.status).toBe('InProgress');
    // 1 s + 2 s, then the 4 s step is cut to the 2 s left; no poll past the deadline.
    expect(clock.sleeps).toEqual([1000, 2000, 2000]);
    expect(result.attempts).toBe(3);
    expect(clock.elapsed()).toBe(5000);
  });

  it('sees a job that finishes just before the deadline', async () => {
    const clock = fakeClock();
    const result = await waitForJob(async () => job(clock.now() >= 3000 ? 'Success' : 'InProgress'), {
      now: clock.now,
      sleep: clock.sleep,
      timeoutMs: 3500,
    });
    expect(result).toMatchObject({ timedOut: false, attempts: 3, output: { status: 'Success' } });
  });

  it('treats a poll cut short by the time left as the wait running out, keeping the last status', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await waitForJob(
      async () => {
        calls += 1;
        return calls === 1 ? job('InProgress') : { errorCode: 'INVOKE-504', error: 'The invocation did not finish within 1 ms.' };
      },
      { now: clock.now, sleep: clock.sleep, timeoutMs: 5000 },
    );
    expect(result).toMatchObject({ timedOut: true, output: { status: 'InProgress', errorCode: 'INVOKE-200' } });
  });

  it('passes each invocation the time left, counting the time the invocations took', async () => {
    const clock = fakeClock(300);
    const remaining: (number | undefined)[] = [];
    await waitForJob(
      async (left) => {
        remaining.push(left);
        clock.tick();
        return job('InProgress');
      },
      { now: clock.now, sleep: clock.sleep, timeoutMs: 2000 },
    );
    expect(remaining[0]).toBe(2000);
    expect(remaining[1]).toBe(2000 - 300 - 1000);
    // Never invoked with no time left.
    expect(remaining.every((r) => r !== undefined && r > 0)).toBe(true);
  });

  it('passes undefined as the time left when there is no timeout', async () => {
    const clock = fakeClock();
    const statuses = ['InProgress', 'Success'];
    const remaining: (number | undefined)[] = [];
    await waitForJob(
      async (left) => {
        remaining.push(left);
        return job(statuses.shift() as string);
      },
      { now: clock.now, sleep: clock.sleep },
    );
    expect(remaining).toEqual([undefined, undefined]);
  });
});
