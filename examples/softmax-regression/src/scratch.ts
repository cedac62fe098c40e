// Softmax regression from scratch (d2l 3.6): parameters as plain tensors, a hand-written
// softmax and cross-entropy, and the functional sgd.

import { sgd } from "@tsgrad/optim";
import { arange, manualSeed, normal, type Tensor, zeros } from "@tsgrad/tensor";

export const NUM_INPUTS = 784;
export const NUM_OUTPUTS = 10;

/** softmax(X)_ij = exp(X_ij) / sum_k exp(X_ik), written out as the book does. */
export function softmax(X: Tensor): Tensor {
  const XExp = X.exp();
  const partition = XExp.sum(1, true);
  return XExp.div(partition); // broadcasting divides each row by its sum
}

/** -log of the probability given to the true class: yHat[range(n), y]. */
export function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat
    .index([arange(yHat.shape[0]!), y])
    .log()
    .neg();
}

export interface ScratchModel {
  W: Tensor;
  b: Tensor;
  /** net(X) = softmax(X.reshape(-1, 784) @ W + b) */
  forward(X: Tensor): Tensor;
  /** d2l's updater: sgd([W, b], lr, batchSize). */
  updater(batchSize: number): void;
}

export function scratchModel(lr: number, seed: number): ScratchModel {
  manualSeed(seed);
  const W = normal(0, 0.01, [NUM_INPUTS, NUM_OUTPUTS]).requiresGrad_();
  const b = zeros([NUM_OUTPUTS], { requiresGrad: true });
  return {
    W,
    b,
    forward: (X) => softmax(X.reshape(-1, NUM_INPUTS).matmul(W).add(b)),
    updater: (batchSize) => sgd([W, b], lr, batchSize),
  };
}
