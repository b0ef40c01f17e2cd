import { Deadlines } from '../../src/core/deadlines';

// Deadlines reads performance.now() and arms setTimeout: the fake clock drives both.
beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('Deadlines: invocation timeouts on shared timers', () => {
  it('fires each deadline once, no earlier than its time, in order', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    const start = performance.now();
    const at: Record<string, number> = {};
    for (const name of ['a', 'b'])
      deadlines.add(30, () => {
        fired.push(name);
        at[name] = performance.now() - start;
      });
    deadlines.add(10, () => {
      fired.push('short');
      at.short = performance.now() - start;
    });
    jest.advanceTimersByTime(9);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual(['short']);
    jest.advanceTimersByTime(19);
    expect(fired).toEqual(['short']);
    jest.advanceTimersByTime(100);
    expect(fired).toEqual(['short', 'a', 'b']);
    expect(at).toEqual({ short: 10, a: 30, b: 30 });
    expect(deadlines.stats().size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a cancelled deadline never fires, and a later one still does', () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const first = deadlines.add(20, () => fired.push(1));
    jest.advanceTimersByTime(5);
    deadlines.add(20, () => fired.push(2));
    first.cancel();
    first.cancel();
    jest.advanceTimersByTime(19);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([2]);
    jest.advanceTimersByTime(100);
    expect(fired).toEqual([2]);
  });

  it('keeps nothing of a sequential caller: a finished deadline is dropped at once', () => {
    const deadlines = new Deadlines();
    for (let i = 0; i < 10_000; i++) deadlines.add(30_000, () => undefined).cancel();
    expect(deadlines.stats().get(30_000)).toEqual({ live: 0, held: 0 });
  });

  it('does not pile up finished deadlines behind one that is still running', () => {
    const deadlines = new Deadlines();
    const slow = deadlines.add(30_000, () => undefined);
    for (let i = 0; i < 100_000; i++) deadlines.add(30_000, () => undefined).cancel();
    const { live, held } = deadlines.stats().get(30_000)!;
    expect(live).toBe(1);
    expect(held).toBeLessThan(2_100);
    slow.cancel();
    expect(deadlines.stats().get(30_000)).toEqual({ live: 0, held: 0 });
  });

  it('an expiry that starts new work gets a timer for it', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(10, () => {
      fired.push('first');
      deadlines.add(10, () => fired.push('second'));
    });
    jest.advanceTimersByTime(10);
    expect(fired).toEqual(['first']);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(10);
    expect(fired).toEqual(['first', 'second']);
  });
});
