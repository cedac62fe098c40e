import {
  checkChoice,
  checkFinite,
  checkInt,
  checkOptions,
  checkTensor,
  fmtValue,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { Module } from "../module.js";

/** The logistic sigmoid 1 / (1 + e^(−x)), elementwise (`torch.nn.Sigmoid`). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("Sigmoid.forward", "input", x);
    return x.sigmoid();
  }
}

/**
 * max(x, 0), elementwise (`torch.nn.ReLU`). Takes no arguments (PyTorch's `inplace` is not
 * supported: passing one throws a `ValueError`).
 *
 * @example
 * ```ts
 * const m = new ReLU();
 * m.call(tensor([-1, 0, 2])); // tensor([0, 0, 2])
 * ```
 */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("ReLU.forward", "input", x);
    return x.relu();
  }
}

/** The hyperbolic tangent, elementwise (`torch.nn.Tanh`). */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("Tanh.forward", "input", x);
    return x.tanh();
  }
}

/** Returns its input; like PyTorch's, its constructor ignores any arguments. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  forward(x: Tensor): Tensor {
    checkTensor("Identity.forward", "input", x);
    return x;
  }
}

/** Softmax along `dim` (fused and stable). */
export class Softmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    checkInt("Softmax", "dim", dim);
    this.dim = dim;
  }
  forward(x: Tensor): Tensor {
    checkTensor("Softmax.forward", "input", x);
    return x.softmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * log(softmax(x)) along `dim`, computed stably in one op (`torch.nn.LogSoftmax`); `dim` is
 * required (an integer, negative counts from the end).
 */
export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    checkInt("LogSoftmax", "dim", dim);
    this.dim = dim;
  }
  forward(x: Tensor): Tensor {
    checkTensor("LogSoftmax.forward", "input", x);
    return x.logSoftmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * checkOptions, with a hint for PyTorch's positional form (`nn.ELU(0.5)`, `nn.GELU('tanh')`):
 * tsgrad takes these modules' keyword arguments as one options object.
 */
function checkModuleOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options === "number" || typeof options === "string") {
    throw new ValueError(
      `${fn}: options must be an object of options, got ${fmtValue(options)}; pass it as { ${known[0]}: ${fmtValue(options)} }`,
    );
  }
  checkOptions(fn, "options", options, known);
}

/** x for x > 0, negativeSlope · x otherwise (torch.nn.LeakyReLU). */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  constructor(negativeSlope = 0.01) {
    super();
    checkFinite("LeakyReLU", "negativeSlope", negativeSlope);
    this.negativeSlope = negativeSlope;
  }
  forward(x: Tensor): Tensor {
    checkTensor("LeakyReLU.forward", "input", x);
    return x.leakyRelu(this.negativeSlope);
  }
  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}

/** x·Φ(x), or its tanh approximation (torch.nn.GELU). */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(options: { approximate?: "none" | "tanh" } = {}) {
    super();
    checkModuleOptions("GELU", options, ["approximate"]);
    const approximate = options.approximate ?? "none";
    checkChoice("GELU", "approximate", approximate, ["none", "tanh"]);
    this.approximate = approximate;
  }
  forward(x: Tensor): Tensor {
    checkTensor("GELU.forward", "input", x);
    return x.gelu({ approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** x·σ(x) (torch.nn.SiLU). */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("SiLU.forward", "input", x);
    return x.silu();
  }
}

/** log(1 + e^(βx)) / β, x itself where βx > threshold (torch.nn.Softplus). */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(options: { beta?: number; threshold?: number } = {}) {
    super();
    checkModuleOptions("Softplus", options, ["beta", "threshold"]);
    const { beta = 1, threshold = 20 } = options;
    checkFinite("Softplus", "beta", beta);
    checkFinite("Softplus", "threshold", threshold);
    this.beta = beta;
    this.threshold = threshold;
  }
  forward(x: Tensor): Tensor {
    checkTensor("Softplus.forward", "input", x);
    return x.softplus({ beta: this.beta, threshold: this.threshold });
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** x for x > 0, α(eˣ − 1) otherwise (torch.nn.ELU). */
export class ELU extends Module {
  readonly alpha: number;
  constructor(options: { alpha?: number } = {}) {
    super();
    checkModuleOptions("ELU", options, ["alpha"]);
    const { alpha = 1 } = options;
    checkFinite("ELU", "alpha", alpha);
    this.alpha = alpha;
  }
  forward(x: Tensor): Tensor {
    checkTensor("ELU.forward", "input", x);
    return x.elu({ alpha: this.alpha });
  }
  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}
