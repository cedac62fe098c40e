// scale.ts against d3 (a devDependency here): the same positions, ticks, labels and paths.
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { describe, expect, it } from "vitest";
import { linearScale, linePath, logScale } from "./scale.js";

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

describe("linearScale", () => {
  it("maps, ticks and labels as d3's scaleLinear", () => {
    const r = random(1);
    const domains: [number, number][] = [
      [0, 1],
      [0, 0.5],
      [1, 1],
      [-3, 7],
      [5, -5],
      [0, 12345.6],
      [-0.00012, 0.00031],
      [1e6, 1e9],
    ];
    for (let i = 0; i < 200; i++) {
      const scale = 10 ** Math.floor(r() * 12 - 6);
      domains.push([(r() - 0.5) * scale, (r() - 0.3) * scale * (1 + 10 * r())]);
    }
    for (const domain of domains) {
      for (const range of [
        [0, 640],
        [400, 20],
      ] as [number, number][]) {
        const d3 = scaleLinear().domain(domain).range(range);
        const ours = linearScale(domain, range);
        for (const x of [domain[0], domain[1], (domain[0] + domain[1]) / 2, domain[0] * 1.5 - 1]) {
          expect(ours(x)).toBe(d3(x));
        }
        for (const count of [2, 3, 6, 9, 10, 15]) {
          const ticks = ours.ticks(count);
          expect(ticks).toEqual(d3.ticks(count));
          const [ourLabel, d3Label] = [ours.tickFormat(count), d3.tickFormat(count)];
          expect(ticks.map(ourLabel)).toEqual(ticks.map(d3Label));
        }
      }
    }
  });
});

describe("logScale", () => {
  it("maps, ticks and labels (minor ticks unlabelled) as d3's scaleLog with ~g", () => {
    const r = random(2);
    const domains: [number, number][] = [
      [1, 10],
      [0.5, 2],
      [1e-4, 1],
      [3, 3000],
      [1e-8, 1e8],
      [100, 1],
    ];
    for (let i = 0; i < 200; i++) {
      const lo = 10 ** (r() * 16 - 8);
      domains.push([lo, lo * 10 ** (r() * (r() < 0.5 ? 1 : 12))]);
    }
    for (const domain of domains) {
      const d3 = scaleLog().domain(domain).range([10, 500]);
      const ours = logScale(domain, [10, 500]);
      for (const x of [domain[0], domain[1], Math.sqrt(domain[0] * domain[1])]) {
        expect(ours(x)).toBe(d3(x));
      }
      for (const count of [2, 3, 6, 9, 10]) {
        const ticks = ours.ticks(count);
        expect(ticks).toEqual(d3.ticks(count));
        const [ourLabel, d3Label] = [ours.tickFormat(count), d3.tickFormat(count, "~g")];
        expect(ticks.map(ourLabel)).toEqual(ticks.map(d3Label));
      }
    }
  });
});

describe("linePath", () => {
  it("writes d3's line().defined(p => p !== null).digits(2)", () => {
    const d3 = line<[number, number] | null>()
      .defined((p) => p !== null)
      .x((p) => p![0])
      .y((p) => p![1])
      .digits(2);
    const r = random(3);
    const cases: ([number, number] | null)[][] = [
      [],
      [null],
      [[1, 2]],
      [[1.005, 2.3333], null, [3, 4], [5, 6]],
    ];
    for (let i = 0; i < 200; i++) {
      cases.push(
        Array.from({ length: Math.floor(r() * 12) }, () =>
          r() < 0.25 ? null : ([(r() - 0.5) * 1000, r() * 500] as [number, number]),
        ),
      );
    }
    for (const pts of cases) expect(linePath(pts)).toBe(d3(pts) ?? "");
  });
});
