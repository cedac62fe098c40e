// The functional namespace, torch.nn.functional in camelCase: `import { F } from "@tsgrad/nn"`,
// then `F.relu(x)`, `F.softmax(x, 1)`, `F.crossEntropy(logits, y)`, `F.dropout(x, 0.5, training)`.
// Each is a function of tensors with no state; the modules (ReLU, Dropout, CrossEntropyLoss...)
// hold the settings and call the same code. Most are the ops and losses themselves, re-exported.
import { checkFinite, checkInt, checkOptions, checkTensor, type Tensor } from "@tsgrad/tensor";

export {
  bceLoss as binaryCrossEntropy,
  bceWithLogitsLoss as binaryCrossEntropyWithLogits,
  crossEntropy,
  huberLoss,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from "@tsgrad/losses";
export {
  elu,
  gelu,
  leakyRelu,
  linear,
  oneHot,
  pad,
  relu,
  sigmoid,
  silu,
  softmin,
  tanh,
} from "@tsgrad/tensor";
export { dropout } from "./layers/dropout.js";

/** softmax along `dim`: exp(x) / sum(exp(x)), computed stably (torch.nn.functional.softmax). */
export function softmax(x: Tensor, dim: number): Tensor {
  checkTensor("softmax", "input", x);
  checkInt("softmax", "dim", dim);
  return x.softmax(dim);
}

/** log(softmax(x)) along `dim`, without forming softmax (torch.nn.functional.log_softmax). */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  checkTensor("logSoftmax", "input", x);
  checkInt("logSoftmax", "dim", dim);
  return x.logSoftmax(dim);
}

/** log(1 + exp(βx)) / β, linear above `threshold` (torch.nn.functional.softplus). */
export function softplus(x: Tensor, options: { beta?: number; threshold?: number } = {}): Tensor {
  checkTensor("softplus", "input", x);
  return x.softplus(options);
}

/** log(sigmoid(x)), stable for large |x| (torch.nn.functional.logsigmoid). */
export function logsigmoid(x: Tensor): Tensor {
  checkTensor("logsigmoid", "input", x);
  return x.logSigmoid();
}

/**
 * x / max(‖x‖ₚ, eps) along `dim` (torch.nn.functional.normalize; defaults p = 2, dim = 1,
 * eps = 1e-12): rows of unit length, and a zero row stays zero.
 */
export function normalize(x: Tensor, options: { p?: number; dim?: number; eps?: number } = {}): Tensor {
  checkTensor("normalize", "input", x);
  checkOptions("normalize", "options", options, ["p", "dim", "eps"]);
  const { p = 2, dim = 1, eps = 1e-12 } = options;
  checkFinite("normalize", "p", p, Number.MIN_VALUE);
  checkInt("normalize", "dim", dim);
  checkFinite("normalize", "eps", eps, 0);
  // max(‖x‖, eps) as max(Σ|x|ᵖ, epsᵖ)^(1/p): the same value, and a zero row gets a zero
  // gradient instead of 0 · ∞ from the root's derivative at 0.
  const norm = x
    .abs()
    .pow(p)
    .sum(dim, true)
    .clamp(eps ** p)
    .pow(1 / p);
  return x.div(norm);
}
