import { tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { lineChartSvg } from "./line-chart.js";
import { PALETTE } from "./series.js";
import { all, parseSvg, subpathLengths } from "./xml.test-util.js";

const curves = {
  "train loss": [0.9, 0.6, 0.52, 0.48, 0.46],
  "train acc": [0.7, 0.8, 0.82, 0.83, 0.84],
  "test acc": [0.72, 0.79, 0.8, 0.82, 0.83],
};

function linesOf(svg: string) {
  return all(parseSvg(svg), "path").filter((p) => p.getAttribute("class") === "line");
}

describe("lineChartSvg", () => {
  it("is a well-formed SVG document with one path per series and a point per value", () => {
    const svg = lineChartSvg(curves, { title: "softmax", xlabel: "epoch", ylabel: "value" });
    const root = parseSvg(svg);
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("width")).toBe("480");
    expect(root.getAttribute("height")).toBe("340");
    const paths = linesOf(svg);
    expect(paths.map((p) => p.getAttribute("data-name"))).toEqual(["train loss", "train acc", "test acc"]);
    for (const p of paths) expect(subpathLengths(p.getAttribute("d")!)).toEqual([5]);
  });

  it("draws the legend, title and axis labels as text", () => {
    const root = parseSvg(lineChartSvg(curves, { title: "softmax", xlabel: "epoch", ylabel: "value" }));
    const texts = all(root, "text").map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(["train loss", "train acc", "test acc", "softmax", "epoch", "value"]),
    );
    const legend = all(root, "g").find((g) => g.getAttribute("class") === "legend")!;
    expect(all(legend, "text").map((t) => t.textContent)).toEqual(["train loss", "train acc", "test acc"]);
    expect(all(legend, "line")).toHaveLength(3);
  });

  it("uses d2l's Animator styles: blue solid, magenta dashed, green dash-dot, red dotted", () => {
    const paths = linesOf(lineChartSvg({ a: [1, 2], b: [2, 1], c: [1, 1], d: [2, 2] }));
    expect(paths.map((p) => p.getAttribute("stroke"))).toEqual(["#1f77b4", "#bf00bf", "#008000", "#ff0000"]);
    expect(paths[0]!.hasAttribute("stroke-dasharray")).toBe(false);
    expect(paths.slice(1).map((p) => p.getAttribute("stroke-dasharray"))).toEqual(
      PALETTE.slice(1, 4).map((s) => s.dash),
    );
  });

  it("takes per-series colors and dashes in the array form", () => {
    const paths = linesOf(lineChartSvg([{ name: "1", data: [1, 2], color: "black", dash: "1 1" }]));
    expect(paths[0]!.getAttribute("stroke")).toBe("black");
    expect(paths[0]!.getAttribute("stroke-dasharray")).toBe("1 1");
  });

  it("escapes text so that titles and names with markup survive", () => {
    const title = `loss <"lr" & 'wd'>`;
    const svg = lineChartSvg({ "a<b>&c": [1, 2] }, { title, xlabel: "x & y" });
    expect(svg).toContain("&lt;&quot;lr&quot; &amp; &apos;wd&apos;&gt;");
    const texts = all(parseSvg(svg), "text").map((t) => t.textContent);
    expect(texts).toContain(title);
    expect(texts).toContain("a<b>&c");
    expect(texts).toContain("x & y");
  });

  it("plots [x, y] points, { x, y } points and 1-D tensors", () => {
    const svg = lineChartSvg({
      pairs: [
        [0.5, 1],
        [1, 2],
        [2, 3],
      ],
      objects: [
        { x: 1, y: 1 },
        { x: 3, y: 2 },
      ],
      tensor: tensor([3, 2, 1, 0]),
    });
    expect(linesOf(svg).map((p) => subpathLengths(p.getAttribute("d")!))).toEqual([[3], [2], [4]]);
  });

  it("breaks a curve at NaN and infinite values and marks isolated points with a dot", () => {
    const svg = lineChartSvg({ a: [1, 2, Number.NaN, 3, 4, Number.POSITIVE_INFINITY, 5] });
    const root = parseSvg(svg);
    expect(subpathLengths(linesOf(svg)[0]!.getAttribute("d")!)).toEqual([2, 2, 1]);
    expect(all(root, "circle")).toHaveLength(1);
  });

  it("draws series of length 0 and 1 and a constant series", () => {
    const svg = lineChartSvg({ empty: [], one: [0.5], flat: [2, 2, 2] });
    const paths = linesOf(svg);
    expect(paths[0]!.getAttribute("d")).toBe("");
    expect(subpathLengths(paths[1]!.getAttribute("d")!)).toEqual([1]);
    expect(subpathLengths(paths[2]!.getAttribute("d")!)).toEqual([3]);
    expect(all(parseSvg(svg), "circle")).toHaveLength(1);
    expect(svg).not.toContain("NaN");
    expect(parseSvg(lineChartSvg({})).tagName).toBe("svg");
  });

  it("places the first and last points at the ends of the x range and honours ylim", () => {
    const svg = lineChartSvg({ a: [0, 1] }, { width: 300, height: 200, ylim: [0, 1] });
    const root = parseSvg(svg);
    const axes = all(root, "rect").find((r) => r.getAttribute("class") === "axes")!;
    const [x, y, w, h] = ["x", "y", "width", "height"].map((k) => Number(axes.getAttribute(k)));
    const nums = linesOf(svg)[0]!
      .getAttribute("d")!
      .match(/-?[\d.]+/g)!
      .map(Number);
    expect(nums[0]).toBeCloseTo(x!, 1);
    expect(nums[1]).toBeCloseTo(y! + h!, 1);
    expect(nums[2]).toBeCloseTo(x! + w!, 1);
    expect(nums[3]).toBeCloseTo(y!, 1);
    const labels = all(root, "g")
      .find((g) => g.getAttribute("class") === "tick-labels")!
      .getElementsByTagName("text");
    const ys = Array.from(labels).map((t) => t.textContent);
    expect(ys).toContain("0.0");
    expect(ys).toContain("1.0");
  });

  it("leaves non-positive values out on a log scale and labels powers of ten", () => {
    const svg = lineChartSvg({ loss: [10, 1, 0, 0.1, 0.01] }, { yscale: "log" });
    expect(subpathLengths(linesOf(svg)[0]!.getAttribute("d")!)).toEqual([2, 2]);
    const texts = all(parseSvg(svg), "text").map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["0.01", "0.1", "1", "10"]));
  });

  it("puts the legend where the data is not", () => {
    const legendBox = (svg: string) => {
      const g = all(parseSvg(svg), "g").find((e) => e.getAttribute("class") === "legend")!;
      const r = all(g, "rect")[0]!;
      return { x: Number(r.getAttribute("x")), y: Number(r.getAttribute("y")) };
    };
    // A curve high on the right leaves the upper left free; one high on the left, the upper right.
    const falling = legendBox(lineChartSvg({ a: [1, 0.01, 0.01, 0.01, 0.01] }));
    const rising = legendBox(lineChartSvg({ a: [0.01, 1, 1, 1, 1] }));
    expect(falling.x).toBeGreaterThan(240);
    expect(rising.x).toBeLessThan(240);
    expect(lineChartSvg({ a: [1] }, { legend: false })).not.toContain('class="legend"');
  });

  it("gives different charts different clip-path ids", () => {
    const id = (svg: string) => all(parseSvg(svg), "clipPath")[0]!.getAttribute("id");
    expect(id(lineChartSvg({ a: [1, 2] }))).not.toBe(id(lineChartSvg({ a: [2, 1] })));
    expect(id(lineChartSvg({ a: [1, 2] }, { id: "fig1" }))).toBe("fig1-clip");
  });

  it("rejects bad arguments, naming the function and the argument", () => {
    expect(() => lineChartSvg({ a: [1, "x" as unknown as number] })).toThrow(
      new ValueError('lineChartSvg: series "a" item 1 is not a number, an [x, y] pair or an { x, y } point'),
    );
    expect(() => lineChartSvg({ a: tensor([[1, 2]]) })).toThrow(
      'lineChartSvg: series "a" must be a 1-D tensor of y values, got a tensor of shape [1, 2]',
    );
    expect(() =>
      lineChartSvg([
        { name: "a", data: [1] },
        { name: "a", data: [2] },
      ]),
    ).toThrow('lineChartSvg: two series are named "a"');
    expect(() => lineChartSvg({ a: [1] }, { ylim: [1, 0] })).toThrow(
      "lineChartSvg: ylim must have low < high, got [1, 0]",
    );
    expect(() => lineChartSvg({ a: [1] }, { yscale: "log", ylim: [0, 1] })).toThrow(
      "lineChartSvg: ylim must be positive on a log scale, got [0, 1]",
    );
    expect(() => lineChartSvg({ a: [1] }, { width: 50 })).toThrow(ValueError);
  });
});

describe("lineChartSvg from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("names series of the wrong kind, and unknown or mistyped series fields", () => {
    expect(() => lineChartSvg(js("abc"))).toThrowError(ValueError);
    expect(() => lineChartSvg(js("abc"))).toThrowError(
      /^lineChartSvg: series must be an object of named arrays or an array of \{ name, data \}, got "abc"$/,
    );
    expect(() => lineChartSvg(js(tensor([1, 2])))).toThrowError("got a tensor of shape [2]");
    expect(() => lineChartSvg(js([{ name: "a", data: [1], colour: "red" }]))).toThrowError(
      'lineChartSvg: unknown option "colour" in series[0]; did you mean "color"?',
    );
    expect(() => lineChartSvg(js([{ name: "a", data: [1], color: 3 }]))).toThrowError(
      /^lineChartSvg: series\[0\]\.color must be a string \(a CSS color\), got 3$/,
    );
    expect(() => lineChartSvg(js([{ name: "a", data: [1], dash: [6, 3] }]))).toThrowError(
      'series[0].dash must be a string (an SVG dash pattern such as "6 3"), got [6, 3]',
    );
    expect(() => lineChartSvg(js({ a: null }))).toThrowError(ValueError);
  });

  it("reads a palette that cannot be changed from outside", () => {
    expect(Object.isFrozen(PALETTE)).toBe(true);
    expect(PALETTE.every((style) => Object.isFrozen(style))).toBe(true);
  });

  it("names options of the wrong kind", () => {
    const a = { a: [1, 2] };
    expect(() => lineChartSvg(a, js(null))).toThrowError(
      /^lineChartSvg: options must be an object of options, got null$/,
    );
    expect(() => lineChartSvg(a, js({ xlable: "epoch" }))).toThrowError(
      'lineChartSvg: unknown option "xlable" in options; did you mean "xlabel"?',
    );
    expect(() => lineChartSvg(a, js({ title: 3 }))).toThrowError(
      "lineChartSvg: options.title must be a string, got 3",
    );
    expect(() => lineChartSvg(a, js({ id: {} }))).toThrowError("options.id must be a string, got an object");
    expect(() => lineChartSvg(a, js({ grid: "no" }))).toThrowError(
      'options.grid must be true or false, got "no"',
    );
    expect(() => lineChartSvg(a, js({ yscale: "logarithmic" }))).toThrowError(
      'lineChartSvg: options.yscale must be one of "linear", "log", got "logarithmic"',
    );
    expect(() => lineChartSvg(a, js({ legend: "top" }))).toThrowError(
      /^lineChartSvg: options\.legend must be false, "best" or one of "upper right", .*, got "top"$/,
    );
    expect(() => lineChartSvg(a, js({ legend: null }))).toThrowError("got null");
    expect(() => lineChartSvg(a, js({ width: "480" }))).toThrowError('got "480" × 340');
    expect(() => lineChartSvg(a, js({ height: null }))).toThrowError("got 480 × null");
    expect(() => lineChartSvg(a, { width: 1e12 })).toThrowError(
      /^lineChartSvg: width and height must be at most 100000 px, got 1000000000000 × 340$/,
    );
    expect(() => lineChartSvg(a, js({ fontSize: Number.NaN }))).toThrowError(
      "lineChartSvg: fontSize must be a positive number, got NaN",
    );
    expect(() => lineChartSvg(a, js({ xlim: 2 }))).toThrowError(
      "lineChartSvg: xlim must be two finite numbers [low, high], got 2",
    );
  });
});
