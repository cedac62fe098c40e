import { ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Timer } from "./timer.js";

function fakeClock(...ms: number[]): () => number {
  let i = 0;
  return () => {
    const t = ms[i];
    if (t === undefined) throw new Error("fake clock ran out of times");
    i++;
    return t;
  };
}

describe("Timer (d2l's)", () => {
  it("starts when created; stop records seconds since start; avg, sum, cumsum", () => {
    // created at 0; stop at 1500; start at 2000; stop at 2500; start at 3000; stop at 6000
    const timer = new Timer({ now: fakeClock(0, 1500, 2000, 2500, 3000, 6000) });
    expect(timer.stop()).toBe(1.5);
    timer.start();
    expect(timer.stop()).toBe(0.5);
    timer.start();
    timer.stop();
    expect(timer.times).toEqual([1.5, 0.5, 3]);
    expect(timer.sum()).toBe(5);
    expect(timer.avg()).toBeCloseTo(5 / 3, 12);
    expect(timer.cumsum()).toEqual([1.5, 2, 5]);
  });

  it("stop without start measures from the previous start", () => {
    const timer = new Timer({ now: fakeClock(100, 200, 400) });
    timer.stop();
    timer.stop();
    expect(timer.times).toEqual([0.1, 0.3]);
  });

  it("avg needs a recorded interval", () => {
    expect(() => new Timer().avg()).toThrow("Timer.avg: no interval recorded yet; call stop() first");
  });

  it("uses performance.now() by default: intervals are non-negative seconds", () => {
    const timer = new Timer();
    const dt = timer.stop();
    expect(dt).toBeGreaterThanOrEqual(0);
    expect(timer.cumsum()).toEqual([dt]);
  });
});

describe("Timer from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("names options and a clock of the wrong kind", () => {
    expect(() => new Timer(js(null))).toThrowError(ValueError);
    expect(() => new Timer(js(null))).toThrowError(/^Timer: options must be an object of options, got null$/);
    expect(() => new Timer(js({ clock: () => 0 }))).toThrowError('Timer: unknown option "clock" in options');
    expect(() => new Timer(js({ now: 0 }))).toThrowError(/^Timer: options\.now must be a function, got 0$/);
    expect(() => new Timer({ now: () => js("0") })).toThrowError(
      /^Timer: the clock \(options\.now\) must return a finite number of milliseconds, got "0"$/,
    );
    const readings = [0, Number.NaN];
    const timer = new Timer({ now: () => readings.shift()! });
    expect(() => timer.stop()).toThrowError(
      "Timer.stop: the clock (options.now) must return a finite number",
    );
    expect(timer.times).toEqual([]);
  });
});
