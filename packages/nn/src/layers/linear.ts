import {
  checkBoolean,
  checkTensor,
  DTypeError,
  fmtValue,
  linear,
  type Tensor,
  ValueError,
  zeros,
} from "@tsgrad/tensor";
import { checkGenerator, checkOptionObject } from "../args.js";
import { type InitOptions, kaimingUniform_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";

/**
 * Options of {@link Linear} (PyTorch's `bias` and `dtype` keyword arguments, and a generator for
 * the initial values).
 */
export interface LinearOptions extends InitOptions {
  /** Whether the layer adds a learnable bias (default true). */
  bias?: boolean;
  /** The parameters' dtype (default "float32"). */
  dtype?: "float32" | "float64";
}

/**
 * A fully connected layer, `torch.nn.Linear`: y = x @ W.T + b with W stored [out, in] like
 * PyTorch (so the three products of training are all contiguous), initialized like PyTorch:
 * W ~ U(-1/sqrt(in), 1/sqrt(in)) via kaiming-uniform with a = sqrt(5), and
 * b ~ U(-1/sqrt(in), 1/sqrt(in)). The input is [..., inFeatures], the output
 * [..., outFeatures]. Throws a `ValueError` for feature counts that are not non-negative
 * integers, a `DTypeError` for a dtype other than float32 or float64.
 *
 * @example
 * ```ts
 * const m = new Linear(20, 30);
 * const output = m.call(randn([128, 20]));
 * output.shape; // [128, 30]
 * ```
 */
export class Linear extends Module {
  /** Size of each input sample. */
  readonly inFeatures: number;
  /** Size of each output sample. */
  readonly outFeatures: number;
  /** The learnable weight [outFeatures, inFeatures]. */
  weight: Parameter;
  /** The learnable bias [outFeatures], or null without one. */
  bias: Parameter | null;

  /** `options` may be a boolean, PyTorch's third argument: `new Linear(784, 10, false)` has no bias. */
  constructor(inFeatures: number, outFeatures: number, biasOrOptions: LinearOptions | boolean = {}) {
    super();
    for (const [arg, n] of [
      ["inFeatures", inFeatures],
      ["outFeatures", outFeatures],
    ] as const) {
      if (!Number.isInteger(n) || n < 0) {
        throw new ValueError(`Linear: ${arg} must be a non-negative integer, got ${fmtValue(n)}`);
      }
    }
    const options = typeof biasOrOptions === "boolean" ? { bias: biasOrOptions } : biasOrOptions;
    checkOptionObject("Linear", "options", options, ["bias", "dtype", "generator"]);
    const dtype = options.dtype ?? "float32";
    if (dtype !== "float32" && dtype !== "float64") {
      throw new DTypeError(`Linear: dtype must be "float32" or "float64", got ${fmtValue(dtype)}`);
    }
    if (options.bias !== undefined) checkBoolean("Linear", "bias", options.bias);
    checkGenerator("Linear", options.generator);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(zeros([outFeatures, inFeatures], { dtype }));
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator: options.generator });
    if (options.bias ?? true) {
      const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
      this.bias = new Parameter(zeros([outFeatures], { dtype }));
      uniform_(this.bias, -bound, bound, { generator: options.generator });
    } else this.bias = null;
  }

  forward(x: Tensor): Tensor {
    checkTensor("Linear.forward", "input", x);
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
