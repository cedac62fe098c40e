// A multilayer perceptron from scratch (Dive into Deep Learning 4.2): one hidden layer of 256
// units, the parameters as plain tensors, ReLU written with tensor ops, the library's
// cross-entropy and the functional sgd.
import { crossEntropy, normal, sgd, type Tensor, zeros, zerosLike } from "tsgrad";
import type { Model } from "./model.js";

const NUM_INPUTS = 784;
const NUM_HIDDENS = 256;
const NUM_OUTPUTS = 10;

/** The elementwise maximum of X and 0, as the book's `torch.max(X, torch.zeros_like(X))`. */
function relu(X: Tensor): Tensor {
  return X.maximum(zerosLike(X));
}

export function createModel(lr: number): Model {
  const W1 = normal(0, 0.01, [NUM_INPUTS, NUM_HIDDENS]).requiresGrad_();
  const b1 = zeros([NUM_HIDDENS], { requiresGrad: true });
  const W2 = normal(0, 0.01, [NUM_HIDDENS, NUM_OUTPUTS]).requiresGrad_();
  const b2 = zeros([NUM_OUTPUTS], { requiresGrad: true });
  const forward = (X: Tensor) => {
    const H = relu(X.reshape(-1, NUM_INPUTS).matmul(W1).add(b1));
    return H.matmul(W2).add(b2);
  };
  return {
    net: { forward },
    loss: (yHat, y) => crossEntropy(yHat, y, { reduction: "none" }),
    updater: (batchSize) => sgd([W1, b1, W2, b2], lr, batchSize),
  };
}
