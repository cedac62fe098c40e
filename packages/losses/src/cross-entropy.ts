// Cross-entropy from logits and the negative log-likelihood loss, PyTorch's cross_entropy and
// nll_loss. The common case (class indices, [N, C] or [C] logits, no class weights, no label
// smoothing) runs on @tsgrad/tensor's fused op `softmaxCrossEntropy` (log-softmax, pick and
// reduction forward, (softmax − onehot)·g backward). Every other case is composed of tensor
// ops; autograd records both alike.
import {
  argError,
  checkInt,
  DTypeError,
  fmtShape,
  IndexError,
  isFloating,
  ShapeError,
  softmaxCrossEntropy,
  type Tensor,
  ValueError,
  where,
} from "@tsgrad/tensor";
import {
  checkLossArgs,
  optionalTensor,
  type Reduction,
  type ReductionOptions,
  sameShape,
} from "./reduction.js";

/** Options of {@link nllLoss} and {@link NLLLoss} (PyTorch's keyword arguments). */
export interface NLLLossOptions extends ReductionOptions {
  /** A manual rescaling weight per class, 1-D of length C. */
  weight?: Tensor | null;
  /** Targets equal to this contribute neither loss nor gradient; default -100 as in PyTorch. */
  ignoreIndex?: number;
}

/** Options of {@link crossEntropy} and {@link CrossEntropyLoss} (PyTorch's keyword arguments). */
export interface CrossEntropyOptions extends NLLLossOptions {
  /** ε in [0, 1]: the target becomes (1 − ε)·target + ε/C (uniform over the C classes). */
  labelSmoothing?: number;
}

const NLL_OPTIONS = ["reduction", "weight", "ignoreIndex"] as const;
const CROSS_ENTROPY_OPTIONS = [...NLL_OPTIONS, "labelSmoothing"] as const;

/** ignoreIndex (default -100): an integer, as class indices are. */
export function ignoreIndexOf(op: string, v: unknown): number {
  if (v === undefined) return -100;
  checkInt(op, "ignoreIndex", v);
  return v;
}

/** labelSmoothing (default 0): a number in [0, 1]. */
export function labelSmoothingOf(op: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== "number") throw argError(op, "labelSmoothing", "a number", v);
  if (!(v >= 0 && v <= 1))
    throw new ValueError(`${op}: labelSmoothing must be between 0.0 and 1.0, got ${v}`);
  return v;
}

function outOfRange(op: string, t: number, c: number): IndexError {
  return new IndexError(`${op}: target ${t} is out of range for ${c} classes`);
}

/** The class dim (1, or 0 for unbatched [C] input) and the number of classes. */
function classDimOf(op: string, input: Tensor): { dim: number; c: number } {
  if (input.ndim === 0) {
    throw new ShapeError(`${op}: expected input with shape [C], [N, C] or [N, C, d1, ...], got []`);
  }
  const dim = input.ndim === 1 ? 0 : 1;
  return { dim, c: input.shape[dim]! };
}

/** Class-index targets: int32 with the input's shape less its class dim, each in range or ignored. */
function checkIndices(
  op: string,
  input: Tensor,
  target: Tensor,
  dim: number,
  c: number,
  ignoreIndex: number,
): boolean {
  const expected = input.shape.filter((_, i) => i !== dim);
  if (target.dtype !== "int32") {
    const soft =
      op === "crossEntropy"
        ? `; class probabilities (soft labels) need the input's shape ${fmtShape(input.shape)}`
        : "";
    throw new DTypeError(
      `${op}: expected class indices (int32) for target with shape ${fmtShape(target.shape)}, got ${target.dtype}${soft}`,
    );
  }
  if (!sameShape(target.shape, expected)) {
    throw new ShapeError(
      `${op}: expected target with shape ${fmtShape(expected)} (input ${fmtShape(input.shape)} without its ` +
        `class dim ${dim}), got ${fmtShape(target.shape)}`,
    );
  }
  const values = target.toTypedArray();
  let ignored = false;
  for (let i = 0; i < values.length; i++) {
    const t = values[i]!;
    if (t === ignoreIndex) ignored = true;
    else if (t < 0 || t >= c) throw outOfRange(op, t, c);
  }
  return ignored;
}

function checkInput(op: string, input: Tensor): void {
  if (!isFloating(input.dtype)) {
    throw new DTypeError(
      `${op}: expected a floating-point input, got ${input.dtype} ${fmtShape(input.shape)}`,
    );
  }
}

function checkWeight(op: string, w: unknown, c: number): Tensor | null {
  const weight = optionalTensor(op, "weight", w);
  if (weight === null) return null;
  if (weight.ndim !== 1 || weight.shape[0] !== c) {
    throw new ShapeError(
      `${op}: weight should be a 1-D tensor with one entry per class ([${c}]), got ${fmtShape(weight.shape)}`,
    );
  }
  if (!isFloating(weight.dtype)) {
    throw new DTypeError(`${op}: expected a floating-point weight, got ${weight.dtype}`);
  }
  return weight;
}

/** `weight` viewed as [1, C, 1, ...] (or [C] for unbatched input) to broadcast along the class dim. */
function weightAlongClassDim(weight: Tensor, input: Tensor, dim: number): Tensor {
  const shape = input.shape.map((_, i) => (i === dim ? weight.shape[0]! : 1));
  return weight.view(shape);
}

interface Picked {
  /** −w[y]·logp[y] per element, 0 where ignored. */
  loss: Tensor;
  /** Per-element weights of the counted targets (w[y], 0 where ignored), or null for all ones. */
  w: Tensor | null;
  /** The mask of counted targets, or null when none is ignored. */
  valid: Tensor | null;
}

/** The negative log-likelihood per element, composed of tensor ops (gather) for autograd. */
function pick(
  logp: Tensor,
  target: Tensor,
  dim: number,
  weight: Tensor | null,
  ignoreIndex: number,
  ignored: boolean,
): Picked {
  const valid = ignored ? target.ne(ignoreIndex) : null;
  const safe = valid === null ? target : where(valid, target, 0);
  const picked = logp.gather(dim, safe.unsqueeze(dim)).squeeze(dim);
  const wy = weight === null ? null : weight.indexSelect(0, safe.reshape(-1)).view(safe.shape);
  let loss = wy === null ? picked.neg() : picked.mul(wy).neg();
  // where, not a multiplication by the mask: an ignored row may hold −inf (log 0), and −inf·0 is NaN.
  if (valid !== null) loss = where(valid, loss, 0);
  const w = valid === null ? wy : wy === null ? valid.to(logp.dtype) : where(valid, wy, 0);
  return { loss, w, valid };
}

/** PyTorch's weighted mean: the sum divided by the total weight of the counted targets. */
function weightedMean(sum: Tensor, p: Picked, numel: number): Tensor {
  return p.w === null ? sum.div(numel) : sum.div(p.w.sum());
}

function reducePicked(loss: Tensor, p: Picked, reduction: Reduction, numel: number): Tensor {
  if (reduction === "none") return loss;
  const sum = loss.sum();
  return reduction === "sum" ? sum : weightedMean(sum, p, numel);
}

/**
 * The negative log-likelihood loss on log-probabilities, torch.nn.functional.nll_loss:
 * −weight[y]·input[y] per element. `input` is [C], [N, C] or [N, C, d1, ...]; `target` holds int32
 * class indices with the input's shape less the class dim. 'mean' divides by the total weight
 * of the targets not equal to `ignoreIndex`.
 */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const op = "nllLoss";
  const reduction = checkLossArgs(op, input, target, options, NLL_OPTIONS);
  const ignoreIndex = ignoreIndexOf(op, options.ignoreIndex);
  checkInput(op, input);
  const { dim, c } = classDimOf(op, input);
  const weight = checkWeight(op, options.weight, c);
  const ignored = checkIndices(op, input, target, dim, c, ignoreIndex);
  const p = pick(input, target, dim, weight, ignoreIndex, ignored);
  return reducePicked(p.loss, p, reduction, target.numel());
}

/**
 * Cross-entropy between logits and a target, torch.nn.functional.cross_entropy: log-softmax
 * along the class dim (1, or 0 for unbatched [C] logits) then the negative log-likelihood.
 *
 * - Class indices: int32 `target` with the input's shape less the class dim ([N] for [N, C]).
 *   Options `ignoreIndex` (default -100), class `weight` ('mean' divides by the summed weight of
 *   the counted targets) and `labelSmoothing`.
 * - Class probabilities (soft labels): a floating-point `target` of the input's shape; 'mean'
 *   divides by the number of elements less the class dim.
 *
 * [N, C] and [C] logits with class indices, no weight and no label smoothing take a fused,
 * stable path (one pass forward, (softmax − onehot)·g/N backward): logits of ±1000 give finite
 * losses and gradients.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = "crossEntropy";
  const reduction = checkLossArgs(op, input, target, options, CROSS_ENTROPY_OPTIONS);
  const ignoreIndex = ignoreIndexOf(op, options.ignoreIndex);
  const ls = labelSmoothingOf(op, options.labelSmoothing);
  checkInput(op, input);
  const { dim, c } = classDimOf(op, input);
  const weight = checkWeight(op, options.weight, c);

  if (sameShape(target.shape, input.shape)) {
    if (!isFloating(target.dtype)) {
      throw new DTypeError(
        `${op}: a target with the input's shape ${fmtShape(input.shape)} holds class probabilities and ` +
          `must be floating point, got ${target.dtype}; class indices have shape ` +
          fmtShape(input.shape.filter((_, i) => i !== dim)),
      );
    }
    return softTargets(input, target, dim, c, weight, ls, reduction);
  }

  if (weight === null && ls === 0 && input.ndim <= 2) {
    // Validate shape and dtype (the fused pass checks the range itself, in the same loop).
    const expected = input.shape.filter((_, i) => i !== dim);
    if (target.dtype === "int32" && sameShape(target.shape, expected)) {
      if (input.ndim === 2) return softmaxCrossEntropy(input, target, { reduction, ignoreIndex });
      const out = softmaxCrossEntropy(input.view(1, c), target.view(1), { reduction, ignoreIndex });
      return reduction === "none" ? out.view([]) : out;
    }
  }

  const ignored = checkIndices(op, input, target, dim, c, ignoreIndex);
  const logp = input.logSoftmax(dim);
  const p = pick(logp, target, dim, weight, ignoreIndex, ignored);
  const nll = reducePicked(p.loss, p, reduction, target.numel());
  if (ls === 0) return nll;
  // Label smoothing: the uniform part −Σ_c w_c·logp_c, zero where ignored, reduced like nll.
  const weighted = weight === null ? logp : logp.mul(weightAlongClassDim(weight, input, dim));
  let smooth = weighted.sum(dim).neg();
  if (p.valid !== null) smooth = where(p.valid, smooth, 0);
  const smoothReduced = reducePicked(smooth, p, reduction, target.numel());
  return nll.mul(1 - ls).add(smoothReduced.mul(ls / c));
}

/** Cross-entropy with class probabilities: −Σ_c w_c·target_c·logp_c, composed for autograd. */
function softTargets(
  input: Tensor,
  target: Tensor,
  dim: number,
  c: number,
  weight: Tensor | null,
  ls: number,
  reduction: Reduction,
): Tensor {
  const logp = input.logSoftmax(dim);
  const t = ls > 0 ? target.mul(1 - ls).add(ls / c) : target;
  let prod = logp.mul(t);
  if (weight !== null) prod = prod.mul(weightAlongClassDim(weight, input, dim));
  if (reduction === "none") return prod.sum(dim).neg();
  const sum = prod.sum().neg();
  return reduction === "sum" ? sum : sum.div(input.numel() / c);
}
