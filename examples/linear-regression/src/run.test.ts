import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCli, UsageError } from "./cli.js";
import { DEFAULT_OPTIONS, type RunOptions, run } from "./run.js";

async function capture(options: Partial<RunOptions>) {
  const lines: string[] = [];
  const out = mkdtempSync(join(tmpdir(), "linear-regression-"));
  const summary = await run({ ...DEFAULT_OPTIONS, out, ...options }, (l) => lines.push(...l.split("\n")));
  return { lines, out, summary };
}

describe("human output", () => {
  it("prints d2l's epoch lines and the estimation errors for both variants", async () => {
    const { lines } = await capture({});
    expect(lines.filter((l) => /^epoch [123], loss 0\.\d{6}$/.test(l))).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith("error in estimating w: ["))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("error in estimating b: "))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith("note:"))).toBe(false);
  });
  it("explains a too-large learning rate instead of failing", async () => {
    const { lines, summary } = await capture({ lr: 3, variants: ["scratch"] });
    const text = lines.join("\n");
    expect(text).toMatch(
      /^epoch 1: the loss grew to \S+ at minibatch \d+ with learning rate 3, more than 10 times its \S+ at the start; training stopped\.$/m,
    );
    expect(text).toContain("The learning rate 3 is too large");
    expect(text).toContain("Try a smaller --lr, such as 0.3 (the default is 0.03).");
    expect(text).not.toContain("error in estimating");
    expect(summary.results[0]!.diverged).not.toBeNull();
  });
  it("says a too-small learning rate is too small", async () => {
    const { lines } = await capture({ lr: 0.001, variants: ["concise"] });
    expect(lines.join("\n")).toContain("the learning rate 0.001 is too small");
  });
});

describe("--json", () => {
  it("prints one JSON object per epoch and a summary, one per line, and writes the files", async () => {
    const { lines, out } = await capture({ json: true });
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const epochs = objects.filter((o) => o.event === "epoch");
    expect(epochs.map((o) => `${o.variant} ${o.epoch}`)).toEqual([
      "scratch 1",
      "scratch 2",
      "scratch 3",
      "concise 1",
      "concise 2",
      "concise 3",
    ]);
    for (const e of epochs) {
      expect(typeof e.loss).toBe("number");
      expect(typeof e.seconds).toBe("number");
    }
    expect(objects).toHaveLength(7);
    const summary = objects[6]!;
    expect(summary.event).toBe("summary");
    expect(summary.hyperParameters).toEqual({
      seed: 0,
      lr: 0.03,
      epochs: 3,
      batchSize: 10,
      numExamples: 1000,
      variants: ["scratch", "concise"],
    });
    const results = summary.results as Record<string, unknown>[];
    expect(results.map((r) => r.variant)).toEqual(["scratch", "concise"]);
    for (const r of results) {
      for (const key of ["finalLoss", "w", "b", "wError", "bError", "secondsPerEpoch", "diverged"]) {
        expect(r).toHaveProperty(key);
      }
      expect(r.finalLoss).toBe(epochs.find((e) => e.variant === r.variant && e.epoch === 3)!.loss);
    }
    const file = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Record<string, unknown>;
    expect(file.results).toEqual(summary.results);
    expect((file.history as Record<string, number[]>).scratch).toHaveLength(4);
    const svg = readFileSync(join(out, "loss.svg"), "utf8");
    expect(svg).toContain("<svg");
    expect(svg.match(/class="line"/g)).toHaveLength(2);
  });
  it("keeps a diverged loss readable (Infinity and NaN as strings)", async () => {
    const { lines } = await capture({ json: true, lr: 1e30, variants: ["concise"] });
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as {
      results: { diverged: { loss: unknown; reason: string }; finalLoss: unknown }[];
    };
    expect(["Infinity", "-Infinity", "NaN"]).toContain(summary.results[0]!.diverged.loss);
    expect(summary.results[0]!.diverged).toMatchObject({ epoch: 1, reason: "not finite" });
    expect(summary.results[0]!.finalLoss).toBe("NaN");
  });
});

describe("parseCli", () => {
  it("has d2l's defaults and skips the -- that pnpm passes on", () => {
    expect(parseCli([])).toEqual({ help: false, options: DEFAULT_OPTIONS });
    expect(parseCli(["--", "--help"])).toEqual({ help: true });
    expect(DEFAULT_OPTIONS).toMatchObject({ lr: 0.03, epochs: 3, batchSize: 10, seed: 0 });
  });
  it("reads every option", () => {
    const c = parseCli(
      "--variant concise --lr 0.1 --epochs 5 --batch-size 20 --seed 7 --out x --json".split(" "),
    );
    expect(c).toEqual({
      help: false,
      options: {
        ...DEFAULT_OPTIONS,
        variants: ["concise"],
        lr: 0.1,
        epochs: 5,
        batchSize: 20,
        seed: 7,
        out: "x",
        json: true,
      },
    });
  });
  it.each([
    [["--lr", "abc"], "--lr must be a positive number, got 'abc'"],
    [["--lr=-1"], "--lr must be a positive number"],
    [["--epochs", "1.5"], "--epochs must be an integer >= 1"],
    [["--batch-size", "0"], "--batch-size must be an integer >= 1"],
    [["--variant", "fast"], "--variant must be scratch, concise or both"],
    [["--learning-rate", "1"], "Unknown option '--learning-rate'"],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
