// Function forms of the elementwise unary ops: `exp(x)` as torch.exp(x), beside `x.exp()`.
// One line per op: each export checks its input, then calls the method.
import "./activations.js";
import "./arithmetic.js";
import "./math.js";
import "./predicates.js";
import "./unary.js";
import { checkTensor } from "../args.js";
import type { Tensor } from "../tensor.js";
import type { EluOptions, GeluOptions } from "./activations.js";

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
