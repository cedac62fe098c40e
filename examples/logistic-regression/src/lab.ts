// Logistic regression, the seed lab of the chapter: a binary classifier on two features, written
// twice:
//   - from scratch: a hand-written sigmoid and binary cross-entropy made of tensor ops, and the
//     functional `sgd` update;
//   - with nn: `Sequential(Linear(2, 1))`, `BCEWithLogitsLoss` on the raw scores, and `SGD`.
// The data come from `syntheticLogistic`: features uniform in [-1, 1)², label 1 where
// sigmoid(X w* + b*) plus a little noise is above 0.5, with w* = [1.9, -3.1] and b* = -0.6.
// This file holds the models and the training loops; run.ts does the printing and the files.
import { noGrad } from "@tsgrad/autograd";
import { dataIter, loadArray, syntheticLogistic } from "@tsgrad/data";
import type { Divergence } from "@tsgrad/example-kit";
import { BCEWithLogitsLoss } from "@tsgrad/losses";
import { accuracy, Timer } from "@tsgrad/metrics";
import { init, Linear, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import { Generator, normal, type Tensor, zeros } from "@tsgrad/tensor";
import { DivergenceCheck } from "@tsgrad/trainer";

export const TRUE_W = [1.9, -3.1] as const;
export const TRUE_B = -0.6;

export type Variant = "scratch" | "concise";

export interface HyperParameters {
  seed: number;
  lr: number;
  epochs: number;
  batchSize: number;
  numTrain: number;
  numTest: number;
}

/**
 * The lab's sizes (2000 / 1000 examples, batch 64, 100 epochs). The features have variance 1/3
 * and the loss's curvature is at most ¼ of that, so plain SGD is stable far above d2l's usual
 * 0.03-0.1; 0.5 gets to ≥ 0.95 test accuracy within the first few epochs.
 */
export const DEFAULTS: HyperParameters = {
  seed: 0,
  lr: 0.5,
  epochs: 100,
  batchSize: 64,
  numTrain: 2000,
  numTest: 1000,
};

export interface Split {
  features: Tensor;
  labels: Tensor;
  counts: [number, number];
}

export interface Data {
  train: Split;
  test: Split;
}

export interface Metrics {
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

export interface EpochRecord extends Metrics {
  variant: Variant;
  epoch: number;
  /** Seconds spent in the epoch's minibatch updates (the evaluation is not counted). */
  seconds: number;
}

export type { Divergence };

export interface VariantResult {
  variant: Variant;
  history: EpochRecord[];
  /** The metrics after the last epoch (before training when none completed). */
  final: Metrics;
  w: number[];
  b: number;
  secondsPerEpoch: number;
  diverged: Divergence | null;
}

/** Train and test sets, drawn one after the other from one seeded generator. */
export function makeData(hp: Pick<HyperParameters, "seed" | "numTrain" | "numTest">): Data {
  const generator = new Generator(hp.seed);
  const options = { w: [...TRUE_W], b: TRUE_B, generator };
  return { train: syntheticLogistic(hp.numTrain, options), test: syntheticLogistic(hp.numTest, options) };
}

// ---- from scratch ----------------------------------------------------------------------------

/** σ(z) = 1 / (1 + e^−z). */
export function sigmoid(z: Tensor): Tensor {
  return z.neg().exp().add(1).pow(-1);
}

/**
 * −(y log p + (1 − y) log(1 − p)) per example. p is clamped into [ε, 1 − ε] first: a
 * confident wrong prediction rounds p to exactly 0 or 1 in float32, and log 0 = −∞ would turn
 * the loss and every gradient into NaN. (BCEWithLogitsLoss avoids the problem altogether by
 * never forming p; that is why the nn version uses it.)
 */
export function binaryCrossEntropy(p: Tensor, y: Tensor, eps = 1e-6): Tensor {
  const q = p.clamp(eps, 1 - eps);
  const oneMinus = (t: Tensor) => t.neg().add(1);
  return y
    .mul(q.log())
    .add(oneMinus(y).mul(oneMinus(q).log()))
    .neg();
}

/** The scratch model: a probability per example, [n, 1]. */
export function logreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return sigmoid(X.matmul(w).add(b));
}

// ---- shared loop -----------------------------------------------------------------------------

interface Model {
  /** One minibatch update; returns the summed loss of the batch (before the update). */
  step(X: Tensor, y: Tensor): number;
  /** Mean loss and the number of correct predictions on a whole split, without recording. */
  evaluate(split: Split): { loss: number; correct: number };
  weights(): { w: Tensor; b: Tensor };
}

function metricsOf(model: Model, data: Data): Metrics {
  const train = model.evaluate(data.train);
  const test = model.evaluate(data.test);
  return {
    trainLoss: train.loss,
    trainAcc: train.correct / data.train.labels.shape[0]!,
    testLoss: test.loss,
    testAcc: test.correct / data.test.labels.shape[0]!,
  };
}

function fit(
  variant: Variant,
  model: Model,
  data: Data,
  hp: HyperParameters,
  batches: () => Iterable<[Tensor, Tensor]>,
  onEpoch: (record: EpochRecord) => void,
): VariantResult {
  const timer = new Timer();
  const history: EpochRecord[] = [];
  let final = metricsOf(model, data);
  let diverged: Divergence | null = null;
  // The trainer's rule, as `train` applies it: a loss that is no longer finite will not come
  // back, and one ten times its start means the steps overshoot. Stop and say where.
  const check = new DivergenceCheck();
  training: for (let epoch = 1; epoch <= hp.epochs; epoch++) {
    timer.start();
    let batch = 0;
    for (const [X, y] of batches()) {
      batch++;
      const n = X.shape[0]!;
      const d = check.update(model.step(X, y) / n, n);
      if (d !== null) {
        timer.stop();
        diverged = { epoch, batch, reason: d.reason, loss: d.loss, start: d.start ?? null };
        break training;
      }
    }
    const seconds = timer.stop();
    final = metricsOf(model, data);
    const record = { variant, epoch, ...final, seconds };
    history.push(record);
    onEpoch(record);
  }
  const { w, b } = model.weights();
  return {
    variant,
    history,
    final,
    w: w.reshape(-1).toArray() as number[],
    b: (b.reshape(-1).toArray() as number[])[0] ?? Number.NaN,
    secondsPerEpoch: timer.times.length === 0 ? 0 : timer.avg(),
    diverged,
  };
}

/** From scratch: parameters as plain tensors, the loss from tensor ops, the update by hand. */
export function trainScratch(
  data: Data,
  hp: HyperParameters,
  onEpoch: (record: EpochRecord) => void = () => {},
): VariantResult {
  // Its own generator, so a variant gives the same numbers alone or after the other one.
  const generator = new Generator(hp.seed + 1);
  const w = normal(0, 0.01, [2, 1], { generator, requiresGrad: true });
  const b = zeros([1], { requiresGrad: true });
  const model: Model = {
    step(X, y) {
      const lossSum = binaryCrossEntropy(logreg(X, w, b), y).sum();
      const value = lossSum.item();
      if (!Number.isFinite(value)) return value;
      lossSum.backward();
      // sgd divides by the batch size: the step follows the mean gradient. The last batch of
      // an epoch is smaller (2000 = 31 × 64 + 16), so pass its real size.
      sgd([w, b], hp.lr, X.shape[0]!);
      return value;
    },
    evaluate({ features, labels }) {
      return noGrad(() => {
        const p = logreg(features, w, b);
        return {
          loss: binaryCrossEntropy(p, labels).mean().item(),
          correct: accuracy(p.gt(0.5), labels), // predict class 1 when p > ½
        };
      });
    },
    weights: () => ({ w, b }),
  };
  return fit(
    "scratch",
    model,
    data,
    hp,
    () => dataIter(hp.batchSize, data.train.features, data.train.labels, { generator }),
    onEpoch,
  );
}

/** With nn: a Linear layer gives one score (logit) per example; the loss applies the sigmoid. */
export function trainConcise(
  data: Data,
  hp: HyperParameters,
  onEpoch: (record: EpochRecord) => void = () => {},
): VariantResult {
  const generator = new Generator(hp.seed + 2);
  const trainIter = loadArray([data.train.features, data.train.labels], hp.batchSize, true, { generator });
  const layer = new Linear(2, 1, { generator });
  const net = new Sequential(layer);
  // The same start as the scratch version: N(0, 0.01) weights, zero bias.
  init.normal_(layer.weight, 0, 0.01, { generator });
  init.zeros_(layer.bias!);
  // Stable for any score: it never forms σ(z), so no clamping is needed (see the README of
  // @tsgrad/losses for the formula).
  const loss = new BCEWithLogitsLoss();
  const trainer = new SGD(net.parameters(), { lr: hp.lr });
  const model: Model = {
    step(X, y) {
      const l = loss.call(net.forward(X), y); // mean over the batch
      const value = l.item() * X.shape[0]!;
      if (!Number.isFinite(value)) return value;
      trainer.zeroGrad();
      l.backward();
      trainer.step();
      return value;
    },
    evaluate({ features, labels }) {
      return noGrad(() => {
        const logits = net.forward(features);
        return {
          loss: loss.call(logits, labels).item(),
          correct: accuracy(logits.gt(0), labels), // score > 0 ⇔ σ(score) > ½
        };
      });
    },
    weights: () => ({ w: layer.weight, b: layer.bias! }),
  };
  return fit("concise", model, data, hp, () => trainIter, onEpoch);
}

export const TRAINERS: Record<Variant, typeof trainScratch> = {
  scratch: trainScratch,
  concise: trainConcise,
};

/**
 * The data are almost separable (the labels are a threshold of σ(X w* + b*) with little noise),
 * so the loss keeps falling as w and b grow along the same direction: only the direction of
 * (w, b), i.e. the decision boundary, is identified, not its scale. Compare directions.
 */
export function directionOf(w: readonly number[], b: number): number[] {
  const norm = Math.hypot(...w, b);
  return [...w, b].map((x) => x / norm);
}

/** The angle in degrees between the learned (w, b) and the true (w*, b*). */
export function angleToTruth(w: readonly number[], b: number): number {
  const u = directionOf(w, b);
  const v = directionOf(TRUE_W, TRUE_B);
  const cos = u.reduce((s, x, i) => s + x * v[i]!, 0);
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}
