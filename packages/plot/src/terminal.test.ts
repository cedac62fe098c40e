import { tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { terminalChart } from "./terminal.js";

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, "g");
const strip = (s: string) => s.replace(ANSI, "");
const visibleWidth = (line: string) => [...strip(line)].length;

const curves = {
  "train loss": [0.9, 0.6, 0.52, 0.48, 0.46],
  "train acc": [0.7, 0.8, 0.82, 0.83, 0.84],
  "test acc": [0.72, 0.79, 0.8, 0.82, 0.83],
};

describe("terminalChart", () => {
  it("has the title, `height` chart rows, an x axis, its labels and a legend, within `width`", () => {
    const out = terminalChart(curves, { width: 60, height: 10, title: "softmax", xlabel: "epoch" });
    const lines = out.split("\n");
    expect(lines).toHaveLength(1 + 10 + 2 + 1);
    expect(lines[0]).toBe("softmax");
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    // The x axis spans the whole plot area: the longest line is exactly `width` wide.
    expect(visibleWidth(lines[11]!)).toBe(60);
    expect(lines[11]).toMatch(/└[─┬]+$/);
    expect(lines[12]).toMatch(/^\s+1\b.*\b4\s+epoch$/);
    expect(visibleWidth(lines[12]!)).toBe(60);
    expect(lines[13]).toContain("── train loss");
    expect(lines[13]).toContain("━━ train acc");
    expect(lines[13]).toContain("══ test acc");
    expect(out).not.toContain(ESC);
  });

  it("labels every row with its value, highest first", () => {
    const lines = terminalChart({ a: [0, 1] }, { height: 5, width: 30 }).split("\n");
    expect(lines.slice(0, 5).map((l) => l.split(/[┤┼]/)[0]!.trim())).toEqual([
      "1.00",
      "0.75",
      "0.50",
      "0.25",
      "0.00",
    ]);
  });

  it("draws each series in its own style without colors, and in ANSI colors when asked", () => {
    const plain = terminalChart({ a: [1, 2, 3], b: [3, 2, 1] }, { width: 30, height: 6 });
    expect(plain).toMatch(/[╭╯]/);
    expect(plain).toMatch(/[┓┗]/);
    const colored = terminalChart({ a: [1, 2, 3], b: [3, 2, 1] }, { width: 30, height: 6, color: true });
    expect(colored).toContain(`${ESC}[34m`); // blue, the first series
    expect(colored).toContain(`${ESC}[35m`); // magenta, the second
    expect(colored).toContain(`${ESC}[0m`);
    expect(strip(colored).split("\n")).toHaveLength(plain.split("\n").length);
    expect(strip(colored)).not.toMatch(/[┏┛━]/);
  });

  it("draws a rising series from the bottom-left to the top-right", () => {
    const lines = terminalChart({ a: [0, 1, 2, 3] }, { width: 20, height: 4 }).split("\n");
    const axisAt = lines[0]!.indexOf("┤");
    expect(lines[3]![axisAt]).toBe("┼"); // the first value sits on the axis, bottom row
    expect(lines[0]!.trimEnd().endsWith("─")).toBe(true); // the last value, top row, right edge
    expect([...lines[0]!].length).toBe(20);
  });

  it("handles empty, single-value, constant and NaN series", () => {
    const out = terminalChart(
      { empty: [], one: [5], flat: [2, 2, 2], gaps: [1, Number.NaN, 3, 4, Number.NaN] },
      { width: 50, height: 7 },
    );
    const lines = out.split("\n");
    expect(lines).toHaveLength(7 + 2 + 1);
    expect(out).not.toContain("NaN");
    expect(lines[9]).toContain("empty");
    expect(lines[9]).toContain("gaps");
    const flatOnly = terminalChart({ flat: [2, 2, 2, 2] }, { width: 30, height: 5 }).split("\n");
    // A constant series is a flat line on the middle row, labelled with its value.
    expect(flatOnly[2]).toMatch(/^2\.00 ┼─+$/);
    for (const i of [0, 1, 3, 4]) expect(flatOnly[i]).toMatch(/^\s*\d\.\d\d ┤$/);
    const allNaN = terminalChart({ bad: [Number.NaN, Number.NaN] }, { width: 30, height: 3 }).split("\n");
    for (const line of allNaN.slice(0, 3)) expect(line).toMatch(/┤$/);
  });

  it("leaves a gap where a value is NaN", () => {
    const lines = terminalChart({ a: [1, 1, Number.NaN, Number.NaN, 1, 1] }, { width: 30, height: 3 }).split(
      "\n",
    );
    // Every row but the middle one (the value's row) is empty; the middle row has a hole.
    expect(lines[1]).toMatch(/┼─+ +╶─+$/);
  });

  it("wraps the legend to the width", () => {
    const names = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`series number ${i}`, [i, i + 1]]));
    const lines = terminalChart(names, { width: 40, height: 4 }).split("\n");
    const legend = lines.slice(6);
    expect(legend.length).toBeGreaterThan(1);
    for (const line of legend) expect(visibleWidth(line)).toBeLessThanOrEqual(40);
    expect(legend.join(" ")).toContain("series number 5");
  });

  it("keeps values inside a fixed ylim", () => {
    const lines = terminalChart({ a: [-5, 0.5, 5] }, { width: 20, height: 3, ylim: [0, 1] }).split("\n");
    expect(lines[0]).toMatch(/^1\.0/);
    expect(lines[2]).toMatch(/^0\.0/);
  });

  it("rejects sizes that leave no room, naming the function", () => {
    expect(() => terminalChart({ a: [1] }, { height: 1 })).toThrow(
      new ValueError("terminalChart: width and height must be integers, height at least 2, got 72 × 1"),
    );
    expect(() => terminalChart({ a: [1] }, { width: 6 })).toThrow(/^terminalChart: width 6 leaves no room/);
    expect(() => terminalChart({ a: [1] }, { ylim: [2, 1] })).toThrow(
      "terminalChart: ylim must be two finite numbers with low < high, got [2, 1]",
    );
  });
});

describe("terminalChart from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("names series and options of the wrong kind", () => {
    expect(() => terminalChart(js(undefined))).toThrowError(ValueError);
    expect(() => terminalChart(js(undefined))).toThrowError(
      /^terminalChart: series must be an object of named arrays or an array of \{ name, data \}, got undefined$/,
    );
    expect(() => terminalChart(js(tensor([1, 2])))).toThrowError("got a tensor of shape [2]");
    expect(() => terminalChart({ a: [1] }, js(null))).toThrowError(
      /^terminalChart: options must be an object of options, got null$/,
    );
    expect(() => terminalChart({ a: [1] }, js({ hieght: 5 }))).toThrowError(
      'terminalChart: unknown option "hieght" in options; did you mean "height"?',
    );
    expect(() => terminalChart({ a: [1] }, js({ title: 5 }))).toThrowError(
      "terminalChart: options.title must be a string, got 5",
    );
    expect(() => terminalChart({ a: [1] }, js({ xlabel: null }))).toThrowError(
      "options.xlabel must be a string",
    );
    expect(() => terminalChart({ a: [1] }, js({ color: "red" }))).toThrowError(
      'terminalChart: options.color must be true or false, got "red"',
    );
    expect(() => terminalChart({ a: [1] }, js({ width: "72" }))).toThrowError('got "72" × 12');
    expect(() => terminalChart({ a: [1] }, js({ height: null }))).toThrowError("got 72 × null");
    expect(() => terminalChart({ a: [1] }, { width: 1e12 })).toThrowError(
      /^terminalChart: width and height must be at most 10000, got 1000000000000 × 12$/,
    );
    expect(() => terminalChart({ a: [1] }, js({ ylim: 1 }))).toThrowError(
      "terminalChart: ylim must be two finite numbers with low < high, got 1",
    );
    expect(() => terminalChart({ a: [1] }, js({ ylim: null }))).toThrowError("got null");
  });
});
