/**
 * Invocation deadlines on shared timers. A timer per invocation (setTimeout, then clearTimeout when
 * it answers) costs more than the rest of a mock-org jobId lookup; here every invocation with the
 * same timeout joins one first-in-first-out queue, whose deadlines are therefore in order, and the
 * queue keeps a single timer armed for its oldest live deadline.
 *
 * The timer is unref'd while its queue holds no live deadline, so an idle process can still exit,
 * and it is never cleared on the hot path: a sequential caller arms one timer per timeout period.
 */

export interface Deadline {
  /** When it falls due, on the deadlines' clock. */
  readonly at: number;
  /** The work finished in time: the deadline will not fire. Calling it again does nothing. */
  cancel(): void;
}

/** Monotonic milliseconds. */
export type Clock = () => number;

class Entry implements Deadline {
  constructor(
    private readonly queue: Queue,
    readonly at: number,
    public onExpire: (() => void) | undefined,
  ) {}

  cancel(): void {
    if (this.onExpire === undefined) return;
    this.onExpire = undefined;
    this.queue.settled();
  }
}

/** Cancelled entries are dropped from the front as they reach it, and swept when they pile up behind a slow one. */
const SWEEP_AT = 1024;

class Queue {
  private entries: Entry[] = [];
  private head = 0;
  private live = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly onIdle: (queue: Queue) => void,
    private readonly clock: Clock,
  ) {}

  add(onExpire: () => void): Deadline {
    const entry = new Entry(this, this.clock() + this.ms, onExpire);
    this.entries.push(entry);
    if (++this.live === 1) {
      if (this.timer === undefined) this.timer = setTimeout(this.fire, this.ms);
      else this.timer.ref();
    }
    return entry;
  }

  /** For tests: live deadlines, and entries held (live or cancelled). */
  stats(): { live: number; held: number } {
    return { live: this.live, held: this.entries.length - this.head };
  }

  /** An entry was cancelled. */
  settled(): void {
    if (--this.live === 0) {
      this.entries = [];
      this.head = 0;
      this.timer?.unref();
      return;
    }
    const entries = this.entries;
    while (this.head < entries.length && entries[this.head]!.onExpire === undefined) this.head++;
    const held = entries.length - this.head;
    if (held >= SWEEP_AT && held > 2 * this.live) {
      this.entries = entries.filter((e, i) => i >= this.head && e.onExpire !== undefined);
      this.head = 0;
    }
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = this.clock();
    const entries = this.entries;
    const due: (() => void)[] = [];
    while (this.head < entries.length) {
      const entry = entries[this.head]!;
      const onExpire = entry.onExpire;
      if (onExpire !== undefined) {
        if (entry.at > now) break;
        entry.onExpire = undefined;
        this.live--;
        due.push(onExpire);
      }
      this.head++;
    }
    if (this.live > 0) {
      this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(entries[this.head]!.at - now)));
    } else {
      this.entries = [];
      this.head = 0;
      this.onIdle(this);
    }
    // Called once the queue is consistent: an expiry may start or cancel other invocations.
    for (const onExpire of due) onExpire();
  };
}

/** Deadlines by timeout length; a queue is dropped once it is idle and its timer has run out. */
export class Deadlines {
  private readonly queues = new Map<number, Queue>();

  constructor(private readonly clock: Clock = () => performance.now()) {}

  /** Calls `onExpire` once `ms` have passed, unless the returned deadline is cancelled first. */
  add(ms: number, onExpire: () => void): Deadline {
    let queue = this.queues.get(ms);
    if (queue === undefined) {
      queue = new Queue(
        ms,
        (idle) => {
          if (this.queues.get(ms) === idle) this.queues.delete(ms);
        },
        this.clock,
      );
      this.queues.set(ms, queue);
    }
    return queue.add(onExpire);
  }

  /** For tests: timeout lengths with a queue, and each queue's live and held entries. */
  stats(): Map<number, { live: number; held: number }> {
    return new Map([...this.queues].map(([ms, queue]) => [ms, queue.stats()]));
  }
}
