// ticks.ts against d3-array and d3-format (devDependencies here), on many seeded values.
import { tickStep as d3TickStep, ticks as d3Ticks } from "d3-array";
import { precisionFixed as d3PrecisionFixed, format } from "d3-format";
import { describe, expect, it } from "vitest";
import { fixedFormat, precisionFixed, tickStep, ticks, trimmedFormat } from "./ticks.js";

/** A seeded generator of doubles in [0, 1) (mulberry32), so that a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of every magnitude and sign, with the edge cases d3-format treats apart. */
function values(seed: number): number[] {
  const r = random(seed);
  const out = [
    0,
    -0,
    1,
    -1,
    0.5,
    -0.0004,
    1e21,
    -1e21,
    123456789,
    1e-7,
    0.1 + 0.2,
    Number.NaN,
    Infinity,
    -Infinity,
  ];
  for (let i = 0; i < 3000; i++) {
    const v = (r() - 0.5) * 10 ** Math.floor(r() * 30 - 12);
    out.push(v, Math.round(v), Number(v.toPrecision(1 + Math.floor(r() * 4))));
  }
  return out;
}

describe("ticks and tickStep", () => {
  it("are d3-array's", () => {
    const r = random(4);
    for (let i = 0; i < 3000; i++) {
      const scale = 10 ** Math.floor(r() * 24 - 12);
      const start = (r() - 0.5) * scale;
      const stop = r() < 0.1 ? start : start + (r() - 0.3) * scale * 10 ** Math.floor(r() * 3);
      for (const count of [0, 0.7, 1, 2, 3, 6, 10, 17]) {
        expect(ticks(start, stop, count)).toEqual(d3Ticks(start, stop, count));
        expect(tickStep(start, stop, count)).toBe(d3TickStep(start, stop, count));
      }
    }
  });
});

describe("the tick label formats", () => {
  it("precisionFixed is d3-format's", () => {
    for (const v of values(5)) expect(precisionFixed(v)).toBe(d3PrecisionFixed(v));
  });

  it("fixedFormat(p) is d3-format's `,.pf`", () => {
    for (const p of [0, 1, 2, 3, 7, 20, 25]) {
      const [ours, d3] = [fixedFormat(p), format(`,.${p}f`)];
      for (const v of values(6 + p)) expect(ours(v)).toBe(d3(v));
    }
  });

  it("trimmedFormat is d3-format's `~g`", () => {
    const d3 = format("~g");
    for (const v of values(7)) expect(trimmedFormat(v)).toBe(d3(v));
  });
});
