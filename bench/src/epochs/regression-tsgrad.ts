// Epoch time of the chapter's two small models in tsgrad, each step written as in
// examples/linear-regression and examples/logistic-regression (src/lab.ts; repeated here
// because the examples are apps): d2l's synthetic linear data (1000 examples, batch 10, lr
// 0.03) and the logistic lab's two-feature set (2000 examples, batch 64, lr 0.5), scratch
// (dataIter, hand-written model and loss, functional sgd) and concise (loadArray, Linear, the
// built-in loss, SGD). Each step reads the batch loss with item(), as the examples do.
import { performance } from "node:perf_hooks";
import { noGrad } from "@tsgrad/autograd";
import { dataIter, loadArray, syntheticData, syntheticLogistic } from "@tsgrad/data";
import { BCEWithLogitsLoss, MSELoss, squaredLoss } from "@tsgrad/losses";
import { init, Linear, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import { Generator, getBackend, normal, setBackend, type Tensor, tensor, zeros } from "@tsgrad/tensor";
import type { RegressionResult, RegressionTaskResult } from "./protocol.js";

export const LINREG = { numExamples: 1000, batchSize: 10, lr: 0.03 } as const;
export const LOGREG = { numExamples: 2000, batchSize: 64, lr: 0.5 } as const;

export interface RegressionRunOptions {
  peer: string;
  backend: "js" | "wasm";
  warmup: number;
  epochs: number;
}

interface Trainable {
  batches: () => Iterable<readonly [Tensor, Tensor]>;
  step: (X: Tensor, y: Tensor) => number;
  fullLoss: () => number;
}

function time(t: Trainable, warmup: number, epochs: number): RegressionTaskResult {
  const epochMs: number[] = [];
  let sink = 0;
  for (let e = 0; e < warmup + epochs; e++) {
    const t0 = performance.now();
    for (const [X, y] of t.batches()) sink += t.step(X, y);
    if (e >= warmup) epochMs.push(performance.now() - t0);
  }
  if (Number.isNaN(sink)) throw new Error("the loss became NaN");
  return { epochMs, finalLoss: t.fullLoss() };
}

function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return X.matmul(w).add(b);
}

function linregScratch(): Trainable {
  const [features, labels] = syntheticData(tensor([2, -3.4]), 4.2, LINREG.numExamples, {
    generator: new Generator(0),
  });
  const generator = new Generator(1);
  const w = normal(0, 0.01, [2, 1], { generator, requiresGrad: true });
  const b = zeros([1], { requiresGrad: true });
  return {
    batches: () => dataIter(LINREG.batchSize, features, labels, { generator }),
    step: (X, y) => {
      const lossSum = squaredLoss(linreg(X, w, b), y).sum();
      const value = lossSum.item();
      lossSum.backward();
      sgd([w, b], LINREG.lr, X.shape[0]!);
      return value;
    },
    fullLoss: () =>
      noGrad(() =>
        squaredLoss(linreg(features, w, b), labels)
          .mean()
          .item(),
      ),
  };
}

/** The concise variant of both models: Linear(2, 1), `loss`, SGD, d2l's load_array loop. */
function concise(
  features: Tensor,
  labels: Tensor,
  batchSize: number,
  lr: number,
  loss: MSELoss | BCEWithLogitsLoss,
): Trainable {
  const generator = new Generator(2);
  const loader = loadArray([features, labels], batchSize, true, { generator });
  const layer = new Linear(2, 1, { generator });
  const net = new Sequential(layer);
  init.normal_(layer.weight, 0, 0.01, { generator });
  init.zeros_(layer.bias!);
  const trainer = new SGD(net.parameters(), { lr });
  return {
    batches: () => loader,
    step: (X, y) => {
      const l = loss.call(net.forward(X), y);
      const value = l.item() * X.shape[0]!;
      trainer.zeroGrad();
      l.backward();
      trainer.step();
      return value;
    },
    fullLoss: () => noGrad(() => loss.call(net.forward(features), labels).item()),
  };
}

function linregConcise(): Trainable {
  const [features, labels] = syntheticData(tensor([2, -3.4]), 4.2, LINREG.numExamples, {
    generator: new Generator(0),
  });
  return concise(features, labels, LINREG.batchSize, LINREG.lr, new MSELoss());
}

function sigmoid(z: Tensor): Tensor {
  return z.neg().exp().add(1).pow(-1);
}

function binaryCrossEntropy(p: Tensor, y: Tensor, eps = 1e-6): Tensor {
  const q = p.clamp(eps, 1 - eps);
  const oneMinus = (t: Tensor) => t.neg().add(1);
  return y
    .mul(q.log())
    .add(oneMinus(y).mul(oneMinus(q).log()))
    .neg();
}

function logregScratch(): Trainable {
  const { features, labels } = syntheticLogistic(LOGREG.numExamples, { generator: new Generator(0) });
  const generator = new Generator(1);
  const w = normal(0, 0.01, [2, 1], { generator, requiresGrad: true });
  const b = zeros([1], { requiresGrad: true });
  const model = (X: Tensor) => sigmoid(X.matmul(w).add(b));
  return {
    batches: () => dataIter(LOGREG.batchSize, features, labels, { generator }),
    step: (X, y) => {
      const lossSum = binaryCrossEntropy(model(X), y).sum();
      const value = lossSum.item();
      lossSum.backward();
      sgd([w, b], LOGREG.lr, X.shape[0]!);
      return value;
    },
    fullLoss: () => noGrad(() => binaryCrossEntropy(model(features), labels).mean().item()),
  };
}

function logregConcise(): Trainable {
  const { features, labels } = syntheticLogistic(LOGREG.numExamples, { generator: new Generator(0) });
  return concise(features, labels, LOGREG.batchSize, LOGREG.lr, new BCEWithLogitsLoss());
}

export function runRegressionTsgrad(o: RegressionRunOptions): RegressionResult {
  setBackend(o.backend);
  if (getBackend() !== o.backend) throw new Error(`setBackend("${o.backend}") left ${getBackend()}`);
  const makers: Record<string, () => Trainable> = {
    "linreg-scratch": linregScratch,
    "linreg-concise": linregConcise,
    "logreg-scratch": logregScratch,
    "logreg-concise": logregConcise,
  };
  const runs: Record<string, RegressionTaskResult> = {};
  for (const [name, make] of Object.entries(makers)) runs[name] = time(make(), o.warmup, o.epochs);
  return { task: "regression", peer: o.peer, detail: `tsgrad, ${getBackend()} backend`, runs };
}
