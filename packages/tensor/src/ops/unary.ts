// Elementwise unary math. Each op is one `unaryOp` entry: its element function (the js kernel
// is generated from it), whether integers compute in float32, and its gradient rule. Kernels of
// other backends register by the op's name (kernels/elementwise-wasm.ts: exp, sigmoid).
import { checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { floatResult, requireFloatInput } from "../dtype.js";
import { DTypeError, fmtValue, ValueError } from "../errors.js";
import type { UnaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import { defineOp, type GradRule, type NoAttrs, type OpAttrs, type OpDef, type OpName } from "../op.js";
import { checkOptions } from "../options.js";
import type { Tensor } from "../tensor.js";
import { NONE } from "./arithmetic.js";
import { registerUnaryJs } from "./elementwise-kernels.js";
import { where } from "./where.js";

/** softplus's options, as torch.nn.functional.softplus's. */
export interface SoftplusOptions {
  /** β: softplus(x) = log(1 + e^(βx)) / β (default 1). */
  beta?: number;
  /** Where βx > threshold the result is x itself (default 20). */
  threshold?: number;
}

declare module "../op.js" {
  interface OpAttrs {
    neg: NoAttrs;
    exp: NoAttrs;
    log: NoAttrs;
    log1p: NoAttrs;
    sqrt: NoAttrs;
    abs: NoAttrs;
    sigmoid: NoAttrs;
    tanh: NoAttrs;
    relu: NoAttrs;
    logSigmoid: NoAttrs;
    softplus: { readonly beta: number; readonly threshold: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** −x, elementwise (`torch.neg`); keeps the dtype. */
    neg(): Tensor;
    /** eˣ, elementwise (`torch.exp`); integers compute in float32. */
    exp(): Tensor;
    /**
     * The natural logarithm, elementwise (`torch.log`): NaN below 0, −∞ at 0; integers compute in
     * float32.
     */
    log(): Tensor;
    /** log(1 + x), accurate for small x (`torch.log1p`); integers compute in float32. */
    log1p(): Tensor;
    /** √x, elementwise (`torch.sqrt`): NaN below 0; integers compute in float32. */
    sqrt(): Tensor;
    /** |x|, elementwise (`torch.abs`); keeps the dtype. */
    abs(): Tensor;
    /**
     * The logistic function 1 / (1 + e^(−x)), computed stably (`torch.sigmoid`); integers compute
     * in float32.
     */
    sigmoid(): Tensor;
    /** The hyperbolic tangent, elementwise (`torch.tanh`); integers compute in float32. */
    tanh(): Tensor;
    /** max(x, 0), elementwise (`torch.relu`); keeps the dtype and NaN. */
    relu(): Tensor;
    /** log(sigmoid(x)), computed without overflow (torch.nn.functional.logsigmoid). */
    logSigmoid(): Tensor;
    /** log(1 + e^(βx)) / β, x itself where βx > threshold (torch.nn.functional.softplus). */
    softplus(options?: SoftplusOptions): Tensor;
  }
}

interface UnarySpec<N extends OpName> {
  readonly name: N;
  /** Integers compute in float32 (exp, log...); otherwise the result keeps the input's dtype. */
  readonly float: boolean;
  /** The element function (see kernels/codegen.ts: only its parameters and globals). */
  readonly fn: UnaryFn;
  /** The op's scalar parameters p and q, from its attributes (none: 0, 0). */
  readonly params?: (attrs: OpAttrs[N]) => readonly [number, number];
  readonly grad: GradRule<OpAttrs[N]> | null;
}

const NO_PARAMS = (): readonly [number, number] => [0, 0];

/** One unary op: its catalogue entry and its js kernel. */
export function unaryOp<N extends OpName>(spec: UnarySpec<N>): OpDef<OpAttrs[N]> {
  registerUnaryJs(spec.name, spec.fn, spec.params ?? NO_PARAMS);
  return defineOp<N>({
    name: spec.name,
    inputs: ["self"],
    dtype: spec.float ? (inputs) => floatResult(inputs[0]!.dtype) : (inputs) => inputs[0]!.dtype,
    grad: spec.grad,
  });
}

/** A rule whose gradient is g times a function of the saved output. */
export function fromOutput(f: (out: Tensor) => Tensor): GradRule<NoAttrs> {
  return (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.mul(f(out))];
  };
}

/** A rule whose gradient is computed from g and the saved input. */
export function fromInput(f: (g: Tensor, x: Tensor) => Tensor): GradRule<NoAttrs> {
  return (c) => {
    const [x] = c.save(c.inputs[0]!);
    return (g) => [f(g, x)];
  };
}

/** sign(x) as a tensor of x's dtype. */
function sign(x: Tensor): Tensor {
  return where(x.gt(0), 1, where(x.lt(0), -1, 0)).to(x.dtype);
}

const neg = unaryOp({ name: "neg", float: false, fn: (x) => -x, grad: () => (g) => [g.neg()] });
const exp = unaryOp({ name: "exp", float: true, fn: (x) => Math.exp(x), grad: fromOutput((out) => out) });
const log = unaryOp({
  name: "log",
  float: true,
  fn: (x) => Math.log(x),
  grad: fromInput((g, x) => g.div(x)),
});
const log1p = unaryOp({
  name: "log1p",
  float: true,
  fn: (x) => Math.log1p(x),
  grad: fromInput((g, x) => g.div(x.add(1))),
});
const sqrt = unaryOp({
  name: "sqrt",
  float: true,
  fn: (x) => Math.sqrt(x),
  grad: (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.div(out.mul(2))];
  },
});
const abs = unaryOp({
  name: "abs",
  float: false,
  fn: (x) => Math.abs(x),
  grad: fromInput((g, x) => g.mul(sign(x))),
});
const sigmoid = unaryOp({
  name: "sigmoid",
  float: true,
  // Stable on both sides: exp never overflows.
  fn: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  grad: fromOutput((out) => out.mul(out.neg().add(1))),
});
const tanh = unaryOp({
  name: "tanh",
  float: true,
  fn: (x) => Math.tanh(x),
  grad: fromOutput((out) => out.mul(out).neg().add(1)),
});
const relu = unaryOp({
  name: "relu",
  float: false,
  // biome-ignore lint/complexity/useMathMinMax: the branch keeps NaN and maps -0 to 0, measured as fast
  fn: (x) => (x <= 0 ? 0 : x),
  grad: (c) => {
    const [out] = c.save(c.output);
    return (g) => [where(out.gt(0), g, 0)];
  },
});
const logSigmoidOp = unaryOp({
  name: "logSigmoid",
  float: true,
  // -log(1 + e^-x), with the exponent kept non-positive so it never overflows.
  fn: (x) => (x < 0 ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x))),
  // d/dx log σ(x) = 1 − σ(x) = σ(−x).
  grad: fromInput((g, x) => g.mul(x.neg().sigmoid())),
});
const softplusOp = unaryOp({
  name: "softplus",
  float: true,
  fn: (x, beta, threshold) => (x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta),
  params: (a) => [a.beta, a.threshold],
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const { beta, threshold } = c.attrs;
    // d/dx = σ(βx) (PyTorch's e^(βx) / (e^(βx) + 1), which is NaN once e^(βx) overflows).
    return (g) => {
      const bx = x.mul(beta);
      return [where(bx.gt(threshold), g, g.mul(bx.sigmoid()))];
    };
  },
});

/** Runs a unary op without attributes on x. */
export function unary(def: OpDef<NoAttrs>, x: Tensor): Tensor {
  return dispatch(def, [x], NONE);
}

/** log(1 + e^(βx)) / β, x itself where βx > threshold (torch.nn.functional.softplus). */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  checkTensor("softplus", "input", x);
  checkOptions("softplus", "options", options, ["beta", "threshold"]);
  const beta = options.beta ?? 1;
  const threshold = options.threshold ?? 20;
  for (const [name, v] of Object.entries({ beta, threshold })) {
    if (typeof v !== "number") {
      throw new ValueError(`softplus: ${name} must be a number, got ${fmtValue(v)}`);
    }
  }
  requireFloatInput("softplus", x.dtype);
  return dispatch(softplusOp, [x], { beta, threshold });
}

/** log(sigmoid(x)) without overflow (torch.nn.functional.logsigmoid). */
export function logSigmoid(x: Tensor): Tensor {
  checkTensor("logSigmoid", "input", x);
  requireFloatInput("logSigmoid", x.dtype);
  return unary(logSigmoidOp, x);
}

installMethods({
  neg() {
    if (this.dtype === "bool") {
      throw new DTypeError(
        "neg: negation, the `-` operator, on a bool tensor is not supported; use logicalNot",
      );
    }
    return unary(neg, this);
  },
  exp() {
    return unary(exp, this);
  },
  log() {
    return unary(log, this);
  },
  log1p() {
    return unary(log1p, this);
  },
  sqrt() {
    return unary(sqrt, this);
  },
  abs() {
    return unary(abs, this);
  },
  sigmoid() {
    return unary(sigmoid, this);
  },
  tanh() {
    return unary(tanh, this);
  },
  relu() {
    return unary(relu, this);
  },
  logSigmoid() {
    return logSigmoid(this);
  },
  softplus(options) {
    return softplus(this, options);
  },
});
