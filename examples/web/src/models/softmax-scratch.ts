// Softmax regression from scratch (Dive into Deep Learning 3.6): the parameters as plain
// tensors, a hand-written softmax and cross-entropy, and the functional sgd.
import { arange, normal, sgd, type Tensor, zeros } from "tsgrad";
import type { Model } from "./model.js";

const NUM_INPUTS = 784; // 28 × 28 pixels, flattened
const NUM_OUTPUTS = 10; // the ten classes

/** softmax(X)_ij = exp(X_ij) / sum_k exp(X_ik), written out as the book does. */
function softmax(X: Tensor): Tensor {
  const XExp = X.exp();
  const partition = XExp.sum(1, true);
  return XExp.div(partition); // broadcasting divides each row by its sum
}

/** -log of the probability given to the true class: yHat[range(n), y]. */
function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat
    .index([arange(yHat.shape[0]!), y])
    .log()
    .neg();
}

export function createModel(lr: number): Model {
  const W = normal(0, 0.01, [NUM_INPUTS, NUM_OUTPUTS]).requiresGrad_();
  const b = zeros([NUM_OUTPUTS], { requiresGrad: true });
  return {
    net: { forward: (X) => softmax(X.reshape(-1, NUM_INPUTS).matmul(W).add(b)) },
    loss: crossEntropy,
    // d2l's updater: the gradients of the summed loss, divided by the batch size.
    updater: (batchSize) => sgd([W, b], lr, batchSize),
  };
}
