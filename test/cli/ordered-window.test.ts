import { runOrdered } from '../../src/cli/ordered-window';

async function* numbers(n: number, pulled?: number[]): AsyncGenerator<number> {
  for (let i = 0; i < n; i += 1) {
    pulled?.push(i);
    yield i;
  }
}

// Items take fake time: jest's clock runs every timer, and the promise work between them, to the end.
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** Runs a runOrdered call to completion on the fake clock. */
async function settle<T>(run: Promise<T>): Promise<T> {
  await jest.runAllTimersAsync();
  return run;
}

describe('runOrdered', () => {
  it('emits results in input order although they finish out of order', async () => {
    const out: number[] = [];
    const finished: number[] = [];
    await settle(
      runOrdered(
        numbers(40),
        8,
        async (i) => {
          await delay((i * 7919) % 13);
          finished.push(i);
          return i * 10;
        },
        (r) => {
          out.push(r);
        },
      ),
    );
    expect(finished).not.toEqual([...finished].sort((a, b) => a - b));
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 10));
  });

  it('never has more than `concurrency` items in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await settle(
      runOrdered(
        numbers(50),
        5,
        async (i) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await delay(i % 3);
          inFlight -= 1;
          return i;
        },
        () => undefined,
      ),
    );
    expect(peak).toBe(5);
  });

  it('runs items concurrently (not one at a time)', async () => {
    const started: number[] = [];
    const finishFirst: Array<() => void> = [];
    const run = runOrdered(
      numbers(4),
      4,
      (i) => {
        started.push(i);
        return new Promise<number>((resolve) => finishFirst.push(() => resolve(i)));
      },
      () => undefined,
    );
    await jest.advanceTimersByTimeAsync(0);
    // All four started while none had finished.
    expect(started).toEqual([0, 1, 2, 3]);
    finishFirst.forEach((f) => f());
    await run;
  });

  it('stops reading input while the sink is full (backpressure)', async () => {
    const pulled: number[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let emitted = 0;
    const run = runOrdered(
      numbers(100, pulled),
      4,
      async (i) => i,
      async () => {
        emitted += 1;
        if (emitted === 1) await blocked;
      },
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(emitted).toBe(1);
    // The window (4) is full and the first emit has not returned: nothing more is read.
    expect(pulled.length).toBeLessThanOrEqual(5);
    release();
    await run;
    expect(emitted).toBe(100);
  });

  it('propagates a failing item', async () => {
    await expect(
      runOrdered(
        numbers(5),
        2,
        async (i) => {
          if (i === 3) throw new Error('boom');
          return i;
        },
        () => undefined,
      ),
    ).rejects.toThrow('boom');
  });

  it('on stop, returns false at once although the head never settles, and reads no more input', async () => {
    const pulled: number[] = [];
    const stop = new AbortController();
    const out: number[] = [];
    const run = runOrdered(
      numbers(100, pulled),
      2,
      (i) => (i === 1 ? new Promise<number>(() => undefined) : Promise.resolve(i)),
      (r) => {
        out.push(r);
      },
      stop.signal,
    );
    await jest.advanceTimersByTimeAsync(0);
    const pulledBefore = pulled.length;
    stop.abort('SIGINT');
    await expect(run).resolves.toBe(false);
    expect(out).toEqual([0]);
    expect(pulled.length).toBe(pulledBefore);
  });

  it('answers true when every item was emitted', async () => {
    await expect(
      settle(
        runOrdered(
          numbers(3),
          2,
          async (i) => i,
          () => undefined,
          new AbortController().signal,
        ),
      ),
    ).resolves.toBe(true);
  });
});
