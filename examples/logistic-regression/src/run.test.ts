import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCli, UsageError } from "./cli.js";
import { DEFAULT_OPTIONS, type RunOptions, run } from "./run.js";

async function capture(options: Partial<RunOptions>) {
  const lines: string[] = [];
  const out = mkdtempSync(join(tmpdir(), "logistic-regression-"));
  const summary = await run({ ...DEFAULT_OPTIONS, out, ...options }, (l) => lines.push(...l.split("\n")));
  return { lines, out, summary };
}

describe("human output", () => {
  it("prints an epoch line every 10 epochs (and the first), the final metrics and w, b", async () => {
    const { lines } = await capture({ epochs: 20 });
    const epochLines = lines.filter((l) => /^epoch +\d+: train loss/.test(l));
    expect(epochLines.map((l) => Number(l.match(/\d+/)![0]))).toEqual([1, 10, 20, 1, 10, 20]);
    expect(lines.filter((l) => l.startsWith("final: train loss"))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("learned w = ["))).toHaveLength(2);
    expect(lines.filter((l) => l.includes("° apart"))).toHaveLength(2);
    expect(lines[1]).toMatch(/^2000 train examples \(class 0: \d+, class 1: \d+\), 1000 test examples/);
  });
  it("prints every epoch with verbose", async () => {
    const { lines } = await capture({ epochs: 12, verbose: true, variants: ["concise"] });
    expect(lines.filter((l) => /^epoch +\d+: /.test(l))).toHaveLength(12);
  });
});

describe("an absurd learning rate", () => {
  it("is reported as a divergence, not a stack trace", async () => {
    // Logistic regression's gradients are bounded (|σ(z) − y| ≤ 1, |x| ≤ 1), so it takes an
    // absurd step to overflow; the scratch sigmoid, e^−z with z ~ 1e37, goes first.
    const { lines, summary } = await capture({ lr: 1e38, epochs: 3, variants: ["scratch"] });
    const text = lines.join("\n");
    expect(text).toMatch(
      /epoch 1: the loss became (NaN|Infinity|-Infinity) at minibatch \d+ with learning rate 1e\+38; training stopped\./,
    );
    expect(text).toContain("The learning rate 1e+38 is too large");
    expect(text).not.toContain("learned w");
    expect(summary.results[0]!.diverged).toMatchObject({ epoch: 1, reason: "not finite" });
    // The loss at the start, log 2: the initial weights are near 0, so every p is near ½.
    expect(summary.results[0]!.diverged!.start).toBeCloseTo(Math.LN2, 2);
  });
  it("stops the concise variant too, whose loss stays finite but grows far above its start", async () => {
    // BCEWithLogitsLoss never overflows: the scores reach 1e37 and so does the loss. The
    // trainer's rule stops it when the loss passes 10 times its start.
    const { lines, summary } = await capture({ lr: 1e38, epochs: 3, variants: ["concise"] });
    expect(lines.join("\n")).toMatch(
      /epoch 1: the loss grew to \S+ at minibatch \d+ with learning rate 1e\+38, more than 10 times its 0\.69\d+ at the start; training stopped\./,
    );
    const d = summary.results[0]!.diverged!;
    expect(d).toMatchObject({ epoch: 1, reason: "grew" });
    expect(d.loss).toBeGreaterThan(10 * d.start!);
  });
  it("is not reached at lr 50, where the bounded gradients still converge", async () => {
    const { summary } = await capture({ lr: 50, epochs: 5 });
    expect(summary.results.map((r) => r.diverged)).toEqual([null, null]);
  });
});

describe("--json", () => {
  it("prints one JSON object per epoch and a summary, one per line, and writes the files", async () => {
    const { lines, out } = await capture({ json: true, epochs: 5 });
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(11);
    const epochs = objects.slice(0, 10);
    expect(epochs.map((o) => `${o.event} ${o.variant} ${o.epoch}`)).toEqual(
      [1, 2, 3, 4, 5]
        .map((e) => `epoch scratch ${e}`)
        .concat([1, 2, 3, 4, 5].map((e) => `epoch concise ${e}`)),
    );
    for (const e of epochs) {
      for (const key of ["trainLoss", "trainAcc", "testLoss", "testAcc", "seconds"]) {
        expect(typeof e[key]).toBe("number");
      }
    }
    const summary = objects[10]!;
    expect(summary.event).toBe("summary");
    expect(summary.hyperParameters).toEqual({
      seed: 0,
      lr: 0.5,
      epochs: 5,
      batchSize: 64,
      numTrain: 2000,
      numTest: 1000,
      variants: ["scratch", "concise"],
    });
    expect(summary.trueW).toEqual([1.9, -3.1]);
    expect(summary.trueB).toBe(-0.6);
    const results = summary.results as Record<string, unknown>[];
    expect(results.map((r) => r.variant)).toEqual(["scratch", "concise"]);
    for (const r of results) {
      for (const key of [
        "trainLoss",
        "trainAcc",
        "testLoss",
        "testAcc",
        "w",
        "b",
        "secondsPerEpoch",
        "diverged",
        "angleDegrees",
      ]) {
        expect(r).toHaveProperty(key);
      }
      const last = epochs.find((e) => e.variant === r.variant && e.epoch === 5)!;
      expect(r.testAcc).toBe(last.testAcc);
    }
    const file = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Record<string, unknown>;
    expect(file.results).toEqual(summary.results);
    expect((file.history as Record<string, unknown[]>).concise).toHaveLength(5);
    for (const [name, curves] of [
      ["loss.svg", 4],
      ["accuracy.svg", 4],
    ] as const) {
      const svg = readFileSync(join(out, name), "utf8");
      expect(svg.match(/class="line"/g)).toHaveLength(curves);
    }
  });
});

describe("parseCli", () => {
  it("has the lab's defaults and skips the -- that pnpm passes on", () => {
    expect(parseCli([])).toEqual({ help: false, options: DEFAULT_OPTIONS });
    expect(DEFAULT_OPTIONS).toMatchObject({
      lr: 0.5,
      epochs: 100,
      batchSize: 64,
      numTrain: 2000,
      numTest: 1000,
    });
    expect(parseCli(["--", "-h"])).toEqual({ help: true });
  });
  it("reads every option", () => {
    const c = parseCli(
      "--variant scratch --lr 0.1 --epochs 5 --batch-size 32 --seed 3 --out o --json --verbose".split(" "),
    );
    expect(c).toEqual({
      help: false,
      options: {
        ...DEFAULT_OPTIONS,
        variants: ["scratch"],
        lr: 0.1,
        epochs: 5,
        batchSize: 32,
        seed: 3,
        out: "o",
        json: true,
        verbose: true,
      },
    });
  });
  it("takes a negative seed, as manualSeed does", () => {
    expect(parseCli(["--seed", "-1"])).toMatchObject({ options: { seed: -1 } });
  });
  it.each([
    [["--lr", "0"], "--lr must be a positive number, got '0'"],
    [["--epochs", "ten"], "--epochs must be an integer >= 1"],
    [["--seed", "0.5"], "--seed must be an integer (negative ones too, up to 2^53 - 1 in size), got '0.5'"],
    [["--lr", "-1"], "--lr must be a positive number, got '-1'"],
    [["--variant", "nn"], "--variant must be scratch, concise or both"],
    [["extra"], "Unexpected argument 'extra'"],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
