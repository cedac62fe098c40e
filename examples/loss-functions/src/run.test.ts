// The run's output and files: the printed table, one JSON object with --json, and the SVGs,
// the report and summary.json with the expected series and every plotted point.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type Options } from "./cli.js";
import { lossCurves } from "./curves.js";
import { FILE_NAMES, run, type Summary, TABLE_ROWS } from "./run.js";

async function capture(options: Partial<Options>) {
  const lines: string[] = [];
  const out = mkdtempSync(join(tmpdir(), "loss-functions-"));
  const summary = await run({ ...DEFAULT_OPTIONS, out, ...options }, (l) => lines.push(...l.split("\n")));
  const read = (name: (typeof FILE_NAMES)[number]) => readFileSync(join(out, name), "utf8");
  return { lines, out, summary, read };
}

/** Each `<path class="line">` of an SVG chart: its series name and how many points it joins. */
function seriesOf(svg: string): { name: string; points: number }[] {
  return [...svg.matchAll(/<path class="line" data-name="([^"]*)"[^>]* d="([^"]*)"/g)].map((m) => ({
    name: m[1]!,
    points: (m[2]!.match(/[ML]/g) ?? []).length,
  }));
}

const LOSS_SERIES = ["squared ½(ŷ − y)²", "L1 |ŷ − y|", "Huber, δ = 1"];
const NORMAL_SERIES = ["mean 0, std 1", "mean 0, std 2", "mean 3, std 1"];

describe("run", () => {
  it("prints the losses and their derivatives at nine predictions and writes the files", async () => {
    const { lines, out, summary } = await capture({});
    expect(lines[0]).toBe(
      "Loss functions (d2l 3.1.3) at target y = 0, predictions ŷ from -3 to 3 (601 points, float64), Huber δ = 1.",
    );
    const header = lines.findIndex((l) => /^\s+ŷ\s+squared\s+dl\/dŷ\s+L1\s+dl\/dŷ\s+Huber\s+dl\/dŷ$/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = lines
      .slice(header + 1, header + 1 + TABLE_ROWS)
      .map((l) => l.trim().split(/\s+/).map(Number));
    // ŷ = 1.5: squared 1.125 (slope 1.5), L1 1.5 (slope 1), Huber 1 (slope δ = 1).
    expect(rows[6]).toEqual([1.5, 1.125, 1.5, 1.5, 1, 1, 1]);
    expect(rows[4]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(lines.at(-1)).toBe(`wrote ${FILE_NAMES.map((f) => join(out, f)).join(", ")}`);
    expect(summary.files).toEqual(FILE_NAMES.map((f) => join(out, f)));
  });

  it("writes each chart with its series, every plotted point in each", async () => {
    const { read } = await capture({});
    const losses = seriesOf(read("loss.svg"));
    expect(losses).toEqual(LOSS_SERIES.map((name) => ({ name, points: 601 })));
    expect(seriesOf(read("derivative.svg"))).toEqual(LOSS_SERIES.map((name) => ({ name, points: 601 })));
    expect(seriesOf(read("normal.svg"))).toEqual(NORMAL_SERIES.map((name) => ({ name, points: 1400 })));
    expect(read("derivative.svg")).toContain("<title>derivatives dl/dŷ by autograd, target y = 0</title>");
  });

  it("follows --target, --delta, --range and --points", async () => {
    const { read, summary } = await capture({ target: 1, delta: 0.5, range: [-1, 2], points: 7 });
    expect(seriesOf(read("loss.svg")).map((s) => s.points)).toEqual([7, 7, 7]);
    expect(seriesOf(read("derivative.svg"))[2]!.name).toBe("Huber, δ = 0.5");
    const table = summary.table;
    expect(table.map((r) => r.yHat)).toEqual([-1, -0.625, -0.25, 0.125, 0.5, 0.875, 1.25, 1.625, 2]);
    // ŷ = 0.5 is δ below the target: Huber's derivative is −δ, its loss ½δ².
    expect(table[4]!.huber).toEqual({ loss: 0.125, grad: -0.5 });
    expect(table[4]!.squared).toEqual({ loss: 0.125, grad: -0.5 });
    expect(table[4]!.l1).toEqual({ loss: 0.5, grad: -1 });
  });

  it("puts the three charts and the table into report.html", async () => {
    const { read } = await capture({});
    const html = read("report.html");
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toContain("<?xml");
    expect(html).toContain("<tr><th>Huber δ</th><td>1</td></tr>");
    expect(html.match(/<tr><td>/g)).toHaveLength(TABLE_ROWS);
    for (const name of [...LOSS_SERIES, ...NORMAL_SERIES]) expect(html).toContain(`data-name="${name}"`);
  });

  it("keeps every plotted point in summary.json, as computed", async () => {
    const { read } = await capture({ points: 11 });
    const saved = JSON.parse(read("summary.json")) as Summary & {
      points: { yHat: number[]; losses: Record<string, { loss: number[]; grad: number[] }> };
    };
    const xs = saved.points.yHat;
    const expected = [-3, -2.4, -1.8, -1.2, -0.6, 0, 0.6, 1.2, 1.8, 2.4, 3];
    expect(xs).toHaveLength(expected.length);
    for (const [i, x] of xs.entries()) expect(x).toBeCloseTo(expected[i]!, 12);
    for (const c of lossCurves(xs, 0, 1))
      expect(saved.points.losses[c.name]).toEqual({ loss: c.loss, grad: c.grad });
  });

  it("prints one JSON summary and nothing else with json", async () => {
    const { lines, summary } = await capture({ json: true });
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0]!) as Summary;
    expect(printed).toEqual(summary);
    expect(printed).toMatchObject({
      event: "summary",
      example: "loss-functions",
      options: { target: 0, delta: 1, range: [-3, 3], points: 601 },
      dtype: "float64",
    });
    expect(printed.table).toHaveLength(TABLE_ROWS);
    const peaks = [1 / Math.sqrt(2 * Math.PI), 1 / Math.sqrt(8 * Math.PI), 1 / Math.sqrt(2 * Math.PI)];
    for (const [i, n] of printed.normal.entries()) expect(n.peak).toBeCloseTo(peaks[i]!, 14);
  });
});
