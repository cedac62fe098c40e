// Function forms of the Tensor methods that PyTorch also has as torch.<name> functions: `exp(x)`
// as torch.exp(x), beside `x.exp()`. Each export checks its input, then calls the method. The
// arithmetic, comparisons, max/min and matmul are in functional.ts.
import "./activations.js";
import "./arithmetic.js";
import "./clamp.js";
import "./convert.js";
import "./indexing.js";
import "./reduce.js";
import "./softmax.js";
import "./views.js";
import "./cumsum.js";
import "./flip.js";
import "./masked-fill.js";
import "./math.js";
import "./predicates.js";
import "./sort.js";
import "./split.js";
import "./triangular.js";
import "./diagonal.js";
import "./unflatten.js";
import "./softmin.js";
import "./var-mean.js";
import "./nonzero.js";
import "./masked-select.js";
import "./norm.js";
import "./scatter.js";
import "./pad.js";
import "./products.js";
import "./binary-math.js";
import "./isclose.js";
import "./unary.js";
import { checkTensor } from "../args.js";
import type { Tensor, TensorLike } from "../tensor.js";
import type { EluOptions, GeluOptions } from "./activations.js";
import type { CumsumOptions } from "./cumsum.js";
import type { IsCloseOptions } from "./isclose.js";
import type { PadOptions } from "./pad.js";
import type { SumOptions } from "./reduce.js";
import type { VarMeanOptions } from "./var-mean.js";

type UnaryMethod =
  | "neg"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "abs"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "square"
  | "sign"
  | "floor"
  | "ceil"
  | "round"
  | "trunc"
  | "reciprocal"
  | "rsqrt"
  | "sin"
  | "cos"
  | "tan"
  | "log2"
  | "log10"
  | "exp2"
  | "erf"
  | "isnan"
  | "isinf"
  | "isfinite"
  | "silu";

/** The function form of `input.<name>()`, whose errors name the function. */
function functionOf(name: UnaryMethod): (input: Tensor) => Tensor {
  return (input: Tensor): Tensor => {
    checkTensor(name, "input", input);
    return input[name]();
  };
}

/** `torch.neg(input)`: -x elementwise (not for bool tensors). */
export const neg = functionOf("neg");
/** `torch.exp(input)`: e^x elementwise. */
export const exp = functionOf("exp");
/** `torch.log(input)`: the natural logarithm elementwise. */
export const log = functionOf("log");
/** `torch.log1p(input)`: log(1 + x), accurate for small x. */
export const log1p = functionOf("log1p");
/** `torch.sqrt(input)`: √x elementwise. */
export const sqrt = functionOf("sqrt");
/** `torch.abs(input)`: |x| elementwise. */
export const abs = functionOf("abs");
/** `torch.sigmoid(input)`: 1 / (1 + e^-x), stable at both ends. */
export const sigmoid = functionOf("sigmoid");
/** `torch.tanh(input)`: the hyperbolic tangent elementwise. */
export const tanh = functionOf("tanh");
/** `torch.relu(input)`: max(x, 0) elementwise (NaN kept). */
export const relu = functionOf("relu");
/** `torch.square(input)`: x * x elementwise. */
export const square = functionOf("square");
/** `torch.sign(input)`: -1, 0 or 1 by sign (0 for NaN), in the input's dtype. */
export const sign = functionOf("sign");
/** `torch.floor(input)`: rounds down (integer tensors as they are). */
export const floor = functionOf("floor");
/** `torch.ceil(input)`: rounds up (integer tensors as they are). */
export const ceil = functionOf("ceil");
/** `torch.round(input)`: rounds to nearest, halves to even (0.5 → 0, 1.5 → 2). */
export const round = functionOf("round");
/** `torch.trunc(input)`: rounds toward zero (integer tensors as they are). */
export const trunc = functionOf("trunc");
/** `torch.reciprocal(input)`: 1 / x elementwise. */
export const reciprocal = functionOf("reciprocal");
/** `torch.rsqrt(input)`: 1 / √x elementwise. */
export const rsqrt = functionOf("rsqrt");
/** `torch.sin(input)`: the sine elementwise (radians). */
export const sin = functionOf("sin");
/** `torch.cos(input)`: the cosine elementwise (radians). */
export const cos = functionOf("cos");
/** `torch.tan(input)`: the tangent elementwise (radians). */
export const tan = functionOf("tan");
/** `torch.log2(input)`: the base-2 logarithm elementwise. */
export const log2 = functionOf("log2");
/** `torch.log10(input)`: the base-10 logarithm elementwise. */
export const log10 = functionOf("log10");
/** `torch.exp2(input)`: 2^x elementwise. */
export const exp2 = functionOf("exp2");
/** `torch.erf(input)`: the error function elementwise. */
export const erf = functionOf("erf");
/** `torch.isnan(input)`: a bool tensor, true where x is NaN. */
export const isnan = functionOf("isnan");
/** `torch.isinf(input)`: a bool tensor, true where x is +∞ or -∞. */
export const isinf = functionOf("isinf");
/** `torch.isfinite(input)`: a bool tensor, true where x is neither NaN nor infinite. */
export const isfinite = functionOf("isfinite");
/** `torch.nn.functional.silu(input)`: x·σ(x), stable for large |x| (floating-point tensors). */
export const silu = functionOf("silu");

/** `torch.nn.functional.leaky_relu(input, negative_slope=0.01)`: x, or negativeSlope · x below 0. */
export function leakyRelu(input: Tensor, negativeSlope?: number): Tensor {
  checkTensor("leakyRelu", "input", input);
  return input.leakyRelu(negativeSlope);
}

/** `torch.nn.functional.gelu(input, approximate='none')`: x·Φ(x), or its tanh approximation. */
export function gelu(input: Tensor, options?: GeluOptions): Tensor {
  checkTensor("gelu", "input", input);
  return input.gelu(options);
}

/** `torch.nn.functional.elu(input, alpha=1.0)`: x, or α(eˣ − 1) at and below 0. */
export function elu(input: Tensor, options?: EluOptions): Tensor {
  checkTensor("elu", "input", input);
  return input.elu(options);
}

// ---- shape and order ---------------------------------------------------------------------

/** `torch.masked_fill(input, mask, value)`: `value` where the bool `mask` is true. */
export function maskedFill(input: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  checkTensor("maskedFill", "input", input);
  return input.maskedFill(mask, value);
}

/** `torch.split(input, sizeOrSections, dim=0)`: views of a size, or of the given sizes, along `dim`. */
export function split(input: Tensor, sizeOrSections: number | readonly number[], dim?: number): Tensor[] {
  checkTensor("split", "input", input);
  return input.split(sizeOrSections, dim);
}

/** `torch.chunk(input, chunks, dim=0)`: `chunks` views of ⌈size / chunks⌉ along `dim`. */
export function chunk(input: Tensor, chunks: number, dim?: number): Tensor[] {
  checkTensor("chunk", "input", input);
  return input.chunk(chunks, dim);
}

/** `torch.flip(input, dims)`: a copy reversed along each of `dims`. */
export function flip(input: Tensor, dims: readonly number[]): Tensor {
  checkTensor("flip", "input", input);
  return input.flip(dims);
}

/** `torch.cumsum(input, dim, dtype=None)`: running sums along `dim`. */
export function cumsum(input: Tensor, dim: number, options?: CumsumOptions): Tensor {
  checkTensor("cumsum", "input", input);
  return input.cumsum(dim, options);
}

/** `torch.sort(input, dim=-1, descending=False, stable=True)`: `{ values, indices }`, stable. */
export function sort(input: Tensor, dim?: number, descending?: boolean): { values: Tensor; indices: Tensor } {
  checkTensor("sort", "input", input);
  return input.sort(dim, descending);
}

/** `torch.argsort(input, dim=-1, descending=False)`: the int32 indices that sort `input` (stable). */
export function argsort(input: Tensor, dim?: number, descending?: boolean): Tensor {
  checkTensor("argsort", "input", input);
  return input.argsort(dim, descending);
}

/** `torch.topk(input, k, dim=-1, largest=True, sorted=True)`: `{ values, indices }`, largest first. */
export function topk(
  input: Tensor,
  k: number,
  dim?: number,
  largest?: boolean,
  sorted?: boolean,
): { values: Tensor; indices: Tensor } {
  checkTensor("topk", "input", input);
  return input.topk(k, dim, largest, sorted);
}

/** `torch.tril(input, diagonal=0)`: the lower triangle of the last two dims, zeros above. */
export function tril(input: Tensor, diagonal?: number): Tensor {
  checkTensor("tril", "input", input);
  return input.tril(diagonal);
}

/** `torch.triu(input, diagonal=0)`: the upper triangle of the last two dims, zeros below. */
export function triu(input: Tensor, diagonal?: number): Tensor {
  checkTensor("triu", "input", input);
  return input.triu(diagonal);
}

/** `torch.diagonal(input, offset=0, dim1=0, dim2=1)`: a view of one diagonal, appended as the last dim. */
export function diagonal(input: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor {
  checkTensor("diagonal", "input", input);
  return input.diagonal(offset, dim1, dim2);
}

/** `torch.diag(input, diagonal=0)`: a vector as a diagonal matrix, or a matrix's diagonal (copied). */
export function diag(input: Tensor, diagonal?: number): Tensor {
  checkTensor("diag", "input", input);
  return input.diag(diagonal);
}

// ---- products and two-operand math -------------------------------------------------------

/** `torch.dot(input, other)`: the inner product of two 1-D tensors, as a 0-dim tensor. */
export function dot(input: Tensor, other: Tensor): Tensor {
  checkTensor("dot", "input", input);
  return input.dot(other);
}

/** `torch.outer(input, vec2)`: the outer product of two 1-D tensors. */
export function outer(input: Tensor, vec2: Tensor): Tensor {
  checkTensor("outer", "input", input);
  return input.outer(vec2);
}

/** `torch.bmm(input, mat2)`: batched matrix product `[b, n, k] @ [b, k, m]`. */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  checkTensor("bmm", "input", input);
  return input.bmm(mat2);
}

/** `torch.lerp(input, end, weight)`: input + weight · (end − input). */
export function lerp(input: Tensor, end: Tensor, weight: TensorLike): Tensor {
  checkTensor("lerp", "input", input);
  return input.lerp(end, weight);
}

/** `torch.logaddexp(input, other)`: log(eˣ + eʸ) without overflow. */
export function logaddexp(input: Tensor, other: TensorLike): Tensor {
  checkTensor("logaddexp", "input", input);
  return input.logaddexp(other);
}

/** `torch.copysign(input, other)`: |input| with the sign of `other`. */
export function copysign(input: Tensor, other: TensorLike): Tensor {
  checkTensor("copysign", "input", input);
  return input.copysign(other);
}

/** `torch.atan2(input, other)`: the angle of the point (other, input), in [−π, π]. */
export function atan2(input: Tensor, other: TensorLike): Tensor {
  checkTensor("atan2", "input", input);
  return input.atan2(other);
}

/** `torch.isclose(input, other, rtol, atol, equal_nan)`: a bool tensor. */
export function isclose(input: Tensor, other: Tensor, options?: IsCloseOptions): Tensor {
  checkTensor("isclose", "input", input);
  return input.isclose(other, options);
}

/** `torch.allclose(input, other, rtol, atol, equal_nan)`: whether every element is close. */
export function allclose(input: Tensor, other: Tensor, options?: IsCloseOptions): boolean {
  checkTensor("allclose", "input", input);
  return input.allclose(other, options);
}

// ---- reductions --------------------------------------------------------------------------

/**
 * The reductions' dims: one, a list, or null (and left out) for every dim.
 *
 * @inline
 */
type Dims = number | readonly number[] | null;

/** `torch.sum(input, dim=None, keepdim=False, dtype=None)`: the sum over `dim` (every dim by default). */
export function sum(input: Tensor, dim?: Dims, keepdim?: boolean, options?: SumOptions): Tensor {
  checkTensor("sum", "input", input);
  return input.sum(dim, keepdim, options);
}

/** `torch.mean(input, dim=None, keepdim=False, dtype=None)`: the mean over `dim` (every dim by default). */
export function mean(input: Tensor, dim?: Dims, keepdim?: boolean, options?: SumOptions): Tensor {
  checkTensor("mean", "input", input);
  return input.mean(dim, keepdim, options);
}

/** `torch.prod(input, dim=None, keepdim=False)`: the product over one dim (every element by default). */
export function prod(input: Tensor, dim?: number | null, keepdim?: boolean): Tensor {
  checkTensor("prod", "input", input);
  return input.prod(dim, keepdim);
}

/** `torch.var(input, dim=None, correction=1, keepdim=False)`; exported as `var` (a reserved word). */
function variance(input: Tensor, dim?: Dims, options?: { keepdim?: boolean; correction?: number }): Tensor {
  checkTensor("var", "input", input);
  return input.var(dim, options);
}

export { variance as var };

/** `torch.std(input, dim=None, correction=1, keepdim=False)`: the standard deviation over `dim`. */
export function std(input: Tensor, dim?: Dims, options?: { keepdim?: boolean; correction?: number }): Tensor {
  checkTensor("std", "input", input);
  return input.std(dim, options);
}

/** `torch.norm(input, p="fro", dim=None, keepdim=False)`: the vector p-norm over `dim` (2 by default). */
export function norm(
  input: Tensor,
  p?: number | "fro",
  dim?: number | readonly number[] | null,
  keepdim?: boolean,
): Tensor {
  checkTensor("norm", "input", input);
  return input.norm(p, dim, keepdim);
}

/** `torch.std_mean(input, dim=None, correction=1, keepdim=False)`: `{ std, mean }` over `dim`. */
export function stdMean(input: Tensor, dim?: Dims, options?: VarMeanOptions): { std: Tensor; mean: Tensor } {
  checkTensor("stdMean", "input", input);
  return input.stdMean(dim, options);
}

/** `torch.var_mean(input, dim=None, correction=1, keepdim=False)`: `{ var, mean }` over `dim`. */
export function varMean(input: Tensor, dim?: Dims, options?: VarMeanOptions): { var: Tensor; mean: Tensor } {
  checkTensor("varMean", "input", input);
  return input.varMean(dim, options);
}

/** `torch.logsumexp(input, dim, keepdim=False)`: log Σ eˣ over `dim`, without overflow. */
export function logsumexp(input: Tensor, dim: number | readonly number[], keepdim?: boolean): Tensor {
  checkTensor("logsumexp", "input", input);
  return input.logsumexp(dim, keepdim);
}

/** `torch.amax(input, dim=(), keepdim=False)`: the largest value over `dim` (every dim by default). */
export function amax(input: Tensor, dim?: Dims, keepdim?: boolean): Tensor {
  checkTensor("amax", "input", input);
  return input.amax(dim, keepdim);
}

/** `torch.amin(input, dim=(), keepdim=False)`: the smallest value over `dim` (every dim by default). */
export function amin(input: Tensor, dim?: Dims, keepdim?: boolean): Tensor {
  checkTensor("amin", "input", input);
  return input.amin(dim, keepdim);
}

/** `torch.argmax(input, dim=None, keepdim=False)`: the index of the largest value (the first on ties). */
export function argmax(input: Tensor, dim?: number, keepdim?: boolean): Tensor {
  checkTensor("argmax", "input", input);
  return input.argmax(dim, keepdim);
}

/** `torch.argmin(input, dim=None, keepdim=False)`: the index of the smallest value (the first on ties). */
export function argmin(input: Tensor, dim?: number, keepdim?: boolean): Tensor {
  checkTensor("argmin", "input", input);
  return input.argmin(dim, keepdim);
}

/** `torch.all(input, dim=None, keepdim=False)`: whether every element is nonzero, as a bool tensor. */
export function all(input: Tensor, dim?: number, keepdim?: boolean): Tensor {
  checkTensor("all", "input", input);
  return input.all(dim, keepdim);
}

/** `torch.any(input, dim=None, keepdim=False)`: whether some element is nonzero, as a bool tensor. */
export function any(input: Tensor, dim?: number, keepdim?: boolean): Tensor {
  checkTensor("any", "input", input);
  return input.any(dim, keepdim);
}

/** `torch.softmax(input, dim)` (torch.nn.functional.softmax): eˣ / Σ eˣ along `dim`, stable. */
export function softmax(input: Tensor, dim: number): Tensor {
  checkTensor("softmax", "input", input);
  return input.softmax(dim);
}

/** `torch.nn.functional.softmin(input, dim)`: e⁻ˣ / Σ e⁻ˣ along `dim`, the softmax of −x. */
export function softmin(input: Tensor, dim: number): Tensor {
  checkTensor("softmin", "input", input);
  return input.softmin(dim);
}

/** `torch.log_softmax(input, dim)` (torch.nn.functional.log_softmax): log(softmax(x)), fused. */
export function logSoftmax(input: Tensor, dim: number): Tensor {
  checkTensor("logSoftmax", "input", input);
  return input.logSoftmax(dim);
}

/** `torch.clamp(input, min=None, max=None)`: each element clamped into [min, max] (tensor bounds broadcast). */
export function clamp(input: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  checkTensor("clamp", "input", input);
  return input.clamp(min, max);
}

// ---- views, copies and indexing ------------------------------------------------------------

/** `torch.reshape(input, shape)`: a view when the strides allow it, else a copy; one size may be -1. */
export function reshape(input: Tensor, shape: readonly number[]): Tensor {
  checkTensor("reshape", "input", input);
  return input.reshape(shape);
}

/** `torch.transpose(input, dim0, dim1)`: a view with the two dims swapped. */
export function transpose(input: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor("transpose", "input", input);
  return input.transpose(dim0, dim1);
}

/** `torch.t(input)`: the transpose of a tensor of at most 2 dims (a view). */
export function t(input: Tensor): Tensor {
  checkTensor("t", "input", input);
  return input.t();
}

/** `torch.permute(input, dims)`: a view with the dims in the order `dims`. */
export function permute(input: Tensor, dims: readonly number[]): Tensor {
  checkTensor("permute", "input", input);
  return input.permute(dims);
}

/** `torch.flatten(input, start_dim=0, end_dim=-1)`: dims `startDim` to `endDim` as one. */
export function flatten(input: Tensor, startDim?: number, endDim?: number): Tensor {
  checkTensor("flatten", "input", input);
  return input.flatten(startDim, endDim);
}

/** `torch.unflatten(input, dim, sizes)`: a view with `dim` split into the dims `sizes` (one may be -1). */
export function unflatten(input: Tensor, dim: number, sizes: readonly number[]): Tensor {
  checkTensor("unflatten", "input", input);
  return input.unflatten(dim, sizes);
}

/** `torch.squeeze(input, dim=None)`: a view without the size-1 dims (or without `dim` if its size is 1). */
export function squeeze(input: Tensor, dim?: number): Tensor {
  checkTensor("squeeze", "input", input);
  return input.squeeze(dim);
}

/** `torch.unsqueeze(input, dim)`: a view with a size-1 dim inserted at `dim`. */
export function unsqueeze(input: Tensor, dim: number): Tensor {
  checkTensor("unsqueeze", "input", input);
  return input.unsqueeze(dim);
}

/** `torch.narrow(input, dim, start, length)`: a view of `length` elements of `dim` from `start`. */
export function narrow(input: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor("narrow", "input", input);
  return input.narrow(dim, start, length);
}

/** `torch.select(input, dim, index)`: a view of one index of `dim`, that dim removed. */
export function select(input: Tensor, dim: number, index: number): Tensor {
  checkTensor("select", "input", input);
  return input.select(dim, index);
}

/** `torch.gather(input, dim, index)`: `out[i][j] = input[i][index[i][j]]` for dim 1. */
export function gather(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor("gather", "input", input);
  return input.gather(dim, index);
}

/** `torch.nn.functional.pad(input, pad, mode="constant", value=0)`: pairs from the last dim; negative pads crop. */
export function pad(input: Tensor, pad: readonly number[], options?: PadOptions): Tensor {
  checkTensor("pad", "input", input);
  return input.pad(pad, options);
}

/** `torch.scatter(input, dim, index, src)`: a copy of `input` with `src` (a tensor or a number) written at `index`. */
export function scatter(input: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  checkTensor("scatter", "input", input);
  return input.scatter(dim, index, src);
}

/** `torch.scatter_add(input, dim, index, src)`: a copy of `input` with `src` added at `index` along `dim`. */
export function scatterAdd(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor("scatterAdd", "input", input);
  return input.scatterAdd(dim, index, src);
}

/** `torch.index_select(input, dim, index)`: the entries of `dim` at the 1-D `index` (a copy). */
export function indexSelect(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor("indexSelect", "input", input);
  return input.indexSelect(dim, index);
}

/** `torch.clone(input)`: a copy with its own storage (gradients flow back). */
export function clone(input: Tensor): Tensor {
  checkTensor("clone", "input", input);
  return input.clone();
}

/** `torch.masked_select(input, mask)`: the elements where the bool `mask` (broadcast) is true, 1-D. */
export function maskedSelect(input: Tensor, mask: Tensor): Tensor {
  checkTensor("maskedSelect", "input", input);
  return input.maskedSelect(mask);
}

/** `torch.nonzero(input)`: the int32 indices [n, ndim] of the nonzero elements, row-major. */
export function nonzero(input: Tensor): Tensor {
  checkTensor("nonzero", "input", input);
  return input.nonzero();
}

/** `torch.numel(input)`: the number of elements. */
export function numel(input: Tensor): number {
  checkTensor("numel", "input", input);
  return input.numel();
}
