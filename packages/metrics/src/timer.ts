import { argError, checkOptions, fmtValue, ValueError } from "@tsgrad/tensor";

/** Options of {@link Timer}. */
export interface TimerOptions {
  /** The clock, in milliseconds (default `performance.now()`); tests pass a fake one. */
  now?: () => number;
}

/**
 * Records running times, as d2l's `Timer`: it starts when created; `stop()` records the time
 * since the last `start()` (in seconds) and returns it.
 *
 *     const timer = new Timer();
 *     for (const batch of trainIter) { timer.start(); step(batch); timer.stop(); }
 *     console.log(`${(n / timer.sum()).toFixed(1)} examples/sec`);
 */
export class Timer {
  /** Every recorded interval, in seconds. */
  readonly times: number[] = [];
  private tik = 0;
  private readonly now: () => number;

  constructor(options: TimerOptions = {}) {
    checkOptions("Timer", "options", options, ["now"]);
    if (options.now !== undefined && typeof options.now !== "function") {
      throw argError("Timer", "options.now", "a function", options.now);
    }
    this.now = options.now ?? (() => performance.now());
    this.tik = this.#read("Timer");
  }

  /** The clock's reading: a clock that answers "abc" would make every time NaN. */
  #read(fn: string): number {
    const t = this.now();
    if (typeof t !== "number" || !Number.isFinite(t)) {
      throw new ValueError(
        `${fn}: the clock (options.now) must return a finite number of milliseconds, got ${fmtValue(t)}`,
      );
    }
    return t;
  }

  /** Starts (or restarts) the current interval. */
  start(): void {
    this.tik = this.#read("Timer.start");
  }

  /** Ends the current interval, records it and returns it, in seconds. */
  stop(): number {
    const seconds = (this.#read("Timer.stop") - this.tik) / 1000;
    this.times.push(seconds);
    return seconds;
  }

  /** The mean recorded interval, in seconds. */
  avg(): number {
    if (this.times.length === 0)
      throw new ValueError("Timer.avg: no interval recorded yet; call stop() first");
    return this.sum() / this.times.length;
  }

  /** The total of the recorded intervals, in seconds. */
  sum(): number {
    let s = 0;
    for (const t of this.times) s += t;
    return s;
  }

  /** Running totals: the time elapsed at the end of each interval, in seconds. */
  cumsum(): number[] {
    let s = 0;
    return this.times.map((t) => {
      s += t;
      return s;
    });
  }
}
