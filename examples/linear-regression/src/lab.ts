// Linear regression, the first model of the chapter, written twice:
//   - from scratch (d2l 3.2): raw tensors, autograd, a hand-written model and the functional
//     `sgd` update;
//   - concisely (d2l 3.3): `loadArray`, `Sequential(Linear(2, 1))`, `MSELoss` and `SGD`.
// Both fit y = X w* + b* + noise with w* = [2, -3.4] and b* = 4.2 and should recover w* and b*
// to about 0.001 after 3 epochs. This file holds the model and the training loops; run.ts does
// the printing and the files.
import { noGrad } from "@tsgrad/autograd";
import { dataIter, loadArray, syntheticData } from "@tsgrad/data";
import type { Divergence } from "@tsgrad/example-kit";
import { MSELoss, squaredLoss } from "@tsgrad/losses";
import { Timer } from "@tsgrad/metrics";
import { init, Linear, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import { Generator, normal, type Tensor, tensor, zeros } from "@tsgrad/tensor";
import { DivergenceCheck } from "@tsgrad/trainer";

export const TRUE_W = [2, -3.4] as const;
export const TRUE_B = 4.2;

export type Variant = "scratch" | "concise";

export interface HyperParameters {
  seed: number;
  lr: number;
  epochs: number;
  batchSize: number;
  numExamples: number;
}

/** d2l's values: 1000 examples, minibatches of 10, learning rate 0.03, 3 epochs. */
export const DEFAULTS: HyperParameters = { seed: 0, lr: 0.03, epochs: 3, batchSize: 10, numExamples: 1000 };

export interface EpochRecord {
  variant: Variant;
  epoch: number;
  /** The loss on the whole training set after the epoch, as d2l prints it. */
  loss: number;
  /** Seconds spent in the epoch's minibatch updates (the evaluation is not counted). */
  seconds: number;
}

export type { Divergence };

export interface VariantResult {
  variant: Variant;
  /** Loss on all data before any update (epoch 0), then one per completed epoch. */
  initialLoss: number;
  losses: number[];
  w: number[];
  b: number;
  /** d2l's "error in estimating w / b": true minus learned. */
  wError: number[];
  bError: number;
  secondsPerEpoch: number;
  diverged: Divergence | null;
}

/** The data set, made once from the seed so both variants fit the same examples. */
export function makeData(hp: Pick<HyperParameters, "seed" | "numExamples">): [Tensor, Tensor] {
  return syntheticData(tensor([...TRUE_W]), TRUE_B, hp.numExamples, { generator: new Generator(hp.seed) });
}

/** The scratch model: a matrix-vector product plus a broadcast bias. */
export function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return X.matmul(w).add(b);
}

/**
 * The part both variants share: epochs of minibatch steps, each epoch followed by the loss on
 * all data. `step` does one minibatch update and returns the sum of its per-example losses;
 * `fullLoss` evaluates the model on the whole set. A loss that is no longer finite, or that
 * grew far above its start (the trainer's `DivergenceCheck`, as `train` applies it), means the
 * updates overshoot more every step (the learning rate is too large): we stop there and report
 * it instead of training on NaN.
 */
function fit(
  variant: Variant,
  hp: HyperParameters,
  batches: () => Iterable<[Tensor, Tensor]>,
  step: (X: Tensor, y: Tensor) => number,
  fullLoss: () => number,
  onEpoch: (record: EpochRecord) => void,
): Pick<VariantResult, "initialLoss" | "losses" | "secondsPerEpoch" | "diverged"> {
  const timer = new Timer();
  const perEpoch = () => (timer.times.length === 0 ? 0 : timer.avg());
  const initialLoss = fullLoss();
  const losses: number[] = [];
  const check = new DivergenceCheck();
  for (let epoch = 1; epoch <= hp.epochs; epoch++) {
    timer.start();
    let batch = 0;
    for (const [X, y] of batches()) {
      batch++;
      const n = X.shape[0]!;
      const d = check.update(step(X, y) / n, n);
      if (d !== null) {
        timer.stop();
        return {
          initialLoss,
          losses,
          secondsPerEpoch: perEpoch(),
          diverged: { epoch, batch, reason: d.reason, loss: d.loss, start: d.start ?? null },
        };
      }
    }
    const seconds = timer.stop();
    const loss = fullLoss();
    losses.push(loss);
    onEpoch({ variant, epoch, loss, seconds });
    if (!Number.isFinite(loss)) {
      const diverged = { epoch, batch: 0, reason: "not finite" as const, loss, start: check.start ?? null };
      return { initialLoss, losses, secondsPerEpoch: perEpoch(), diverged };
    }
  }
  return { initialLoss, losses, secondsPerEpoch: perEpoch(), diverged: null };
}

function summarize(variant: Variant, w: Tensor, b: Tensor, run: ReturnType<typeof fit>): VariantResult {
  const wLearned = w.reshape(-1).toArray() as number[];
  const bLearned = b.reshape(-1).toArray() as number[];
  const bValue = bLearned[0] ?? Number.NaN;
  return {
    variant,
    ...run,
    w: wLearned,
    b: bValue,
    wError: TRUE_W.map((wi, i) => wi - (wLearned[i] ?? Number.NaN)),
    bError: TRUE_B - bValue,
  };
}

/** d2l 3.2: every piece by hand. */
export function trainScratch(
  data: [Tensor, Tensor],
  hp: HyperParameters,
  onEpoch: (record: EpochRecord) => void = () => {},
): VariantResult {
  const [features, labels] = data;
  // Its own generator, so a variant gives the same numbers whether it runs alone or after the
  // other one.
  const generator = new Generator(hp.seed + 1);
  // Small random weights break nothing here (the problem is convex), they only mirror d2l.
  const w = normal(0, 0.01, [2, 1], { generator, requiresGrad: true });
  const b = zeros([1], { requiresGrad: true });

  const run = fit(
    "scratch",
    hp,
    () => dataIter(hp.batchSize, features, labels, { generator }),
    (X, y) => {
      const l = squaredLoss(linreg(X, w, b), y); // ½(ŷ − y)², one per example: [n, 1]
      const lossSum = l.sum();
      const value = lossSum.item();
      if (!Number.isFinite(value)) return value;
      // The gradient of the sum; sgd divides by the batch size, so each step uses the mean.
      // (The last batch can be smaller than batchSize, so it is the real size that counts.)
      lossSum.backward();
      sgd([w, b], hp.lr, X.shape[0]!);
      return value;
    },
    () =>
      noGrad(() =>
        squaredLoss(linreg(features, w, b), labels)
          .mean()
          .item(),
      ),
    onEpoch,
  );
  return summarize("scratch", w, b, run);
}

/** d2l 3.3: the same model from library parts. */
export function trainConcise(
  data: [Tensor, Tensor],
  hp: HyperParameters,
  onEpoch: (record: EpochRecord) => void = () => {},
): VariantResult {
  const [features, labels] = data;
  const generator = new Generator(hp.seed + 2);
  const dataLoader = loadArray([features, labels], hp.batchSize, true, { generator });

  const layer = new Linear(2, 1, { generator });
  const net = new Sequential(layer);
  // PyTorch's default init would also work; d2l sets N(0, 0.01) and 0 to match 3.2.
  init.normal_(layer.weight, 0, 0.01, { generator });
  init.zeros_(layer.bias!);
  const loss = new MSELoss(); // mean of (ŷ − y)²: no ½, so its values are twice the scratch ones
  const trainer = new SGD(net.parameters(), { lr: hp.lr });

  const run = fit(
    "concise",
    hp,
    () => dataLoader,
    (X, y) => {
      const l = loss.call(net.forward(X), y);
      const value = l.item() * X.shape[0]!;
      if (!Number.isFinite(value)) return value;
      trainer.zeroGrad();
      l.backward();
      trainer.step();
      return value;
    },
    () => noGrad(() => loss.call(net.forward(features), labels).item()),
    onEpoch,
  );
  return summarize("concise", layer.weight, layer.bias!, run);
}

export const TRAINERS: Record<Variant, typeof trainScratch> = {
  scratch: trainScratch,
  concise: trainConcise,
};
