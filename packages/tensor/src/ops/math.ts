// More elementwise math (issue 18): rounding, sign, reciprocals, trigonometry, base-2 and
// base-10 logs and powers, erf. Each op is one `unaryOp` entry, as in unary.ts; the wasm
// backend runs their js kernels.
import { zerosLike } from "../create.js";
import { DTypeError } from "../errors.js";
import type { UnaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import type { GradRule, NoAttrs } from "../op.js";
import type { Tensor } from "../tensor.js";
import { fromInput, fromOutput, unary, unaryOp } from "./unary.js";

declare module "../op.js" {
  interface OpAttrs {
    sign: NoAttrs;
    floor: NoAttrs;
    ceil: NoAttrs;
    round: NoAttrs;
    trunc: NoAttrs;
    reciprocal: NoAttrs;
    rsqrt: NoAttrs;
    sin: NoAttrs;
    cos: NoAttrs;
    tan: NoAttrs;
    log2: NoAttrs;
    log10: NoAttrs;
    exp2: NoAttrs;
    erf: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** -1, 0 or 1 by the sign of each element (0 for NaN, as torch.sign); keeps the dtype. */
    sign(): Tensor;
    /** Rounds down; integer tensors are returned as they are (a copy). */
    floor(): Tensor;
    /** Rounds up; integer tensors are returned as they are (a copy). */
    ceil(): Tensor;
    /** Rounds to the nearest integer, halves to even (0.5 → 0, 1.5 → 2), as torch.round. */
    round(): Tensor;
    /** Rounds toward zero; integer tensors are returned as they are (a copy). */
    trunc(): Tensor;
    /** 1 / x (integers compute in float32). */
    reciprocal(): Tensor;
    /** 1 / √x (integers compute in float32). */
    rsqrt(): Tensor;
    /** The sine, elementwise, in radians (`torch.sin`); integers compute in float32. */
    sin(): Tensor;
    /** The cosine, elementwise, in radians (`torch.cos`); integers compute in float32. */
    cos(): Tensor;
    /** The tangent, elementwise, in radians (`torch.tan`); integers compute in float32. */
    tan(): Tensor;
    /** The base-2 logarithm, elementwise (`torch.log2`); integers compute in float32. */
    log2(): Tensor;
    /** The base-10 logarithm, elementwise (`torch.log10`); integers compute in float32. */
    log10(): Tensor;
    /** 2^x. */
    exp2(): Tensor;
    /** The error function, 2/√π ∫₀ˣ e^(−t²) dt, to a few float64 ulps. */
    erf(): Tensor;
  }
}

/** PyTorch's gradient of the step functions: zeros (not null, so x.grad is a tensor). */
const zeroGrad: GradRule<NoAttrs> = () => (g) => [zerosLike(g)];

const sign = unaryOp({
  name: "sign",
  float: false,
  // Comparisons, not Math.sign: NaN and -0 give 0, as torch.sign.
  fn: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  grad: zeroGrad,
});
const floor = unaryOp({ name: "floor", float: false, fn: (x) => Math.floor(x), grad: zeroGrad });
const ceil = unaryOp({ name: "ceil", float: false, fn: (x) => Math.ceil(x), grad: zeroGrad });
const round = unaryOp({
  name: "round",
  float: false,
  // Math.round sends halves up; PyTorch sends them to the even neighbour. r - x is exact, and
  // Math.round(-0.5) is -0 as torch.round's.
  fn: (x) => {
    const r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  grad: zeroGrad,
});
const trunc = unaryOp({ name: "trunc", float: false, fn: (x) => Math.trunc(x), grad: zeroGrad });
const reciprocal = unaryOp({
  name: "reciprocal",
  float: true,
  fn: (x) => 1 / x,
  // d/dx 1/x = -1/x², from the output as PyTorch does.
  grad: fromOutput((out) => out.mul(out).neg()),
});
const rsqrt = unaryOp({
  name: "rsqrt",
  float: true,
  fn: (x) => 1 / Math.sqrt(x),
  // d/dx x^(-1/2) = -x^(-3/2) / 2 = -out³ / 2.
  grad: fromOutput((out) => out.pow(3).mul(-0.5)),
});
const sin = unaryOp({
  name: "sin",
  float: true,
  fn: (x) => Math.sin(x),
  grad: fromInput((g, x) => g.mul(x.cos())),
});
const cos = unaryOp({
  name: "cos",
  float: true,
  fn: (x) => Math.cos(x),
  grad: fromInput((g, x) => g.mul(x.sin().neg())),
});
const tan = unaryOp({
  name: "tan",
  float: true,
  fn: (x) => Math.tan(x),
  // d/dx tan x = 1 + tan² x.
  grad: fromOutput((out) => out.mul(out).add(1)),
});
const log2 = unaryOp({
  name: "log2",
  float: true,
  fn: (x) => Math.log2(x),
  grad: fromInput((g, x) => g.div(x.mul(Math.LN2))),
});
const log10 = unaryOp({
  name: "log10",
  float: true,
  fn: (x) => Math.log10(x),
  grad: fromInput((g, x) => g.div(x.mul(Math.LN10))),
});
const exp2 = unaryOp({
  name: "exp2",
  float: true,
  fn: (x) => 2 ** x,
  grad: fromOutput((out) => out.mul(Math.LN2)),
});
// JavaScript has no Math.erf, and the generated loop may call only globals, so the whole
// function is written here, in three ranges. Measured against mpmath (15,000 points): within
// 1 ulp below |x| = 1, 2 above 2, and 6.7e-16 relative at worst on [1, 2); against PyTorch's
// float64 erf, 5.7e-16 (ops/math.test.ts). 2/√π = 1.1283791670955126, 1/√π = 0.5641895835477563.
// Exported for gelu (ops/activations.ts), whose kernel embeds this function's source.
export const erfFn: UnaryFn = (x) => {
  const ax = Math.abs(x);
  // Tiny x: erf x = 2x/√π (1 - x²/3 + ...), the rest below double precision; keeps -0.
  if (ax < 1e-8) return 1.1283791670955126 * x;
  if (ax < 1) {
    // Taylor series, 2/√π Σ (-x²)ⁿ x / (n! (2n+1)), in Horner form (18 terms reach 1e-17).
    const t = -x * x;
    let s = 0;
    for (let n = 18; n >= 1; n--) s = ((t * (2 * n - 1)) / (n * (2 * n + 1))) * (1 + s);
    return 1.1283791670955126 * (x + x * s);
  }
  // erfc 6 < 2⁻⁵⁵: 1 - erfc x rounds to 1 (and e^(-x²) below would be ∞ · 0 for huge x).
  if (ax >= 6) return x < 0 ? -1 : 1;
  // e^(-x²) as e^(-z²) e^(-(x-z)(x+z)) with z = x rounded to float32, whose square is exact:
  // e^(-x²) of a rounded x² would be off by x² ulps.
  const z = Math.fround(ax);
  const e = Math.exp(-z * z) * Math.exp(-(ax - z) * (ax + z));
  if (ax < 2) {
    // 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (2n+1)!!: positive terms (no cancellation), 32 of them.
    const x2 = 2 * x * x;
    let s = 1;
    for (let k = 65; k > 1; k -= 2) s = 1 + (x2 * s) / k;
    return 1.1283791670955126 * e * (x * s);
  }
  // erfc x = e^(-x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), 50 levels, bottom-up;
  // NaN lands here and stays NaN.
  let f = ax;
  for (let n = 50; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = (0.5641895835477563 * e) / f;
  return x < 0 ? erfc - 1 : 1 - erfc;
};
const erf = unaryOp({
  name: "erf",
  float: true,
  fn: erfFn,
  // d/dx erf x = 2/√π e^(-x²).
  grad: fromInput((g, x) => g.mul(x.square().neg().exp()).mul(2 / Math.sqrt(Math.PI))),
});

/** PyTorch has no bool kernel for the rounding ops ("floor_vml_cpu" not implemented for 'Bool'). */
function noBool(op: string, x: Tensor): void {
  if (x.dtype === "bool") {
    throw new DTypeError(
      `${op}: input must be a number tensor, got a bool tensor (PyTorch has no ${op} for bool)`,
    );
  }
}

installMethods({
  sign() {
    return unary(sign, this);
  },
  floor() {
    noBool("floor", this);
    return unary(floor, this);
  },
  ceil() {
    noBool("ceil", this);
    return unary(ceil, this);
  },
  round() {
    noBool("round", this);
    return unary(round, this);
  },
  trunc() {
    noBool("trunc", this);
    return unary(trunc, this);
  },
  reciprocal() {
    return unary(reciprocal, this);
  },
  rsqrt() {
    return unary(rsqrt, this);
  },
  sin() {
    return unary(sin, this);
  },
  cos() {
    return unary(cos, this);
  },
  tan() {
    return unary(tan, this);
  },
  log2() {
    return unary(log2, this);
  },
  log10() {
    return unary(log10, this);
  },
  exp2() {
    return unary(exp2, this);
  },
  erf() {
    return unary(erf, this);
  },
});
