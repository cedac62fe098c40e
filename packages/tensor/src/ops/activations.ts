// Activations of torch.nn.functional (issue 18): leakyRelu, gelu (exact and tanh), silu, elu.
// Each is one `unaryOp` entry, as in unary.ts; the wasm backend runs their js kernels. Like
// PyTorch's, they take floating-point tensors only (integers and bools are a DTypeError).
import { checkChoice, checkFinite } from "../args.js";
import { dispatch } from "../dispatch.js";
import { requireFloatInput } from "../dtype.js";
import type { UnaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import type { NoAttrs } from "../op.js";
import { checkOptions } from "../options.js";
import { erfFn } from "./math.js";
import { unary, unaryOp } from "./unary.js";
import { where } from "./where.js";

/** gelu's options, as torch.nn.functional.gelu's. */
export interface GeluOptions {
  /** "none": x·Φ(x) with the exact normal CDF (default); "tanh": PyTorch's tanh approximation. */
  approximate?: "none" | "tanh";
}

/** elu's options, as torch.nn.functional.elu's. */
export interface EluOptions {
  /** α: the result is α(eˣ − 1) for x ≤ 0 (default 1). */
  alpha?: number;
}

declare module "../op.js" {
  interface OpAttrs {
    leakyRelu: { readonly negativeSlope: number };
    gelu: { readonly approximate: "none" | "tanh" };
    silu: NoAttrs;
    elu: { readonly alpha: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** x for x > 0, negativeSlope · x otherwise (torch.nn.functional.leaky_relu). */
    leakyRelu(negativeSlope?: number): Tensor;
    /** x·Φ(x), Φ the standard normal CDF, or its tanh approximation (torch.nn.functional.gelu). */
    gelu(options?: GeluOptions): Tensor;
    /** x·σ(x), stable for large |x| (torch.nn.functional.silu). */
    silu(): Tensor;
    /** x for x > 0, α(eˣ − 1) otherwise (torch.nn.functional.elu). */
    elu(options?: EluOptions): Tensor;
  }
}

/** √(2/π) and 1/√(2π), PyTorch's kBeta and the normal density's factor. */
const SQRT_2_OVER_PI = 0.7978845608028654;
const INV_SQRT_2PI = 0.3989422804014327;
/** The cubic term's coefficient of the tanh approximation. */
const KAPPA = 0.044715;

/** gelu of x, exact (p = 0) or the tanh approximation (p = 1), as PyTorch writes them (the
 * constants are literals: an element function may use only its parameters and globals). */
const geluOf = (x: number, p: number, erf: (x: number) => number): number =>
  p === 0
    ? x * 0.5 * (1 + erf(x * Math.SQRT1_2))
    : 0.5 * x * (1 + Math.tanh(0.7978845608028654 * (x + 0.044715 * (x * x * x))));

// A generated loop sees only its element function's source (kernels/codegen.ts), so gelu cannot
// call erf by name: erf's own function (math.ts) is spliced into gelu's, once, at load time.
const geluFn = new Function(`"use strict"; return (x, p) => (${geluOf})(x, p, ${erfFn});`)() as UnaryFn;

const leakyReluOp = unaryOp({
  name: "leakyRelu",
  float: true,
  // PyTorch's comparison: NaN takes the second branch (NaN · slope is NaN).
  fn: (x, slope) => (x > 0 ? x : x * slope),
  params: (a) => [a.negativeSlope, 0],
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const slope = c.attrs.negativeSlope;
    // At exactly 0 the slope, as PyTorch's leaky_relu_backward (x > 0 ? g : g · slope).
    return (g) => [where(x.gt(0), g, g.mul(slope))];
  },
});

const geluOp = unaryOp({
  name: "gelu",
  float: true,
  fn: geluFn,
  params: (a) => [a.approximate === "tanh" ? 1 : 0, 0],
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    if (c.attrs.approximate === "none") {
      // Φ(x) + x·φ(x) = ½(1 + erf(x/√2)) + x·e^(−x²/2)/√(2π).
      return (g) => {
        const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
        const pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
        return [g.mul(cdf.add(x.mul(pdf)))];
      };
    }
    // With u = β(x + κx³), t = tanh u: ½(1 + t) + ½x(1 − t²)·β(1 + 3κx²) (PyTorch's formula).
    return (g) => {
      const x2 = x.square();
      const t = x.add(x2.mul(x).mul(KAPPA)).mul(SQRT_2_OVER_PI).tanh();
      const left = t.add(1).mul(0.5);
      const right = x
        .mul(0.5)
        .mul(t.square().neg().add(1))
        .mul(
          x2
            .mul(3 * KAPPA)
            .add(1)
            .mul(SQRT_2_OVER_PI),
        );
      return [g.mul(left.add(right))];
    };
  },
});

const siluOp = unaryOp({
  name: "silu",
  float: true,
  // x / (1 + e^−x), with the exponent kept non-positive: no overflow into ∞/∞ at either end.
  fn: (x) => (x >= 0 ? x / (1 + Math.exp(-x)) : (x * Math.exp(x)) / (1 + Math.exp(x))),
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    // σ(x)(1 + x(1 − σ(x))), PyTorch's silu_backward.
    return (g) => {
      const s = x.sigmoid();
      return [g.mul(s.mul(x.mul(s.neg().add(1)).add(1)))];
    };
  },
});

const eluOp = unaryOp({
  name: "elu",
  float: true,
  // expm1, not PyTorch 1.13's e^x − 1, which loses the digits of small |x|.
  fn: (x, alpha) => (x <= 0 ? alpha * Math.expm1(x) : x),
  params: (a) => [a.alpha, 0],
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const { alpha } = c.attrs;
    // α·eˣ for x ≤ 0 (so α at 0, as PyTorch), 1 above; e^min(x, 0) never overflows.
    return (g) => [where(x.le(0), g.mul(x.minimum(0).exp().mul(alpha)), g)];
  },
});

installMethods({
  leakyRelu(negativeSlope = 0.01) {
    checkFinite("leakyRelu", "negativeSlope", negativeSlope);
    requireFloatInput("leakyRelu", this.dtype);
    return dispatch(leakyReluOp, [this], { negativeSlope });
  },
  gelu(options = {}) {
    checkOptions("gelu", "options", options, ["approximate"]);
    const approximate = options.approximate ?? "none";
    checkChoice("gelu", "approximate", approximate, ["none", "tanh"]);
    requireFloatInput("gelu", this.dtype);
    return dispatch(geluOp, [this], { approximate });
  },
  silu() {
    requireFloatInput("silu", this.dtype);
    return unary(siluOp, this);
  },
  elu(options = {}) {
    checkOptions("elu", "options", options, ["alpha"]);
    const alpha = options.alpha ?? 1;
    checkFinite("elu", "alpha", alpha);
    requireFloatInput("elu", this.dtype);
    return dispatch(eluOp, [this], { alpha });
  },
});
