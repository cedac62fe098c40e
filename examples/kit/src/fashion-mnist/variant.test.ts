// The bookkeeping around an example's own training: the epoch lines and the summary of --json,
// the text at the end, and a divergence turned into the summary's `diverged` (no predictions).
import { Generator, zeros } from "@tsgrad/tensor";
import { type EpochRecord, TrainingDivergedError, type TrainOptions } from "@tsgrad/trainer";
import { describe, expect, it } from "vitest";
import type { FashionMnistData } from "./data.js";
import { divergenceOf, runClassifierVariant, type VariantOptions } from "./variant.js";

// Six blank images of class 9 (ankle boot), and a net that scores every class the same.
const data = (): FashionMnistData => {
  const batch = [zeros([6, 1, 28, 28]), zeros([6], { dtype: "int32" }).add(9)] as const;
  return { trainIter: [batch], testIter: [batch], generator: new Generator(0), source: SOURCE };
};
const SOURCE = { dirs: ["/d"], origins: ["system"], files: [] };
const net = { forward: () => zeros([6, 10]) };
const record = (epoch: number): EpochRecord => ({
  epoch,
  trainLoss: 0.5,
  trainAcc: 0.8,
  testAcc: 0.75 + epoch / 100,
  seconds: 2,
  examplesPerSecond: 3,
});

function options(o: Partial<VariantOptions>): { options: VariantOptions; lines: string[] } {
  const lines: string[] = [];
  const options: VariantOptions = {
    variant: "scratch",
    ...{ epochs: 2, lr: 0.1, batchSize: 6, seed: 0, out: undefined, json: false, predictN: 3 },
    print: (l) => lines.push(l),
    ...o,
  };
  return { options, lines };
}

/** A stand-in for an example's training: two epochs, through train's onEpoch. */
async function fit(o: TrainOptions) {
  const history = [record(1), record(2)];
  for (const r of history) o.onEpoch?.(r);
  return { net, result: { history, final: history[1] } };
}

describe("runClassifierVariant", () => {
  it("--json: an object per epoch, then the summary with the example's facts after the common ones", async () => {
    const { options: o, lines } = options({ json: true });
    let seen: TrainOptions | undefined;
    const summary = await runClassifierVariant(o, data(), {
      title: "t",
      facts: { dropout: 0.5 },
      defaultLr: 0.1,
      fit: (train) => {
        seen = train;
        return fit(train);
      },
    });
    expect(seen).toMatchObject({ title: "t", quiet: true, lr: 0.1, outDir: undefined });
    expect(seen?.report?.facts).toMatchObject({ variant: "scratch", seed: 0, dropout: 0.5 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { variant: "scratch", ...record(1) },
      { variant: "scratch", ...record(2) },
      { summary: JSON.parse(JSON.stringify(summary)) },
    ]);
    expect(Object.keys(summary).slice(0, 7)).toEqual([
      ...["variant", "epochs", "lr", "batchSize", "seed", "dropout", "backend"],
    ]);
    expect(summary).toMatchObject({ testAccHistory: [0.76, 0.77], secondsPerEpoch: 2, data: SOURCE });
    expect(summary.predictions).toHaveLength(3);
    expect(summary.predictions[0]?.true).toBe("ankle boot");
    expect(summary.diverged).toBeNull();
  });

  it("prints the results, or nothing when quiet", async () => {
    const { options: o, lines } = options({});
    await runClassifierVariant(o, data(), { title: "t", facts: {}, defaultLr: 0.1, fit });
    expect(lines[0]).toMatch(
      /^scratch: train loss 0.500, train acc 0.800, test acc 0.770, 2.00 s\/epoch \(\w+ backend\)$/,
    );
    expect(lines[1]).toMatch(
      /^predictions \(true → predicted\): ankle boot → \S+, ankle boot → \S+, ankle boot → \S+$/,
    );
    const quiet = options({ quiet: true });
    await runClassifierVariant(quiet.options, data(), { title: "t", facts: {}, defaultLr: 0.1, fit });
    expect(quiet.lines).toEqual([]);
  });

  it("explains a divergence, shows no predictions, and passes other errors on", async () => {
    const { options: o, lines } = options({ lr: 5 });
    const error = new TrainingDivergedError(1, 3, 62.79, 5, { start: 2.326, factor: 10 });
    const summary = await runClassifierVariant(o, data(), {
      title: "t",
      facts: {},
      defaultLr: 0.1,
      fit: () => Promise.reject(error),
    });
    expect(summary.diverged).toEqual(divergenceOf(error));
    expect(summary.predictions).toEqual([]);
    expect(Number.isNaN(summary.testAcc)).toBe(true);
    expect(lines).toEqual([
      "scratch: the loss grew to 62.79 at epoch 1, batch 3 with learning rate 5, more than 10 times its 2.326 at the start; the training diverged: try a smaller learning rate, such as 0.5.",
      "The learning rate 5 is too large: each step overshoots the minimum, so the loss grows instead of falling (the default --lr is 0.1).",
    ]);
    const other = new Error("disk full");
    const run = runClassifierVariant(o, data(), {
      title: "t",
      facts: {},
      defaultLr: 0.1,
      fit: () => Promise.reject(other),
    });
    await expect(run).rejects.toBe(other);
  });
});

describe("divergenceOf", () => {
  it("is 'grew' with the start, or 'not finite' without one", () => {
    const grew = new TrainingDivergedError(2, 7, 40, 1, { start: 2, factor: 10 });
    expect(divergenceOf(grew)).toEqual({
      epoch: 2,
      batch: 7,
      reason: "grew",
      loss: 40,
      start: 2,
      message: grew.message,
    });
    const nan = new TrainingDivergedError(1, 2, Number.NaN, 1e30);
    expect(divergenceOf(nan)).toMatchObject({ reason: "not finite", start: null, message: nan.message });
    expect(Number.isNaN(divergenceOf(nan).loss)).toBe(true);
  });
});
