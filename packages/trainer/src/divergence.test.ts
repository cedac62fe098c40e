import { CrossEntropyLoss } from "@tsgrad/losses";
import { Linear, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import { Generator, manualSeed, type Tensor, TsgradError, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { blobs, ShuffledBatches } from "./fixtures.test-util.js";
import { DivergenceCheck, TrainingDivergedError, train, trainEpoch } from "./index.js";

/** Feeds batches of [mean loss, size] and returns the 1-based batch that diverged, or 0. */
function firstDivergence(check: DivergenceCheck, batches: readonly (readonly [number, number])[]): number {
  for (let i = 0; i < batches.length; i++) {
    if (check.update(batches[i]![0], batches[i]![1]) !== null) return i + 1;
  }
  return 0;
}

describe("DivergenceCheck", () => {
  it("stops at a NaN or infinite loss, from the first batch on", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const check = new DivergenceCheck();
      expect(check.update(bad, 32)).toEqual({
        reason: "not finite",
        loss: bad,
        start: undefined,
        factor: 10,
      });
    }
  });

  it("stops when the recent mean loss grows above 10 times the mean of the first 32 examples", () => {
    const check = new DivergenceCheck();
    expect(check.update(2.3, 256)).toBeNull(); // the start: one batch of 256 covers 32 examples
    expect(check.start).toBe(2.3);
    expect(check.update(22.9, 256)).toBeNull();
    expect(check.update(23.1, 256)).toEqual({ reason: "grew", loss: 23.1, start: 2.3, factor: 10 });
  });

  it("averages small batches over 32 examples, so one unlucky batch is not growth", () => {
    // Batches of 10: the start is the mean of the first four (5), and a single batch at 60 in
    // a window of four batches, the others at 5, is a mean of 18.75, not growth.
    const check = new DivergenceCheck();
    const healthy = Array.from({ length: 30 }, (_, i) => [i === 20 ? 60 : 5, 10] as const);
    expect(firstDivergence(check, healthy)).toBe(0);
    expect(check.start).toBe(5);
    // A loss that keeps growing by half each batch crosses the line once the window's mean
    // does: 1.5^6 > 10, six batches after the start's four.
    const growing = Array.from({ length: 30 }, (_, i) => [5 * 1.5 ** i, 10] as const);
    expect(firstDivergence(new DivergenceCheck(), growing)).toBe(10);
  });

  it("does not judge growth before the start is measured, nor from a start of 0 or below", () => {
    const check = new DivergenceCheck();
    expect(
      firstDivergence(check, [
        [1, 20],
        [1000, 11],
      ]),
    ).toBe(0);
    expect(check.start).toBeUndefined();
    expect(
      firstDivergence(new DivergenceCheck(), [
        [0, 100],
        [1e9, 100],
      ]),
    ).toBe(0);
    expect(
      firstDivergence(new DivergenceCheck(), [
        [-2, 100],
        [1e9, 100],
      ]),
    ).toBe(0);
  });

  it("takes another factor and window, and Infinity turns the growth rule off", () => {
    expect(
      firstDivergence(new DivergenceCheck({ factor: 2, examples: 1 }), [
        [1, 1],
        [1.5, 1],
        [2.5, 1],
      ]),
    ).toBe(3);
    const off = new DivergenceCheck({ factor: Number.POSITIVE_INFINITY });
    expect(
      firstDivergence(off, [
        [1, 100],
        [1e30, 100],
      ]),
    ).toBe(0);
    expect(off.update(Number.NaN, 100)?.reason).toBe("not finite");
  });

  it("names a bad option", () => {
    expect(() => new DivergenceCheck({ factor: 1 })).toThrow(
      new ValueError("DivergenceCheck: factor must be a number above 1 (or Infinity), got 1"),
    );
    expect(() => new DivergenceCheck({ factor: "10" as unknown as number })).toThrow(
      'DivergenceCheck: factor must be a number above 1 (or Infinity), got "10"',
    );
    expect(() => new DivergenceCheck({ examples: 0.5 })).toThrow(
      "DivergenceCheck: examples must be an integer >= 1, got 0.5",
    );
  });
});

// A linear classifier with cross-entropy never overflows at a huge learning rate: its loss
// grows with the rate instead (about lr / 10 here). Only the growth rule stops it.
const blobsData = () => {
  const { X, y } = blobs(300, 1);
  return new ShuffledBatches(X, y, 32, new Generator(3));
};

describe("trainEpoch and train stop a loss that grew far above its start", () => {
  it("with a built-in optimizer: names the epoch, the batch and the learning rate", () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const opt = new SGD(net.parameters(), { lr: 1e30 });
    let error: unknown;
    try {
      trainEpoch(net, blobsData(), new CrossEntropyLoss({ reduction: "none" }), opt, { epoch: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect(error).toBeInstanceOf(TsgradError);
    const d = error as TrainingDivergedError;
    expect(d.epoch).toBe(2);
    expect(d.batch).toBeGreaterThan(1); // the first batch (32 examples) is the start
    expect(d.lr).toBe(1e30);
    expect(Number.isFinite(d.loss)).toBe(true);
    expect(d.factor).toBe(10);
    expect(d.loss).toBeGreaterThan(10 * d.start!);
    expect(d.message).toMatch(
      /^train: the loss grew to \S+ at epoch 2, batch \d+ with learning rate 1e\+30, more than 10 times its \S+ at the start; the training diverged: try a smaller learning rate, such as 1e\+29$/,
    );
  });

  it("with a hand-written updater, naming the lr given to train; the default lr never stops", async () => {
    const run = async (lr: number) => {
      manualSeed(0);
      const net = new Sequential(new Linear(2, 3));
      const params = net.parameters();
      const loss = new CrossEntropyLoss({ reduction: "none" });
      const updater = (n: number) => sgd(params, lr, n);
      return train(net, blobsData(), null, loss, 5, updater, { animator: false, lr });
    };
    const healthy = await run(0.1);
    expect(healthy.history).toHaveLength(5);
    await expect(run(1e6)).rejects.toThrow(
      /^train: the loss grew to \S+ at epoch 1, batch \d+ with learning rate 1000000, more than 10 times its \S+ at the start; the training diverged: try a smaller learning rate, such as 100000$/,
    );
  });

  it("compares later epochs with the first one's start in train, and can be turned off", async () => {
    // One batch of 100 per epoch, a loss of 1 in epoch 1 and of 100 after: only a check kept
    // across epochs (train's) sees the growth.
    const { X, y } = blobs(100, 1);
    const batches = new ShuffledBatches(X, y, 100, null);
    const net = new Sequential(new Linear(2, 3));
    let calls = 0;
    const loss = (yHat: Tensor) =>
      yHat
        .mul(0)
        .sum(1)
        .add(++calls === 1 ? 1 : 100);
    const run = (options: Parameters<typeof train>[6]) => {
      calls = 0;
      return train(net, batches, null, loss, 3, () => {}, { animator: false, accuracy: false, ...options });
    };
    await expect(run({ lr: 0.5 })).rejects.toThrow(
      "train: the loss grew to 100 at epoch 2, batch 1 with learning rate 0.5, more than 10 times its 1 at the start",
    );
    expect((await run({ divergence: false })).history.map((r) => r.trainLoss)).toEqual([1, 100, 100]);
    expect((await run({ divergence: { factor: 1000 } })).history).toHaveLength(3);
    // trainEpoch alone measures the start anew in each call, unless given the run's check.
    calls = 1;
    expect(trainEpoch(net, batches, loss, () => {}, { accuracy: false }).loss).toBe(100);
    const check = new DivergenceCheck();
    calls = 0;
    trainEpoch(net, batches, loss, () => {}, { accuracy: false, divergence: check });
    expect(() => trainEpoch(net, batches, loss, () => {}, { accuracy: false, divergence: check })).toThrow(
      TrainingDivergedError,
    );
  });
});
