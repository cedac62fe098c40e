import { checkOptions, fmtValue, ValueError } from "@tsgrad/tensor";
import asciichart from "asciichart";
import { optionalBoolean, optionalString } from "./args.js";
import { linearScale } from "./scale.js";
import { type NormalizedSeries, normalizeSeries, type SeriesInput } from "./series.js";

/** The widest and tallest chart drawn: its rows and columns are arrays of cells. */
const MAX_CELLS = 10000;

/** Options of {@link terminalChart}. */
export interface TerminalChartOptions {
  /** Width of the chart in terminal columns, y labels included (default 72). */
  width?: number;
  /** Height of the plot area in rows (default 12); the title, x axis and legend add rows. */
  height?: number;
  /** Title above the chart. */
  title?: string;
  /** Shown at the right end of the x axis labels (e.g. `"epoch"`). */
  xlabel?: string;
  /** Fixed y range `[low, high]`; values outside it are clipped to the border rows. */
  ylim?: readonly [number, number];
  /**
   * Color each series with ANSI escape codes (default false). Without colors, series are told
   * apart by their line style (light, heavy, double, dashed box-drawing characters).
   */
  color?: boolean;
}

type Symbols = [string, string, string, string, string, string, string, string, string, string];

/** asciichart's glyphs: axis cross, axis tick, start, end, horizontal, and the four turns, vertical. */
const LIGHT: Symbols = ["┼", "┤", "╶", "╴", "─", "╰", "╭", "╮", "╯", "│"];
const STYLES: readonly Symbols[] = [
  LIGHT,
  ["┼", "┤", "╺", "╸", "━", "┗", "┏", "┓", "┛", "┃"],
  ["┼", "┤", "╶", "╴", "═", "╚", "╔", "╗", "╝", "║"],
  ["┼", "┤", "╶", "╴", "┄", "╰", "╭", "╮", "╯", "┆"],
];
/** ANSI colors closest to the SVG palette (blue, magenta, green, red, orange, purple…). */
const COLORS: readonly string[] = [
  asciichart.blue,
  asciichart.magenta,
  asciichart.green,
  asciichart.red,
  asciichart.yellow,
  asciichart.lightmagenta,
  asciichart.darkgray,
  asciichart.lightred,
  asciichart.lightgray,
  asciichart.lightyellow,
  asciichart.cyan,
];

function colorOf(s: NormalizedSeries): string {
  return COLORS[s.index % COLORS.length]!;
}

function paint(text: string, color: string | undefined): string {
  return color === undefined ? text : `${color}${text}${asciichart.reset}`;
}

/** Label text for a value, with as many decimals as the step between labels needs. */
function formatter(lo: number, hi: number, steps: number): (v: number) => string {
  const step = (hi - lo) / Math.max(steps, 1);
  const big = Math.max(Math.abs(lo), Math.abs(hi));
  if (big >= 1e6 || (step > 0 && step < 1e-4)) return (v) => v.toExponential(2);
  let decimals = 2;
  if (step > 0) {
    // Enough decimals to tell neighbouring rows apart: one more when the step is a small,
    // non-integer number of units at that precision (0.25 needs "0.75", not "0.8").
    decimals = Math.max(0, Math.ceil(-Math.log10(step)));
    const units = step * 10 ** decimals;
    if (Math.abs(units - Math.round(units)) > 1e-9 && units < 3) decimals++;
    decimals = Math.min(6, decimals);
  }
  return (v) => {
    const t = v.toFixed(decimals);
    return /^-0\.?0*$/.test(t) ? t.slice(1) : t;
  };
}

/**
 * Resamples a curve at `cols + 1` evenly spaced x positions between `xlo` and `xhi`: linear
 * interpolation between consecutive finite points, NaN across gaps (NaN or infinite values) and
 * outside the curve; an isolated point lands on its nearest position.
 */
function resample(s: NormalizedSeries, xlo: number, xhi: number, cols: number): Float64Array {
  const out = new Float64Array(cols + 1).fill(Number.NaN);
  const idx = Array.from(s.xs.keys())
    .filter((i) => Number.isFinite(s.xs[i]!))
    .sort((a, b) => s.xs[a]! - s.xs[b]!);
  const span = xhi - xlo;
  const posOf = (x: number) => (span === 0 ? 0 : ((x - xlo) / span) * cols);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const xa = s.xs[i]!;
    const ya = s.ys[i]!;
    if (!Number.isFinite(ya)) continue;
    const pa = posOf(xa);
    const next = idx[k + 1];
    if (next !== undefined && Number.isFinite(s.ys[next]!)) {
      const pb = posOf(s.xs[next]!);
      const yb = s.ys[next]!;
      for (let p = Math.ceil(pa); p <= Math.floor(pb) && p <= cols; p++) {
        if (p < 0) continue;
        out[p] = pb === pa ? yb : ya + ((yb - ya) * (p - pa)) / (pb - pa);
      }
    }
    const nearest = Math.min(cols, Math.max(0, Math.round(pa)));
    if (Number.isNaN(out[nearest]!)) out[nearest] = ya;
  }
  return out;
}

/**
 * A multi-series line chart for the terminal (a string of lines): y labels and axis, one curve
 * per series drawn with asciichart's box-drawing glyphs, an x axis with ticks, and a legend.
 * Series are resampled to the chart's width; NaN values leave gaps; a constant series is a flat
 * line in the middle; empty series draw nothing but are still in the legend.
 */
export function terminalChart(series: SeriesInput, options: TerminalChartOptions = {}): string {
  const fn = "terminalChart";
  checkOptions(fn, "options", options, ["width", "height", "title", "xlabel", "ylim", "color"]);
  optionalString(fn, "options.title", options.title);
  optionalString(fn, "options.xlabel", options.xlabel);
  optionalBoolean(fn, "options.color", options.color);
  const all = normalizeSeries(fn, series);
  // Only undefined means "the default": a null is named, not replaced.
  const width = options.width === undefined ? 72 : options.width;
  const height = options.height === undefined ? 12 : options.height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || height < 2) {
    throw new ValueError(
      `${fn}: width and height must be integers, height at least 2, got ${fmtValue(width)} × ${fmtValue(height)}`,
    );
  }
  if (width > MAX_CELLS || height > MAX_CELLS) {
    throw new ValueError(`${fn}: width and height must be at most ${MAX_CELLS}, got ${width} × ${height}`);
  }
  const color = options.color ?? false;

  // Ranges.
  let xlo = Number.POSITIVE_INFINITY;
  let xhi = Number.NEGATIVE_INFINITY;
  let ylo = Number.POSITIVE_INFINITY;
  let yhi = Number.NEGATIVE_INFINITY;
  for (const s of all) {
    for (let i = 0; i < s.xs.length; i++) {
      const x = s.xs[i]!;
      const y = s.ys[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xlo = Math.min(xlo, x);
      xhi = Math.max(xhi, x);
      ylo = Math.min(ylo, y);
      yhi = Math.max(yhi, y);
    }
  }
  const empty = xlo > xhi;
  if (empty) [xlo, xhi, ylo, yhi] = [0, 1, 0, 1];
  if (options.ylim !== undefined) {
    const lim: unknown = options.ylim;
    if (!Array.isArray(lim) || lim.length !== 2) {
      throw new ValueError(`${fn}: ylim must be two finite numbers with low < high, got ${fmtValue(lim)}`);
    }
    const [a, b] = options.ylim;
    if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) {
      throw new ValueError(`${fn}: ylim must be two finite numbers with low < high, got [${a}, ${b}]`);
    }
    [ylo, yhi] = [a, b];
  } else if (ylo === yhi) {
    const pad = Math.max(Math.abs(ylo) * 0.1, 0.5);
    [ylo, yhi] = [ylo - pad, yhi + pad];
  }

  const rows = height - 1;
  const format = formatter(ylo, yhi, rows);
  const labels = Array.from({ length: height }, (_, r) => format(yhi - ((yhi - ylo) * r) / rows));
  const labelW = Math.max(...labels.map((l) => l.length));
  const cols = width - labelW - 2; // label, space, axis column, then `cols` plot columns
  if (cols < 2) {
    throw new ValueError(
      `${fn}: width ${width} leaves no room for the plot (labels take ${labelW + 2} columns)`,
    );
  }

  // Cells of the plot area: column 0 is the axis, column c >= 1 joins position c-1 to position c.
  const glyph: string[][] = Array.from({ length: height }, () => new Array<string>(cols + 1).fill(" "));
  const owner: (NormalizedSeries | null)[][] = Array.from({ length: height }, () =>
    new Array<NormalizedSeries | null>(cols + 1).fill(null),
  );
  for (let r = 0; r < height; r++) glyph[r]![0] = "┤";
  const toRow = (y: number) => Math.min(rows, Math.max(0, ((y - ylo) / (yhi - ylo)) * rows));

  for (const s of all) {
    const symbols = color ? LIGHT : STYLES[s.index % STYLES.length]!;
    const values = resample(s, xlo, xhi, cols);
    let p = 0;
    while (p <= cols) {
      if (Number.isNaN(values[p]!)) {
        p++;
        continue;
      }
      const start = p;
      const seg: number[] = [];
      while (p <= cols && !Number.isNaN(values[p]!)) seg.push(toRow(values[p++]!));
      // asciichart draws the segment in row units (0..rows); its first column is the axis.
      const drawn = asciichart
        .plot(seg, { min: 0, max: rows, height: rows, offset: 2, symbols, format: () => " " })
        .split("\n")
        .map((line) => Array.from(line));
      for (let r = 0; r < height; r++) {
        const cells = drawn[r] ?? [];
        for (let k = 2; k < cells.length; k++) {
          const ch = cells[k]!;
          const c = start + k - 1;
          if (ch !== " " && c <= cols) {
            glyph[r]![c] = ch;
            owner[r]![c] = s;
          }
        }
        if (start === 0 && cells[1] === symbols[0] && r === rows - Math.round(seg[0]!)) {
          glyph[r]![0] = symbols[0];
          owner[r]![0] = s;
        }
      }
      if (start > 0) {
        const r = rows - Math.round(seg[0]!);
        if (glyph[r]![start] === " ") {
          glyph[r]![start] = symbols[2];
          owner[r]![start] = s;
        }
      }
    }
  }

  const lines: string[] = [];
  if (options.title) lines.push(options.title.slice(0, width));
  for (let r = 0; r < height; r++) {
    let line = `${labels[r]!.padStart(labelW)} `;
    // Runs of cells of one series share one color escape.
    let c = 0;
    let last = cols;
    while (last > 0 && glyph[r]![last] === " ") last--;
    while (c <= last) {
      const o = owner[r]![c]!;
      let run = "";
      while (c <= last && owner[r]![c] === o) run += glyph[r]![c++]!;
      line += paint(run, color && o ? colorOf(o) : undefined);
    }
    lines.push(line);
  }

  // x axis: ticks (ticks.ts, as d3's) at their columns, labels centred under them when they fit.
  const pad = " ".repeat(labelW + 1);
  const axis = new Array<string>(cols + 1).fill("─");
  axis[0] = "└";
  const labelRow = new Array<string>(cols + 1 + 8).fill(" ");
  const xscale = linearScale([xlo, xhi === xlo ? xlo + 1 : xhi], [0, cols]);
  const xformat = xscale.tickFormat(Math.max(2, Math.floor(cols / 10)));
  // The x label goes at the right end of the labels row: tick labels keep clear of it.
  const xlabel = options.xlabel ?? "";
  const limit = xlabel.length > 0 && xlabel.length + 2 <= cols + 1 ? cols + 1 - xlabel.length - 2 : cols + 1;
  let freeFrom = 0;
  for (const t of xscale.ticks(Math.max(2, Math.floor(cols / 10)))) {
    const c = Math.round(xscale(t));
    if (c < 0 || c > cols) continue;
    if (c > 0) axis[c] = "┬";
    const text = xformat(t);
    const at = Math.max(0, Math.min(cols + 1 - text.length, c - Math.floor((text.length - 1) / 2)));
    if (at < freeFrom || at + text.length > limit) continue;
    for (let i = 0; i < text.length; i++) labelRow[at + i] = text[i]!;
    freeFrom = at + text.length + 1;
  }
  lines.push(`${pad}${axis.join("")}`);
  let xLabels = labelRow.join("").trimEnd();
  if (limit <= cols) xLabels = `${xLabels.padEnd(cols + 1 - xlabel.length)}${xlabel}`;
  lines.push(`${pad}${xLabels}`.trimEnd());

  // Legend, wrapped to the width.
  let legend = pad;
  let legendLen = pad.length;
  for (const s of all) {
    const symbols = color ? LIGHT : STYLES[s.index % STYLES.length]!;
    const sample = symbols[4].repeat(2);
    const entry = `${sample} ${s.name}`;
    if (legendLen > pad.length && legendLen + 3 + entry.length > width) {
      lines.push(legend);
      legend = pad;
      legendLen = pad.length;
    }
    if (legendLen > pad.length) {
      legend += "   ";
      legendLen += 3;
    }
    legend += `${paint(sample, color ? colorOf(s) : undefined)} ${s.name}`;
    legendLen += entry.length;
  }
  if (all.length > 0) lines.push(legend);
  return lines.join("\n");
}
