// Every gradient rule against central finite differences in float64 (gradcheck), including
// broadcasting and keepdim cases; and a check that no rule is left without a case.
import {
  arange,
  cat,
  catalogueOps,
  einsum,
  elu,
  gelu,
  leakyRelu,
  linear,
  logSigmoid,
  manualSeed,
  randn,
  softmaxCrossEntropy,
  softplus,
  stack,
  type Tensor,
  tensor,
  where,
} from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { gradcheck, noGrad } from "./index.js";

manualSeed(7);
const leaf = (shape: number[], shift = 0): Tensor => {
  const t = randn(shape, { dtype: "float64" });
  return noGrad(() => t.add(shift)).requiresGrad_();
};
/** Values bounded away from 0 (for log, div, sqrt, pow). */
const positive = (shape: number[]): Tensor =>
  noGrad(() => randn(shape, { dtype: "float64" }).abs().add(0.5)).requiresGrad_();

/** Given float64 values that require grad (inputs kept away from kinks and poles). */
const offGrid = (values: number[]): Tensor => tensor(values, { dtype: "float64", requiresGrad: true });

interface Case {
  op: string;
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  inputs: () => Tensor[];
}

const cases: Case[] = [
  {
    op: "add",
    name: "broadcast [2, 3] + [3]",
    fn: (a, b) => a!.add(b!),
    inputs: () => [leaf([2, 3]), leaf([3])],
  },
  { op: "add", name: "scalar", fn: (a) => a!.add(2.5), inputs: () => [leaf([4])] },
  {
    op: "sub",
    name: "broadcast [2, 1] - [1, 3]",
    fn: (a, b) => a!.sub(b!),
    inputs: () => [leaf([2, 1]), leaf([1, 3])],
  },
  {
    op: "mul",
    name: "broadcast [2, 3] * [2, 1]",
    fn: (a, b) => a!.mul(b!),
    inputs: () => [leaf([2, 3]), leaf([2, 1])],
  },
  { op: "mul", name: "same tensor twice", fn: (a) => a!.mul(a!), inputs: () => [leaf([3])] },
  { op: "div", name: "broadcast", fn: (a, b) => a!.div(b!), inputs: () => [leaf([2, 3]), positive([3])] },
  { op: "pow", name: "tensor ** scalar", fn: (a) => a!.pow(3), inputs: () => [leaf([2, 2])] },
  {
    op: "pow",
    name: "tensor ** tensor",
    fn: (a, b) => a!.pow(b!),
    inputs: () => [positive([2, 3]), leaf([3])],
  },
  { op: "maximum", name: "broadcast", fn: (a, b) => a!.maximum(b!), inputs: () => [leaf([2, 3]), leaf([3])] },
  { op: "maximum", name: "max(other)", fn: (a, b) => a!.max(b!), inputs: () => [leaf([2, 3]), leaf([2, 1])] },
  { op: "minimum", name: "min(other)", fn: (a, b) => a!.min(b!), inputs: () => [leaf([3]), leaf([2, 3])] },
  {
    op: "minimum",
    name: "broadcast",
    fn: (a, b) => a!.minimum(b!),
    inputs: () => [leaf([2, 3]), leaf([2, 1])],
  },
  { op: "neg", name: "", fn: (a) => a!.neg(), inputs: () => [leaf([3])] },
  { op: "exp", name: "", fn: (a) => a!.exp(), inputs: () => [leaf([2, 3])] },
  { op: "log", name: "", fn: (a) => a!.log(), inputs: () => [positive([2, 3])] },
  { op: "log1p", name: "", fn: (a) => a!.log1p(), inputs: () => [positive([2, 3])] },
  { op: "sqrt", name: "", fn: (a) => a!.sqrt(), inputs: () => [positive([2, 3])] },
  {
    op: "abs",
    name: "",
    fn: (a) => a!.abs(),
    inputs: () => [tensor([-2, -0.5, 0.7, 3], { dtype: "float64", requiresGrad: true })],
  },
  { op: "sigmoid", name: "", fn: (a) => a!.sigmoid(), inputs: () => [leaf([2, 3])] },
  { op: "tanh", name: "", fn: (a) => a!.tanh(), inputs: () => [leaf([2, 3])] },
  {
    op: "relu",
    name: "",
    fn: (a) => a!.relu(),
    inputs: () => [tensor([-1.5, -0.2, 0.3, 2], { dtype: "float64", requiresGrad: true })],
  },
  { op: "softplus", name: "", fn: (a) => a!.softplus(), inputs: () => [leaf([2, 3])] },
  {
    op: "softplus",
    name: "beta 2, threshold 1: both branches",
    fn: (a) => softplus(a!, { beta: 2, threshold: 1 }),
    inputs: () => [tensor([-3, -0.2, 0.3, 1.5], { dtype: "float64", requiresGrad: true })],
  },
  { op: "logSigmoid", name: "", fn: (a) => logSigmoid(a!), inputs: () => [leaf([2, 3], 0)] },
  // Step functions: zero gradients (PyTorch's), checked away from their jumps.
  { op: "sign", name: "", fn: (a) => a!.sign(), inputs: () => [offGrid([-1.7, -0.3, 0.4, 2.2])] },
  { op: "floor", name: "", fn: (a) => a!.floor(), inputs: () => [offGrid([-1.7, -0.3, 0.4, 2.2])] },
  { op: "ceil", name: "", fn: (a) => a!.ceil(), inputs: () => [offGrid([-1.7, -0.3, 0.4, 2.2])] },
  { op: "round", name: "", fn: (a) => a!.round(), inputs: () => [offGrid([-1.7, -0.3, 0.2, 2.2])] },
  { op: "trunc", name: "", fn: (a) => a!.trunc(), inputs: () => [offGrid([-1.7, -0.3, 0.4, 2.2])] },
  { op: "reciprocal", name: "", fn: (a) => a!.reciprocal(), inputs: () => [offGrid([-2, -0.6, 0.7, 3])] },
  { op: "rsqrt", name: "", fn: (a) => a!.rsqrt(), inputs: () => [positive([2, 3])] },
  { op: "sin", name: "", fn: (a) => a!.sin(), inputs: () => [leaf([2, 3])] },
  { op: "cos", name: "", fn: (a) => a!.cos(), inputs: () => [leaf([2, 3])] },
  { op: "tan", name: "", fn: (a) => a!.tan(), inputs: () => [offGrid([-1.1, -0.4, 0.3, 1.15])] },
  { op: "log2", name: "", fn: (a) => a!.log2(), inputs: () => [positive([2, 3])] },
  { op: "log10", name: "", fn: (a) => a!.log10(), inputs: () => [positive([2, 3])] },
  { op: "exp2", name: "", fn: (a) => a!.exp2(), inputs: () => [leaf([2, 3])] },
  { op: "erf", name: "", fn: (a) => a!.erf(), inputs: () => [offGrid([-2.5, -1.2, -0.3, 0.5, 1.5, 3])] },
  // Activations (kinks at 0 avoided).
  { op: "leakyRelu", name: "", fn: (a) => a!.leakyRelu(), inputs: () => [offGrid([-2, -0.3, 0.4, 1.7])] },
  {
    op: "leakyRelu",
    name: "slope 0.2",
    fn: (a) => leakyRelu(a!, 0.2),
    inputs: () => [offGrid([-2, -0.3, 0.4, 1.7])],
  },
  { op: "gelu", name: "exact", fn: (a) => a!.gelu(), inputs: () => [leaf([2, 3])] },
  {
    op: "gelu",
    name: "tanh",
    fn: (a) => gelu(a!, { approximate: "tanh" }),
    inputs: () => [offGrid([-4, -1.3, -0.2, 0.6, 2.2, 5])],
  },
  { op: "silu", name: "", fn: (a) => a!.silu(), inputs: () => [offGrid([-30, -2.5, -0.4, 0.3, 1.8, 25])] },
  { op: "elu", name: "", fn: (a) => a!.elu(), inputs: () => [offGrid([-3, -0.6, 0.2, 1.4])] },
  {
    op: "elu",
    name: "alpha 0.5",
    fn: (a) => elu(a!, { alpha: 0.5 }),
    inputs: () => [offGrid([-3, -0.6, 0.2, 1.4])],
  },
  {
    op: "softmaxCrossEntropy",
    name: "mean, one target ignored",
    fn: (a) => softmaxCrossEntropy(a!, tensor([2, -100, 0]), { reduction: "mean", ignoreIndex: -100 }),
    inputs: () => [leaf([3, 4])],
  },
  {
    op: "softmaxCrossEntropy",
    name: "none",
    fn: (a) => softmaxCrossEntropy(a!, tensor([1, 3]), { reduction: "none", ignoreIndex: -100 }),
    inputs: () => [leaf([2, 4])],
  },
  {
    op: "clamp",
    name: "both bounds",
    fn: (a) => a!.clamp(-0.5, 0.5),
    inputs: () => [tensor([-1.5, -0.2, 0.3, 2], { dtype: "float64", requiresGrad: true })],
  },
  {
    op: "clamp",
    name: "tensor bounds, broadcast (composed of where)",
    fn: (a, lo, hi) => a!.clamp(lo!, hi!),
    // Values away from the bounds: finite differences across a kink would not agree.
    inputs: () => [
      tensor(
        [
          [-2, -0.2, 0.3, 2],
          [1.5, 0.1, -1.5, 0.45],
        ],
        { dtype: "float64", requiresGrad: true },
      ),
      tensor([-1, -0.5, -0.5, -1], { dtype: "float64", requiresGrad: true }),
      tensor([[1], [0.4]], { dtype: "float64", requiresGrad: true }),
    ],
  },
  {
    op: "where",
    name: "broadcast",
    fn: (a, b) => where(tensor([true, false, true]), a!, b!),
    inputs: () => [leaf([2, 3]), leaf([3])],
  },
  { op: "clone", name: "", fn: (a) => a!.clone(), inputs: () => [leaf([3])] },
  { op: "contiguous", name: "of a transpose", fn: (a) => a!.t().contiguous(), inputs: () => [leaf([2, 3])] },
  { op: "sum", name: "all", fn: (a) => a!.sum(), inputs: () => [leaf([2, 3])] },
  { op: "sum", name: "dim 0 keepdim", fn: (a) => a!.sum(0, true), inputs: () => [leaf([2, 3])] },
  { op: "sum", name: "dims [0, 2]", fn: (a) => a!.sum([0, -1]), inputs: () => [leaf([2, 3, 4])] },
  { op: "mean", name: "dim 1", fn: (a) => a!.mean(1), inputs: () => [leaf([2, 3])] },
  { op: "mean", name: "all", fn: (a) => a!.mean(), inputs: () => [leaf([2, 3])] },
  {
    op: "mean",
    name: "dtype float64 (a no-op conversion of a float64 input)",
    fn: (a) => a!.mean(1, true, { dtype: "float64" }),
    inputs: () => [leaf([2, 3])],
  },
  { op: "prod", name: "dim 1", fn: (a) => a!.prod(1), inputs: () => [leaf([2, 3])] },
  {
    op: "prod",
    name: "with a zero",
    fn: (a) => a!.prod(0),
    inputs: () => [
      tensor(
        [
          [0, 2],
          [3, 4],
          [5, 0.5],
        ],
        { dtype: "float64", requiresGrad: true },
      ),
    ],
  },
  { op: "amax", name: "dim 1", fn: (a) => a!.amax(1), inputs: () => [leaf([3, 4])] },
  { op: "amax", name: "via max()", fn: (a) => a!.max(), inputs: () => [leaf([3, 4])] },
  { op: "amin", name: "dim 0 keepdim", fn: (a) => a!.amin(0, true), inputs: () => [leaf([3, 4])] },
  { op: "var", name: "dim 1", fn: (a) => a!.var(1), inputs: () => [leaf([3, 4])] },
  {
    op: "var",
    name: "all, correction 0",
    fn: (a) => a!.var(null, { correction: 0 }),
    inputs: () => [leaf([3, 4])],
  },
  { op: "var", name: "std", fn: (a) => a!.std(0, { keepdim: true }), inputs: () => [leaf([3, 4])] },
  { op: "logsumexp", name: "dim 1", fn: (a) => a!.logsumexp(1), inputs: () => [leaf([3, 4])] },
  { op: "logsumexp", name: "dim 0 keepdim", fn: (a) => a!.logsumexp(0, true), inputs: () => [leaf([3, 4])] },
  { op: "softmax", name: "dim 1", fn: (a) => a!.softmax(1), inputs: () => [leaf([3, 4])] },
  { op: "softmax", name: "dim 0", fn: (a) => a!.softmax(0), inputs: () => [leaf([3, 4])] },
  { op: "logSoftmax", name: "dim -1", fn: (a) => a!.logSoftmax(-1), inputs: () => [leaf([3, 4])] },
  {
    op: "view",
    name: "",
    fn: (a) => a!.view(3, 2).mul(tensor([[1, 2]], { dtype: "float64" })),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "reshape",
    name: "of a transpose (copies)",
    fn: (a) => a!.t().reshape(-1),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "permute",
    name: "",
    fn: (a) => a!.permute(2, 0, 1).mul(arange(24).view(4, 2, 3).double()),
    inputs: () => [leaf([2, 3, 4])],
  },
  {
    op: "expand",
    name: "",
    fn: (a) => a!.expand(3, 4).mul(arange(12).view(3, 4).double()),
    inputs: () => [leaf([1, 4])],
  },
  { op: "slice", name: "step 2", fn: (a) => a!.slice(1, 1, 5, 2), inputs: () => [leaf([2, 6])] },
  { op: "slice", name: "narrow", fn: (a) => a!.narrow(0, 1, 2), inputs: () => [leaf([4, 2])] },
  { op: "select", name: "", fn: (a) => a!.select(1, -1), inputs: () => [leaf([2, 3])] },
  { op: "cat", name: "dim 1", fn: (a, b) => cat([a!, b!], 1), inputs: () => [leaf([2, 3]), leaf([2, 1])] },
  { op: "cat", name: "stack", fn: (a, b) => stack([a!, b!], 0), inputs: () => [leaf([2, 3]), leaf([2, 3])] },
  { op: "matmul", name: "2-D", fn: (a, b) => a!.matmul(b!), inputs: () => [leaf([3, 4]), leaf([4, 2])] },
  {
    op: "matmul",
    name: "X @ W.T",
    fn: (a, b) => a!.matmul(b!.t()),
    inputs: () => [leaf([3, 4]), leaf([2, 4])],
  },
  { op: "matmul", name: "1-D @ 1-D", fn: (a, b) => a!.matmul(b!), inputs: () => [leaf([4]), leaf([4])] },
  { op: "matmul", name: "2-D @ 1-D", fn: (a, b) => a!.matmul(b!), inputs: () => [leaf([3, 4]), leaf([4])] },
  { op: "matmul", name: "1-D @ 2-D", fn: (a, b) => a!.matmul(b!), inputs: () => [leaf([4]), leaf([4, 2])] },
  {
    op: "matmul",
    name: "batched broadcast",
    fn: (a, b) => a!.matmul(b!),
    inputs: () => [leaf([2, 3, 4]), leaf([4, 2])],
  },
  {
    op: "linear",
    name: "with bias",
    fn: (x, w, b) => linear(x!, w!, b!),
    inputs: () => [leaf([4, 3]), leaf([2, 3]), leaf([2])],
  },
  {
    op: "linear",
    name: "3-D input, no bias",
    fn: (x, w) => linear(x!, w!),
    inputs: () => [leaf([2, 4, 3]), leaf([5, 3])],
  },
  {
    op: "linear",
    name: "transposed input",
    fn: (x, w, b) => linear(x!.t(), w!, b!),
    inputs: () => [leaf([3, 4]), leaf([2, 3]), leaf([2])],
  },
  {
    op: "gather",
    name: "dim 1",
    fn: (a) =>
      a!.gather(
        1,
        tensor([
          [0, 2],
          [1, 1],
        ]),
      ),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "scatterAdd",
    name: "dim 0",
    fn: (a, b) => a!.scatterAdd(0, tensor([[0, 1, 0]]), b!),
    inputs: () => [leaf([2, 3]), leaf([1, 3])],
  },
  {
    op: "indexSelect",
    name: "repeated index",
    fn: (a) => a!.indexSelect(1, tensor([2, 0, 2])),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "index",
    name: "y_hat[range(n), y]",
    fn: (a) => a!.index([arange(3), tensor([2, 0, 2])]),
    inputs: () => [leaf([3, 4])],
  },
  {
    op: "index",
    name: "with a null slice",
    fn: (a) => a!.index([null, tensor([1, 1, 0])]),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "maskedFill",
    name: "broadcast mask, number value",
    fn: (a) => a!.maskedFill(tensor([true, false, true]), 0.5),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "maskedFill",
    name: "0-dim tensor value",
    fn: (a, v) => a!.maskedFill(tensor([[true], [false]]), v!),
    inputs: () => [leaf([2, 3]), leaf([])],
  },
  { op: "flip", name: "dims [0, 2]", fn: (a) => a!.flip(0, 2), inputs: () => [leaf([2, 3, 4])] },
  { op: "cumsum", name: "dim 1", fn: (a) => a!.cumsum(1), inputs: () => [leaf([2, 4])] },
  { op: "cumsum", name: "dim 0 of a transpose", fn: (a) => a!.t().cumsum(0), inputs: () => [leaf([3, 4])] },
  // split, chunk and repeat are compositions: slices (split, chunk), expand and a copy (repeat).
  {
    op: "slice",
    name: "split into sizes [1, 3]",
    fn: (a) => {
      const [p, q] = a!.split([1, 3], 1);
      return cat([p!.mul(2), q!.mul(q!)], 1);
    },
    inputs: () => [leaf([2, 4])],
  },
  {
    op: "slice",
    name: "chunk, one piece unused",
    fn: (a) => a!.chunk(3, 0)[1]!.exp(),
    inputs: () => [leaf([5, 2])],
  },
  {
    op: "expand",
    name: "repeat with a new leading dim",
    fn: (a) => a!.repeat(2, 1, 3).mul(arange(36).view(2, 2, 9).double()),
    inputs: () => [leaf([2, 3])],
  },
  // sort and topk gather their values at argsort's indices: gather's rule.
  {
    op: "gather",
    name: "sort values",
    fn: (a) => a!.sort(1, true).values.mul(arange(4).double()),
    inputs: () => [leaf([3, 4])],
  },
  { op: "gather", name: "topk values", fn: (a) => a!.topk(2, 0).values.exp(), inputs: () => [leaf([4, 3])] },
  // Rounded quotients are step functions (zero gradients, as PyTorch's); remainder and fmod
  // have d/da = 1 and d/db = -floor(a / b) or -trunc(a / b). Quotients kept off the jumps.
  {
    op: "divTrunc",
    name: "",
    fn: (a, b) => a!.div(b!, { roundingMode: "trunc" }),
    inputs: () => [offGrid([7.3, -7.3, 2.2, -0.6]), offGrid([2.1, 2.1, -1.3, 0.9])],
  },
  {
    op: "divFloor",
    name: "floorDivide",
    fn: (a, b) => a!.floorDivide(b!),
    inputs: () => [offGrid([7.3, -7.3, 2.2, -0.6]), offGrid([2.1, 2.1, -1.3, 0.9])],
  },
  {
    op: "remainder",
    name: "",
    fn: (a, b) => a!.remainder(b!),
    inputs: () => [offGrid([7.3, -7.3, 2.2, -0.6]), offGrid([2.1, 2.1, -1.3, 0.9])],
  },
  {
    op: "remainder",
    name: "broadcast scalar divisor",
    fn: (a) => a!.remainder(-1.7),
    inputs: () => [offGrid([7.3, -7.3, 2.2, -0.6])],
  },
  {
    op: "fmod",
    name: "",
    fn: (a, b) => a!.fmod(b!),
    inputs: () => [offGrid([7.3, -7.3, 2.2, -0.6]), offGrid([2.1, 2.1, -1.3, 0.9])],
  },
  { op: "tril", name: "diagonal 1", fn: (a) => a!.tril(1), inputs: () => [leaf([3, 4])] },
  { op: "triu", name: "batched, diagonal -1", fn: (a) => a!.triu(-1), inputs: () => [leaf([2, 3, 3])] },
  {
    op: "indexSelect",
    name: "maskedSelect, mask broadcast over the input",
    fn: (a) => a!.maskedSelect(tensor([[true, false, true]])).mul(arange(4).double()),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "indexSelect",
    name: "maskedSelect, input broadcast over the mask",
    fn: (a) => a!.maskedSelect(tensor([[true], [false], [true]])).exp(),
    inputs: () => [leaf([2])],
  },
  {
    op: "scatter",
    name: "dim 0, tensor src (self where not overwritten, src gathered)",
    fn: (a, b) => a!.scatter(0, tensor([[2, 0, 1]]), b!),
    inputs: () => [leaf([3, 3]), leaf([2, 3])],
  },
  {
    op: "scatter",
    name: "dim 1, number src",
    fn: (a) => a!.scatter(1, tensor([[3], [0]]), 0.5).mul(a!),
    inputs: () => [leaf([2, 4])],
  },
  {
    op: "cat",
    name: "pad, constant, growing and cropping",
    fn: (a) => a!.pad([1, -1, 2, 0], { value: 0.5 }).mul(a!.pad([1, -1, 2, 0]).add(1)),
    inputs: () => [leaf([2, 3, 4])],
  },
  {
    op: "matmul",
    name: "einsum bij,bjk->bik",
    fn: (a, b) => einsum("bij,bjk->bik", a!, b!),
    inputs: () => [leaf([2, 3, 4]), leaf([2, 4, 2])],
  },
  {
    op: "matmul",
    name: "einsum implicit ij,kj (a contraction and an outer product)",
    fn: (a, b) => einsum("ij,kj", a!, b!),
    inputs: () => [leaf([3, 2]), leaf([4, 2])],
  },
  {
    op: "diagonal",
    name: "einsum ii-> (trace)",
    fn: (a) => einsum("ii->", a!),
    inputs: () => [leaf([3, 3])],
  },
  { op: "sum", name: "einsum ijk->ki", fn: (a) => einsum("ijk->ki", a!), inputs: () => [leaf([2, 3, 4])] },
  { op: "sqrt", name: "norm, p = 2", fn: (a) => a!.norm(2, 1), inputs: () => [leaf([3, 4])] },
  {
    op: "pow",
    name: "norm, p = 3, keepdim",
    fn: (a) => a!.norm(3, [0, 1], true),
    inputs: () => [leaf([2, 3])],
  },
  { op: "abs", name: "norm, p = 1", fn: (a) => a!.norm(1, 0), inputs: () => [offGrid([0.5, -1.5, 2])] },
  {
    op: "amax",
    name: "norm, p = Infinity",
    fn: (a) => a!.view(2, 3).norm(Number.POSITIVE_INFINITY, 1),
    inputs: () => [offGrid([3, -1, 0.5, 0.2, -2, 1])],
  },
  {
    op: "amin",
    name: "norm, p = -Infinity",
    fn: (a) => a!.norm(-Infinity),
    inputs: () => [offGrid([3, -1, 0.5])],
  },
  {
    op: "var",
    name: "varMean",
    fn: (a) => {
      const { var: v, mean } = a!.varMean(1, { keepdim: true });
      return v.add(mean.mul(mean));
    },
    inputs: () => [leaf([2, 4])],
  },
  {
    op: "var",
    name: "stdMean, correction 0",
    fn: (a) => {
      const { std, mean } = a!.stdMean(0, { correction: 0 });
      return std.mul(mean);
    },
    inputs: () => [leaf([3, 2])],
  },
  {
    op: "softmax",
    name: "softmin",
    fn: (a) => a!.softmin(1).mul(arange(3).double()),
    inputs: () => [leaf([2, 3])],
  },
  {
    op: "view",
    name: "unflatten",
    fn: (a) => a!.unflatten(1, [2, -1]).mul(a!.unflatten(1, [2, 3])),
    inputs: () => [leaf([2, 6])],
  },
  { op: "diagonal", name: "offset 1", fn: (a) => a!.diagonal(1), inputs: () => [leaf([3, 4])] },
  {
    op: "diagonal",
    name: "dims 2 and 0, offset -1",
    fn: (a) => a!.diagonal(-1, 2, 0),
    inputs: () => [leaf([3, 2, 4])],
  },
  { op: "diagonal", name: "diag of a matrix", fn: (a) => a!.diag(), inputs: () => [leaf([3, 3])] },
  {
    op: "diagEmbed",
    name: "diag of a vector, diagonal -2",
    fn: (a) => a!.diag(-2),
    inputs: () => [leaf([3])],
  },
  { op: "atan2", name: "broadcast", fn: (a, b) => a!.atan2(b!), inputs: () => [leaf([2, 3]), leaf([3])] },
  {
    op: "copysign",
    name: "",
    fn: (a, b) => a!.copysign(b!),
    inputs: () => [offGrid([-2, -0.5, 0.7, 3]), offGrid([1.5, -0.3, -2, 0.4])],
  },
  {
    op: "logaddexp",
    name: "broadcast",
    fn: (a, b) => a!.logaddexp(b!),
    inputs: () => [leaf([2, 3]), leaf([2, 1])],
  },
  // Compositions: lerp of where and arithmetic; dot and bmm of matmul; outer of mul.
  {
    op: "where",
    name: "lerp, tensor weight on both sides of 0.5",
    fn: (a, b, w) => a!.lerp(b!, w!),
    inputs: () => [leaf([2, 3]), leaf([2, 3]), offGrid([0.1, 0.7, -0.2])],
  },
  {
    op: "mul",
    name: "lerp, number weight",
    fn: (a, b) => a!.lerp(b!, 0.8),
    inputs: () => [leaf([3]), leaf([3])],
  },
  { op: "matmul", name: "dot", fn: (a, b) => a!.dot(b!), inputs: () => [leaf([4]), leaf([4])] },
  { op: "matmul", name: "bmm", fn: (a, b) => a!.bmm(b!), inputs: () => [leaf([2, 3, 4]), leaf([2, 4, 2])] },
  { op: "mul", name: "outer", fn: (a, b) => a!.outer(b!), inputs: () => [leaf([3]), leaf([2])] },
];

/** In-place rules: applied to a non-leaf copy so the graph continues through them. */
const inplaceCases: Case[] = [
  { op: "add_", name: "", fn: (a, b) => a!.mul(1).add_(b!), inputs: () => [leaf([2, 3]), leaf([3])] },
  { op: "sub_", name: "", fn: (a, b) => a!.mul(1).sub_(b!), inputs: () => [leaf([2, 3]), leaf([2, 1])] },
  { op: "mul_", name: "", fn: (a, b) => a!.mul(1).mul_(b!), inputs: () => [leaf([2, 3]), leaf([3])] },
  { op: "div_", name: "", fn: (a, b) => a!.mul(1).div_(b!), inputs: () => [leaf([2, 3]), positive([3])] },
  { op: "copy_", name: "", fn: (a, b) => a!.mul(2).copy_(b!).mul(a!), inputs: () => [leaf([3]), leaf([3])] },
  { op: "zero_", name: "", fn: (a) => a!.mul(2).zero_().add(a!), inputs: () => [leaf([3])] },
  { op: "fill_", name: "", fn: (a) => a!.mul(2).fill_(3).mul(a!), inputs: () => [leaf([3])] },
  {
    op: "clamp_",
    name: "",
    fn: (a) => a!.mul(1).clamp_(-0.5, 0.5),
    inputs: () => [tensor([-1.5, -0.2, 0.3, 2], { dtype: "float64", requiresGrad: true })],
  },
];

describe("gradient rules agree with finite differences (float64)", () => {
  for (const c of [...cases, ...inplaceCases]) {
    it(`${c.op}${c.name ? `: ${c.name}` : ""}`, () => {
      expect(gradcheck(c.fn, c.inputs())).toBe(true);
    });
  }

  it("to: float64 → float32 → float64 (float32 precision, so a coarse step)", () => {
    const fn = (a: Tensor) => a.to("float32").mul(3).to("float64");
    expect(gradcheck(fn, [leaf([3])], { eps: 1e-2, atol: 1e-3 })).toBe(true);
  });

  it("sum with a dtype: float32 summed as float64, the gradient converted back", () => {
    const fn = (a: Tensor) => a.to("float32").sum(0, false, { dtype: "float64" }).mul(2);
    expect(gradcheck(fn, [leaf([3, 2])], { eps: 1e-2, atol: 1e-3 })).toBe(true);
  });

  it("cumsum with a dtype: float32 summed into float64, the gradient cast back to float32", () => {
    const fn = (a: Tensor) => a.to("float32").cumsum(0, { dtype: "float64" });
    expect(gradcheck(fn, [leaf([4])], { eps: 1e-2, atol: 1e-3 })).toBe(true);
  });

  it("norm: the gradient at a zero vector is 0, as PyTorch's (p = 2, 3, Infinity)", () => {
    for (const p of [2, 3, Number.POSITIVE_INFINITY]) {
      const x = tensor(
        [
          [3, -3, 1],
          [0, 0, 0],
        ],
        { dtype: "float64", requiresGrad: true },
      );
      x.norm(p, 1).sum().backward();
      const g = x.grad!.toArray() as number[][];
      expect(g[1]).toEqual([0, 0, 0]);
      expect(g[0]!.every(Number.isFinite)).toBe(true);
    }
  });

  it("every rule in the table has a case", () => {
    const covered = new Set([...cases, ...inplaceCases].map((c) => c.op).concat("to"));
    const ops = [...catalogueOps().values()];
    // An out-of-place op that only its in-place forms expose (fill, copy) is covered by them.
    for (const d of ops) if (d.base !== null && covered.has(d.name)) covered.add(d.base.name);
    const differentiable = ops.filter((d) => d.grad !== null).map((d) => d.name);
    expect(differentiable.filter((op) => !covered.has(op))).toEqual([]);
  });
});
