import { assembleEmulator } from '../../src/core/emulator';
import { defineService } from '../../src/core/define-service';
import type { Org } from '../../src/core/org';

/**
 * Issue 12 item 5: a synchronous handler holds the event loop, so its deadline's timer cannot fire
 * while it runs; it used to answer INVOKE-200 after 15× its timeout. The clock is read when the
 * handler settles: an overrun is INVOKE-504, whatever the handler answered.
 */

const org: Org = {
  cacheKey: 'none',
  query: () => Promise.reject(new Error('no org in this test')),
  describe: () => Promise.reject(new Error('no org in this test')),
};

const TIMEOUT = 100;

/** A clock the handler moves: `spend(ms)` is synchronous work of that length. */
function fakeClock(): { now: () => number; spend: (ms: number) => void } {
  let at = 1_000;
  return { now: () => at, spend: (ms) => void (at += ms) };
}

function emulatorSpending(clock: ReturnType<typeof fakeClock>, ms: number, answer: () => Record<string, unknown>): ReturnType<typeof assembleEmulator> {
  const service = defineService('Busy', {
    work: {
      description: 'Spends ms of synchronous work, then answers.',
      input: { type: 'object' },
      handler: () => {
        clock.spend(ms);
        return answer();
      },
    },
  });
  return assembleEmulator({ services: [service], org, clock: clock.now });
}

describe('a handler that overran its timeout answers INVOKE-504, whatever it returned', () => {
  it('15× the timeout of synchronous work, then a success: INVOKE-504', async () => {
    const clock = fakeClock();
    const emu = emulatorSpending(clock, 15 * TIMEOUT, () => ({ done: true }));
    await expect(emu.invoke('Busy:work', {}, { timeout: TIMEOUT })).resolves.toEqual({
      errorCode: 'INVOKE-504',
      error: `The invocation did not finish within ${TIMEOUT} ms.`,
    });
  });

  it('an overrun that ends in a throw or a hostile answer is INVOKE-504 too', async () => {
    const clock = fakeClock();
    const throwing = emulatorSpending(clock, TIMEOUT + 1, () => {
      throw new Error('late failure');
    });
    await expect(throwing.invoke('Busy:work', {}, { timeout: TIMEOUT })).resolves.toMatchObject({ errorCode: 'INVOKE-504' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const hostile = emulatorSpending(clock, TIMEOUT + 1, () => cyclic);
    await expect(hostile.invoke('Busy:work', {}, { timeout: TIMEOUT })).resolves.toMatchObject({ errorCode: 'INVOKE-504' });
  });

  it('work that ends exactly at the timeout is in time: INVOKE-200', async () => {
    const clock = fakeClock();
    const emu = emulatorSpending(clock, TIMEOUT, () => ({ done: true }));
    await expect(emu.invoke('Busy:work', {}, { timeout: TIMEOUT })).resolves.toEqual({ done: true, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it('a real 60 ms busy loop against a 5 ms timeout, on the default clock: INVOKE-504', async () => {
    const service = defineService('Busy', {
      loop: {
        description: 'Busy-loops 60 ms.',
        input: { type: 'object' },
        handler: () => {
          const until = performance.now() + 60;
          while (performance.now() < until);
          return { done: true };
        },
      },
    });
    const emu = assembleEmulator({ services: [service], org });
    await expect(emu.invoke('Busy:loop', {}, { timeout: 5 })).resolves.toEqual({
      errorCode: 'INVOKE-504',
      error: 'The invocation did not finish within 5 ms.',
    });
  });
});
