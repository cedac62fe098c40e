// A multilayer perceptron from scratch (d2l 4.2): the parameters as plain tensors, relu written
// with tensor ops, the library's cross-entropy and the functional sgd. Options: d2l 4.5's L2
// penalty λ/2·‖w‖² added to the loss, and d2l 4.6's dropout on the hidden layer.
import { crossEntropy } from "@tsgrad/losses";
import { sgd } from "@tsgrad/optim";
import { manualSeed, normal, rand, type Tensor, zeros, zerosLike } from "@tsgrad/tensor";

export const NUM_INPUTS = 784;
export const NUM_HIDDENS = 256;
export const NUM_OUTPUTS = 10;

/** d2l's relu: the elementwise maximum of X and 0, `torch.max(X, zeros_like(X))`. */
export function relu(X: Tensor): Tensor {
  return X.maximum(zerosLike(X));
}

/**
 * d2l's dropout_layer: zeroes each element with probability `p` and divides the rest by 1 - p,
 * so that the expected value of each element is unchanged.
 */
export function dropoutLayer(X: Tensor, p: number): Tensor {
  if (p === 1) return zerosLike(X);
  const mask = rand(X.shape).gt(p).float();
  return mask.mul(X).div(1 - p);
}

/** d2l's l2_penalty: ‖w‖² / 2. */
export function l2Penalty(w: Tensor): Tensor {
  return w.pow(2).sum().div(2);
}

export interface ModelOptions {
  lr: number;
  seed: number;
  /** λ of the L2 penalty on W1 and W2 (0: none). */
  weightDecay: number;
  /** Probability of zeroing a hidden unit while training (0: no dropout). */
  dropout: number;
}

export interface ScratchModel {
  W1: Tensor;
  b1: Tensor;
  W2: Tensor;
  b2: Tensor;
  /** Dropout is applied only while training, as d2l's `if self.training`. */
  training: boolean;
  train(mode?: boolean): ScratchModel;
  /** net(X) = relu(X.reshape(-1, 784) @ W1 + b1) @ W2 + b2, with dropout on the hidden layer. */
  forward(X: Tensor): Tensor;
  /** Per-example cross-entropy, plus λ/2·(‖W1‖² + ‖W2‖²) when weight decay is on. */
  loss(yHat: Tensor, y: Tensor): Tensor;
  /** d2l's updater: sgd([W1, b1, W2, b2], lr, batchSize). */
  updater(batchSize: number): void;
}

export function scratchModel(o: ModelOptions): ScratchModel {
  manualSeed(o.seed);
  const W1 = normal(0, 0.01, [NUM_INPUTS, NUM_HIDDENS]).requiresGrad_();
  const b1 = zeros([NUM_HIDDENS], { requiresGrad: true });
  const W2 = normal(0, 0.01, [NUM_HIDDENS, NUM_OUTPUTS]).requiresGrad_();
  const b2 = zeros([NUM_OUTPUTS], { requiresGrad: true });
  const model: ScratchModel = {
    W1,
    b1,
    W2,
    b2,
    training: true,
    train(mode = true) {
      model.training = mode;
      return model;
    },
    forward(X) {
      let H = relu(X.reshape(-1, NUM_INPUTS).matmul(W1).add(b1));
      if (model.training && o.dropout > 0) H = dropoutLayer(H, o.dropout);
      return H.matmul(W2).add(b2);
    },
    loss(yHat, y) {
      const l = crossEntropy(yHat, y, { reduction: "none" });
      // d2l 4.5 adds the penalty to each example's loss: summed over the batch and divided by
      // the batch size in sgd, its gradient is λ·W, the same step as SGD's weightDecay λ.
      return o.weightDecay === 0 ? l : l.add(l2Penalty(W1).add(l2Penalty(W2)).mul(o.weightDecay));
    },
    updater: (batchSize) => sgd([W1, b1, W2, b2], o.lr, batchSize),
  };
  return model;
}
