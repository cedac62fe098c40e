import { argError, checkOptions, isPlainObject, Tensor, ValueError } from "@tsgrad/tensor";

/** One point of a curve: `[x, y]` or `{ x, y }`. */
export type Point = readonly [x: number, y: number] | { readonly x: number; readonly y: number };

/**
 * The values of one curve: y values (plotted against x = 1, 2, …, n, the epochs), points, or a
 * 1-D tensor of y values.
 */
export type SeriesData = ReadonlyArray<number> | ReadonlyArray<Point> | Tensor;

/** A named curve, with an optional color (any CSS color) and dash pattern overriding the palette. */
export interface Series {
  readonly name: string;
  readonly data: SeriesData;
  readonly color?: string;
  /** SVG `stroke-dasharray`, e.g. `"6 3"`; `""` draws a solid line. */
  readonly dash?: string;
}

/**
 * Curves to plot: `{ "train loss": [...], "test acc": [...] }` (in insertion order) or an array of
 * `Series` (use the array form when names look like integers, which objects reorder).
 */
export type SeriesInput = Readonly<Record<string, SeriesData>> | ReadonlyArray<Series>;

/** A curve after normalization: finite-or-NaN points in input order. */
export interface NormalizedSeries {
  readonly name: string;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly color: string;
  readonly dash: string;
  /** Index in the palette (also the terminal's color and line style). */
  readonly index: number;
}

/**
 * The d2l look: the `Animator`'s formats `('-', 'm--', 'g-.', 'r:')` (matplotlib's first color
 * solid, magenta dashed, green dash-dot, red dotted), then the rest of matplotlib's tab10 cycle.
 * Frozen: every chart reads it, and a plain-JavaScript caller could otherwise set a color to
 * something that is not one.
 */
export const PALETTE: readonly { readonly color: string; readonly dash: string }[] = Object.freeze(
  [
    { color: "#1f77b4", dash: "" },
    { color: "#bf00bf", dash: "7.4 3.2" },
    { color: "#008000", dash: "12.8 3.2 2 3.2" },
    { color: "#ff0000", dash: "2 3.3" },
    { color: "#ff7f0e", dash: "" },
    { color: "#9467bd", dash: "" },
    { color: "#8c564b", dash: "" },
    { color: "#e377c2", dash: "" },
    { color: "#7f7f7f", dash: "" },
    { color: "#bcbd22", dash: "" },
    { color: "#17becf", dash: "" },
  ].map((style) => Object.freeze(style)),
);

function isPointArray(p: unknown): p is readonly [number, number] {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === "number" && typeof p[1] === "number";
}

function isPointObject(p: unknown): p is { readonly x: number; readonly y: number } {
  if (typeof p !== "object" || p === null) return false;
  const o = p as { x?: unknown; y?: unknown };
  return typeof o.x === "number" && typeof o.y === "number";
}

function normalizeData(fn: string, name: string, data: SeriesData): { xs: Float64Array; ys: Float64Array } {
  if (data instanceof Tensor) {
    if (data.ndim !== 1) {
      throw new ValueError(
        `${fn}: series "${name}" must be a 1-D tensor of y values, got a tensor of shape [${data.shape.join(", ")}]`,
      );
    }
    const values = data.toTypedArray();
    const ys = Float64Array.from(values, Number);
    return { xs: Float64Array.from(ys, (_, i) => i + 1), ys };
  }
  if (!Array.isArray(data)) {
    throw new ValueError(`${fn}: series "${name}" must be an array of numbers, of [x, y] points or a tensor`);
  }
  const n = data.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p: unknown = data[i];
    if (typeof p === "number") {
      xs[i] = i + 1;
      ys[i] = p;
    } else if (isPointArray(p)) {
      xs[i] = p[0];
      ys[i] = p[1];
    } else if (isPointObject(p)) {
      xs[i] = p.x;
      ys[i] = p.y;
    } else {
      throw new ValueError(
        `${fn}: series "${name}" item ${i} is not a number, an [x, y] pair or an { x, y } point`,
      );
    }
  }
  return { xs, ys };
}

/** Validates and normalizes the series argument of the chart functions (`fn` names the caller). */
export function normalizeSeries(fn: string, series: SeriesInput): NormalizedSeries[] {
  if (!Array.isArray(series) && !isPlainObject(series)) {
    throw argError(fn, "series", "an object of named arrays or an array of { name, data }", series);
  }
  const entries: Series[] = Array.isArray(series)
    ? (series as ReadonlyArray<Series>).map((s, i) => {
        if (typeof s !== "object" || s === null || typeof s.name !== "string") {
          throw new ValueError(`${fn}: series item ${i} must be an object { name, data }`);
        }
        // A misspelled `colour` would be ignored: name it, as an unknown option.
        checkOptions(fn, `series[${i}]`, s, ["name", "data", "color", "dash"]);
        if (s.color !== undefined && typeof s.color !== "string") {
          throw argError(fn, `series[${i}].color`, "a string (a CSS color)", s.color);
        }
        if (s.dash !== undefined && typeof s.dash !== "string") {
          throw argError(fn, `series[${i}].dash`, 'a string (an SVG dash pattern such as "6 3")', s.dash);
        }
        return s;
      })
    : Object.entries(series as Readonly<Record<string, SeriesData>>).map(([name, data]) => ({ name, data }));
  const seen = new Set<string>();
  return entries.map((s, index) => {
    if (seen.has(s.name)) throw new ValueError(`${fn}: two series are named "${s.name}"`);
    seen.add(s.name);
    const { xs, ys } = normalizeData(fn, s.name, s.data);
    const style = PALETTE[index % PALETTE.length]!;
    return {
      name: s.name,
      xs,
      ys,
      color: s.color ?? style.color,
      dash: s.dash ?? style.dash,
      index,
    };
  });
}
