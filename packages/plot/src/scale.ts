// The charts' scales and line paths: d3-scale's linear and log scales and d3-shape's line, for
// the cases the charts use, with the same floating-point steps and the same output (scale.test.ts
// compares them with d3). Why not d3 itself: the packages' single-file builds carry their generic
// parts (interpolators of colors and strings, every curve and shape, every format and locale)
// into a bundle, ~14 KiB gzipped, for these ~150 lines. The tick values and labels are in
// ticks.ts (d3-array's and d3-format's), with d3's license.
import { fixedFormat, precisionFixed, tickStep, ticks, trimmedFormat } from "./ticks.js";

/** A scale from a domain to a range (pixels, columns), with its ticks and their labels. */
export interface Scale {
  (x: number): number;
  /** About `count` round values in the domain (d3's `scale.ticks`). */
  ticks(count: number): number[];
  /** The labels of those ticks (d3's `scale.tickFormat`); a log scale's are "" for minor ticks. */
  tickFormat(count: number): (x: number) => string;
}

/**
 * [d0, d1] to [r0, r1] linearly, as d3-scale's bimap: normalize to t in [0, 1], then
 * interpolateNumber's r0 * (1 - t) + r1 * t; a descending domain is flipped first.
 */
function bimap(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d1 < d0) [d0, d1, r0, r1] = [d1, d0, r1, r0];
  const span = d1 - d0;
  return (x) => {
    const t = span ? (x - d0) / span : Number.isNaN(span) ? Number.NaN : 0.5;
    return r0 * (1 - t) + r1 * t;
  };
}

/** d3-scale's `scaleLinear().domain(domain).range(range)`. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  return Object.assign(bimap(d0, d1, range[0], range[1]), {
    ticks: (count: number) => ticks(d0, d1, count),
    // Fixed-point labels with as many decimals as the tick step needs, grouped by thousands.
    tickFormat: (count: number) => {
      const precision = precisionFixed(tickStep(d0, d1, count));
      return fixedFormat(Number.isNaN(precision) ? 6 : precision);
    },
  });
}

/** d3-scale's `scaleLog().domain(domain).range(range)` (base 10), for a positive domain. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const map = bimap(Math.log(d0), Math.log(d1), range[0], range[1]);
  const pow10 = (x: number) => (Number.isFinite(x) ? +`1e${x}` : Math.max(x, 0));
  // Each power of ten and its multiples 2..9 where the domain spans fewer decades than
  // `count`; else ticks at round powers of ten.
  const logTicks = (count: number): number[] => {
    const [u, v] = d1 < d0 ? [d1, d0] : [d0, d1];
    let i = Math.log10(u);
    let j = Math.log10(v);
    let z: number[] = [];
    if (j - i < count) {
      i = Math.floor(i);
      j = Math.ceil(j);
      for (; i <= j; ++i) {
        for (let k = 1; k < 10; ++k) {
          const t = i < 0 ? k / pow10(-i) : k * pow10(i);
          if (t < u) continue;
          if (t > v) break;
          z.push(t);
        }
      }
      if (z.length * 2 < count) z = ticks(u, v, count);
    } else {
      z = ticks(i, j, Math.min(j - i, count)).map(pow10);
    }
    return d1 < d0 ? z.reverse() : z;
  };
  return Object.assign((x: number) => map(Math.log(x)), {
    ticks: logTicks,
    // "~g" labels, and "" for the multiples that would crowd (d3 labels the multiples up to k).
    tickFormat: (count: number) => {
      const label = trimmedFormat;
      const k = Math.max(1, (10 * count) / logTicks(10).length);
      return (d: number) => {
        let i = d / pow10(Math.round(Math.log10(d)));
        if (i * 10 < 10 - 0.5) i *= 10;
        return i <= k ? label(d) : "";
      };
    },
  });
}

/** `v` rounded to 2 decimals, as d3-path writes coordinates with `digits(2)`. */
const coord = (v: number) => Math.round(v * 100) / 100;

/**
 * An SVG path through `points`, as d3-shape's `line().defined(p => p !== null).digits(2)`: each
 * run of points between nulls is a subpath (M, then L), and a run of one point is closed (Z),
 * so that round line caps draw it as a dot. "" without points.
 */
export function linePath(points: readonly ([number, number] | null)[]): string {
  let d = "";
  let run = 0;
  for (const p of points) {
    if (p === null) {
      if (run === 1) d += "Z";
      run = 0;
      continue;
    }
    d += `${run === 0 ? "M" : "L"}${coord(p[0])},${coord(p[1])}`;
    run++;
  }
  return run === 1 ? `${d}Z` : d;
}
