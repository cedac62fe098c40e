import { argError, checkChoice, checkOptions, fmtValue, ValueError } from "@tsgrad/tensor";
import { optionalBoolean, optionalString } from "./args.js";
import { linearScale, linePath, logScale, type Scale } from "./scale.js";
import { type NormalizedSeries, normalizeSeries, type SeriesInput } from "./series.js";
import { escapeXml, hashString, num } from "./xml.js";

/**
 * Where the legend goes (matplotlib's names); `"best"` (the default) picks the place that hides
 * the fewest data points.
 */
export type LegendPosition =
  | "best"
  | "upper right"
  | "upper left"
  | "lower left"
  | "lower right"
  | "center right"
  | "center left"
  | "lower center"
  | "upper center"
  | "center";

/** Options of {@link lineChartSvg}: size, labels, axes and legend, named as matplotlib's. */
export interface LineChartOptions {
  /** Width and height of the whole picture in px (default 480 × 340). */
  width?: number;
  /** Height of the whole picture in px (default 340; at least 80). */
  height?: number;
  /** Title above the plot. */
  title?: string;
  /** Label of the x axis. */
  xlabel?: string;
  /** Label of the y axis. */
  ylabel?: string;
  /** Axis limits `[low, high]`; by default the data's range (y with a 5% margin, like matplotlib). */
  xlim?: readonly [number, number];
  /** The y axis limits `[low, high]` (see `xlim`). */
  ylim?: readonly [number, number];
  /** `"log"` for a logarithmic axis (non-positive values are left out of the curve). */
  xscale?: "linear" | "log";
  /** `"log"` for a logarithmic y axis (see `xscale`). */
  yscale?: "linear" | "log";
  /** Legend position, or `false` for none. */
  legend?: LegendPosition | false;
  /** Background grid at the ticks (default true, as d2l's `set_axes`). */
  grid?: boolean;
  /** Font size of the tick labels and legend in px (default 10; the title is 1.2×). */
  fontSize?: number;
  /** Prefix for the ids inside the SVG (its clip path); by default a hash of the chart. */
  id?: string;
}

const FONT = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif";
/** The largest chart drawn, in px. */
const MAX_PX = 100_000;
/** Average advance of a sans-serif glyph, in em: used to size margins and the legend box. */
const CHAR_EM = 0.62;

function checkLimits(fn: string, name: string, lim: readonly [number, number] | undefined, log: boolean) {
  if (lim === undefined) return;
  if (!Array.isArray(lim) || lim.length !== 2 || !Number.isFinite(lim[0]) || !Number.isFinite(lim[1])) {
    throw new ValueError(`${fn}: ${name} must be two finite numbers [low, high], got ${fmtValue(lim)}`);
  }
  if (lim[0] >= lim[1]) {
    throw new ValueError(`${fn}: ${name} must have low < high, got [${lim[0]}, ${lim[1]}]`);
  }
  if (log && lim[0] <= 0) {
    throw new ValueError(`${fn}: ${name} must be positive on a log scale, got [${lim[0]}, ${lim[1]}]`);
  }
}

function usable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/** The data range along one axis, padded by `margin` of its span (in log space on a log axis). */
function autoDomain(values: number[], log: boolean, margin: number): [number, number] {
  if (values.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (log) {
    let a = Math.log10(lo);
    let b = Math.log10(hi);
    if (a === b) {
      a -= 0.5;
      b += 0.5;
    } else {
      const pad = (b - a) * margin;
      a -= pad;
      b += pad;
    }
    return [10 ** a, 10 ** b];
  }
  if (lo === hi) {
    const pad = Math.max(Math.abs(lo) * 0.1, 0.5);
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * margin;
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

function makeScale(log: boolean, domain: [number, number], range: [number, number]): Scale {
  return log ? logScale(domain, range) : linearScale(domain, range);
}

interface Tick {
  value: number;
  label: string;
  /** A minor tick (log axes: 2, 3, … 9 × 10^k): shorter, unlabelled, no grid line. */
  minor: boolean;
}

function ticksOf(scale: Scale, count: number): Tick[] {
  const format = scale.tickFormat(count);
  return scale.ticks(count).map((value) => {
    const label = format(value);
    return { value, label, minor: label === "" };
  });
}

function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHAR_EM;
}

/**
 * A line chart of training curves as a standalone SVG document (a string): axes with ticks and
 * tick labels, a grid, a legend, a title and axis labels, one `<path>` per series (NaN and
 * infinite values leave a gap; isolated points are drawn as dots). Colors and dashes follow d2l's
 * `Animator` (blue solid, magenta dashed, green dash-dot, red dotted, then matplotlib's cycle).
 *
 * ```ts
 * lineChartSvg({ "train loss": [0.9, 0.6, 0.5], "test acc": [0.7, 0.78, 0.8] }, { xlabel: "epoch" });
 * ```
 */
const OPTIONS = [
  "width",
  "height",
  "title",
  "xlabel",
  "ylabel",
  "xlim",
  "ylim",
  "xscale",
  "yscale",
  "legend",
  "grid",
  "fontSize",
  "id",
];

const POSITIONS: readonly Exclude<LegendPosition, "best">[] = [
  "upper right",
  "upper left",
  "lower left",
  "lower right",
  "center right",
  "center left",
  "lower center",
  "upper center",
  "center",
];

/** The options' kinds (their ranges are checked where they are used). */
function checkChartOptions(fn: string, options: LineChartOptions): void {
  checkOptions(fn, "options", options, OPTIONS);
  for (const key of ["title", "xlabel", "ylabel", "id"] as const)
    optionalString(fn, `options.${key}`, options[key]);
  optionalBoolean(fn, "options.grid", options.grid);
  if (options.xscale !== undefined) checkChoice(fn, "options.xscale", options.xscale, ["linear", "log"]);
  if (options.yscale !== undefined) checkChoice(fn, "options.yscale", options.yscale, ["linear", "log"]);
  const legend = options.legend;
  if (legend !== undefined && legend !== false && legend !== "best" && !POSITIONS.includes(legend)) {
    throw argError(
      fn,
      "options.legend",
      `false, "best" or one of ${POSITIONS.map((p) => `"${p}"`).join(", ")}`,
      legend,
    );
  }
}

/**
 * A line chart of one or more series as an SVG document (a string), like d2l's `plot` with
 * matplotlib: axes with ticks, an optional grid, a title, axis labels and a legend. Each series
 * is named (an object of name → data, or `{ name, data }` entries) and its data are y values
 * (x = 1, 2, ...), `[x, y]` or `{ x, y }` points, or a 1-D tensor. Throws a `ValueError` for
 * malformed series or options (a size under 100 × 80 px, limits with low ≥ high...).
 *
 * @example
 * ```ts
 * const svg = lineChartSvg({ "train loss": [0.9, 0.6, 0.5], "test acc": [0.7, 0.78, 0.8] }, {
 *   xlabel: "epoch",
 *   ylim: [0, 1],
 * });
 * await saveFile("chart.svg", svg);
 * ```
 */
export function lineChartSvg(series: SeriesInput, options: LineChartOptions = {}): string {
  const fn = "lineChartSvg";
  checkChartOptions(fn, options);
  const all = normalizeSeries(fn, series);
  // Only undefined means "the default": a null is named, not replaced.
  const width = options.width === undefined ? 480 : options.width;
  const height = options.height === undefined ? 340 : options.height;
  if (
    !(typeof width === "number" && Number.isFinite(width) && width >= 100) ||
    !(typeof height === "number" && Number.isFinite(height) && height >= 80)
  ) {
    throw new ValueError(
      `${fn}: width and height must be at least 100 × 80 px, got ${fmtValue(width)} × ${fmtValue(height)}`,
    );
  }
  // The number of ticks grows with the size: a billion-pixel axis would be a billion ticks.
  if (width > MAX_PX || height > MAX_PX) {
    throw new ValueError(`${fn}: width and height must be at most ${MAX_PX} px, got ${width} × ${height}`);
  }
  const fontSize = options.fontSize === undefined ? 10 : options.fontSize;
  if (!(typeof fontSize === "number" && Number.isFinite(fontSize) && fontSize > 0)) {
    throw new ValueError(`${fn}: fontSize must be a positive number, got ${fmtValue(fontSize)}`);
  }
  const xlog = options.xscale === "log";
  const ylog = options.yscale === "log";
  checkLimits(fn, "xlim", options.xlim, xlog);
  checkLimits(fn, "ylim", options.ylim, ylog);
  const grid = options.grid ?? true;
  const legendPos = options.legend ?? "best";

  // The domain from the points usable on both axes.
  const xsAll: number[] = [];
  const ysAll: number[] = [];
  for (const s of all) {
    for (let i = 0; i < s.xs.length; i++) {
      const x = s.xs[i]!;
      const y = s.ys[i]!;
      if (usable(x, xlog) && usable(y, ylog)) {
        xsAll.push(x);
        ysAll.push(y);
      }
    }
  }
  const xDomain: [number, number] = options.xlim
    ? [options.xlim[0], options.xlim[1]]
    : autoDomain(xsAll, xlog, 0);
  const yDomain: [number, number] = options.ylim
    ? [options.ylim[0], options.ylim[1]]
    : autoDomain(ysAll, ylog, 0.05);

  // Margins: measured from the tick labels (y ticks are computed on a provisional range first).
  const titleSize = fontSize * 1.2;
  const tickLen = 3.5;
  const top = Math.ceil(options.title ? titleSize * 2.2 : fontSize);
  const bottom = Math.ceil(tickLen + fontSize * 1.8 + (options.xlabel ? fontSize * 1.6 : 0) + 4);
  const yTicksProvisional = ticksOf(makeScale(ylog, yDomain, [height - bottom, top]), 6);
  const yLabelWidth = Math.max(0, ...yTicksProvisional.map((t) => textWidth(t.label, fontSize)));
  const left = Math.ceil(tickLen + 4 + yLabelWidth + (options.ylabel ? fontSize * 1.8 : 0) + 6);
  const right = Math.ceil(Math.max(12, textWidth("0.00", fontSize) / 2 + 4));
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  if (plotW < 20 || plotH < 20) {
    throw new ValueError(`${fn}: ${width} × ${height} px leaves no room for the plot area`);
  }
  const x0 = left;
  const y0 = top;
  const x1 = left + plotW;
  const y1 = top + plotH;
  const xScale = makeScale(xlog, xDomain, [x0, x1]);
  const yScale = makeScale(ylog, yDomain, [y1, y0]);
  const xTicks = ticksOf(xScale, Math.max(2, Math.round(plotW / 70)));
  const yTicks = ticksOf(yScale, Math.max(2, Math.round(plotH / 45)));

  const id =
    options.id ?? `tsgrad-plot-${hashString(JSON.stringify([options, all.map((s) => [s.name, [...s.ys]])]))}`;
  const clipId = `${escapeXml(id)}-clip`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT}" font-size="${num(fontSize)}">`,
  );
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
  out.push(
    `<defs><clipPath id="${clipId}"><rect x="${num(x0)}" y="${num(y0)}" width="${num(plotW)}" height="${num(plotH)}"/></clipPath></defs>`,
  );
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);

  // Grid.
  if (grid) {
    out.push(`<g class="grid" stroke="#b0b0b0" stroke-width="0.8" stroke-opacity="0.6">`);
    for (const t of xTicks) {
      if (t.minor) continue;
      const x = xScale(t.value);
      out.push(`<line x1="${num(x)}" y1="${num(y0)}" x2="${num(x)}" y2="${num(y1)}"/>`);
    }
    for (const t of yTicks) {
      if (t.minor) continue;
      const y = yScale(t.value);
      out.push(`<line x1="${num(x0)}" y1="${num(y)}" x2="${num(x1)}" y2="${num(y)}"/>`);
    }
    out.push(`</g>`);
  }

  // Curves.
  const seriesXY: { s: NormalizedSeries; pts: ([number, number] | null)[] }[] = all.map((s) => ({
    s,
    pts: Array.from(s.xs, (x, i) => {
      const y = s.ys[i]!;
      return usable(x, xlog) && usable(y, ylog) ? ([xScale(x), yScale(y)] as [number, number]) : null;
    }),
  }));
  out.push(
    `<g class="series" clip-path="url(#${clipId})" fill="none" stroke-width="1.5" stroke-linejoin="round">`,
  );
  for (const { s, pts } of seriesXY) {
    const d = linePath(pts);
    const dash = s.dash ? ` stroke-dasharray="${escapeXml(s.dash)}"` : "";
    out.push(
      `<path class="line" data-name="${escapeXml(s.name)}" stroke="${escapeXml(s.color)}"${dash} d="${d}"/>`,
    );
    // A point with no defined neighbour draws nothing as a path: mark it with a dot.
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i];
      if (p && !pts[i - 1] && !pts[i + 1]) {
        out.push(
          `<circle cx="${num(p[0])}" cy="${num(p[1])}" r="2.5" fill="${escapeXml(s.color)}" stroke="none"/>`,
        );
      }
    }
  }
  out.push(`</g>`);

  // Spines, ticks and tick labels.
  out.push(
    `<rect class="axes" x="${num(x0)}" y="${num(y0)}" width="${num(plotW)}" height="${num(plotH)}" fill="none" stroke="#000000" stroke-width="0.8"/>`,
  );
  out.push(`<g class="ticks" stroke="#000000" stroke-width="0.8">`);
  for (const t of xTicks) {
    const x = xScale(t.value);
    out.push(
      `<line x1="${num(x)}" y1="${num(y1)}" x2="${num(x)}" y2="${num(y1 + (t.minor ? tickLen / 2 : tickLen))}"/>`,
    );
  }
  for (const t of yTicks) {
    const y = yScale(t.value);
    out.push(
      `<line x1="${num(x0 - (t.minor ? tickLen / 2 : tickLen))}" y1="${num(y)}" x2="${num(x0)}" y2="${num(y)}"/>`,
    );
  }
  out.push(`</g>`);
  out.push(`<g class="tick-labels" fill="#000000">`);
  for (const t of xTicks) {
    if (t.label === "") continue;
    out.push(
      `<text x="${num(xScale(t.value))}" y="${num(y1 + tickLen + 3 + fontSize * 0.8)}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    );
  }
  for (const t of yTicks) {
    if (t.label === "") continue;
    out.push(
      `<text x="${num(x0 - tickLen - 3)}" y="${num(yScale(t.value) + fontSize * 0.35)}" text-anchor="end">${escapeXml(t.label)}</text>`,
    );
  }
  out.push(`</g>`);

  // Title and axis labels.
  if (options.title) {
    out.push(
      `<text class="title" x="${num((x0 + x1) / 2)}" y="${num(top - titleSize * 0.7)}" text-anchor="middle" font-size="${num(titleSize)}">${escapeXml(options.title)}</text>`,
    );
  }
  if (options.xlabel) {
    out.push(
      `<text class="xlabel" x="${num((x0 + x1) / 2)}" y="${num(height - fontSize * 0.6)}" text-anchor="middle">${escapeXml(options.xlabel)}</text>`,
    );
  }
  if (options.ylabel) {
    const cx = fontSize * 1.1;
    const cy = (y0 + y1) / 2;
    out.push(
      `<text class="ylabel" x="${num(cx)}" y="${num(cy)}" text-anchor="middle" transform="rotate(-90 ${num(cx)} ${num(cy)})">${escapeXml(options.ylabel)}</text>`,
    );
  }

  // Legend.
  if (legendPos !== false && all.length > 0) {
    const pad = fontSize * 0.4;
    const rowH = fontSize * 1.4;
    const sample = fontSize * 2;
    const boxW = pad * 2 + sample + fontSize * 0.8 + Math.max(...all.map((s) => textWidth(s.name, fontSize)));
    const boxH = pad * 2 + rowH * all.length;
    const inset = fontSize * 0.5;
    const cx = (x0 + x1 - boxW) / 2;
    const cy = (y0 + y1 - boxH) / 2;
    // In matplotlib's order of preference for "best".
    const corners: Record<Exclude<LegendPosition, "best">, [number, number]> = {
      "upper right": [x1 - inset - boxW, y0 + inset],
      "upper left": [x0 + inset, y0 + inset],
      "lower left": [x0 + inset, y1 - inset - boxH],
      "lower right": [x1 - inset - boxW, y1 - inset - boxH],
      "center left": [x0 + inset, cy],
      "center right": [x1 - inset - boxW, cy],
      "lower center": [cx, y1 - inset - boxH],
      "upper center": [cx, y0 + inset],
      center: [cx, cy],
    };
    let pos: Exclude<LegendPosition, "best">;
    if (legendPos === "best") {
      // matplotlib's 'best': the candidate covering the fewest data points (sampled along segments).
      const samples: [number, number][] = [];
      for (const { pts } of seriesXY) {
        for (let i = 0; i < pts.length; i++) {
          const p = pts[i];
          if (!p) continue;
          samples.push(p);
          const q = pts[i + 1];
          if (q)
            for (let k = 1; k < 16; k++)
              samples.push([p[0] + ((q[0] - p[0]) * k) / 16, p[1] + ((q[1] - p[1]) * k) / 16]);
        }
      }
      let best = Number.POSITIVE_INFINITY;
      pos = "upper right";
      for (const [name, [bx, by]] of Object.entries(corners) as [
        Exclude<LegendPosition, "best">,
        [number, number],
      ][]) {
        let hits = 0;
        for (const [px, py] of samples)
          if (px >= bx && px <= bx + boxW && py >= by && py <= by + boxH) hits++;
        if (hits < best) {
          best = hits;
          pos = name;
        }
      }
    } else {
      pos = legendPos;
    }
    const [bx, by] = corners[pos];
    out.push(`<g class="legend">`);
    out.push(
      `<rect x="${num(bx)}" y="${num(by)}" width="${num(boxW)}" height="${num(boxH)}" rx="2" fill="#ffffff" fill-opacity="0.8" stroke="#cccccc" stroke-width="0.8"/>`,
    );
    all.forEach((s, i) => {
      const cy = by + pad + rowH * (i + 0.5);
      const dash = s.dash ? ` stroke-dasharray="${escapeXml(s.dash)}"` : "";
      out.push(
        `<line x1="${num(bx + pad)}" y1="${num(cy)}" x2="${num(bx + pad + sample)}" y2="${num(cy)}" stroke="${escapeXml(s.color)}" stroke-width="1.5"${dash}/>`,
      );
      out.push(
        `<text x="${num(bx + pad + sample + fontSize * 0.6)}" y="${num(cy + fontSize * 0.35)}">${escapeXml(s.name)}</text>`,
      );
    });
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join("\n")}\n`;
}
