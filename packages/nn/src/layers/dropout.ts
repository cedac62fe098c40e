import {
  argError,
  checkTensor,
  DTypeError,
  defaultGenerator,
  type Generator,
  isFloating,
  rand,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { checkGenerator, checkOptionObject } from "../args.js";
import { Module } from "../module.js";

/**
 * Zeroes each element with probability p during training and scales the rest by 1/(1-p);
 * the identity in eval mode.
 */
export class Dropout extends Module {
  readonly p: number;
  readonly generator: Generator;
  constructor(p = 0.5, options: { generator?: Generator } = {}) {
    super();
    // typeof first: a string such as "0.5" would pass the range test by coercion.
    if (typeof p !== "number") throw argError("Dropout", "p", "a number", p);
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`Dropout: dropout probability has to be between 0 and 1, but got ${p}`);
    checkOptionObject("Dropout", "options", options, ["generator"]);
    checkGenerator("Dropout", options.generator);
    this.p = p;
    this.generator = options.generator ?? defaultGenerator;
  }
  forward(x: Tensor): Tensor {
    checkTensor("Dropout.forward", "input", x);
    if (!this.training || this.p === 0) return x;
    // PyTorch's dropout cannot write its float result into an integer tensor either.
    if (!isFloating(x.dtype)) {
      throw new DTypeError(
        `Dropout.forward: expected a floating-point input in training mode, got ${x.dtype}`,
      );
    }
    if (this.p === 1) return x.mul(0);
    const keep = rand(x.shape, { generator: this.generator }).ge(this.p);
    return x.mul(keep).div(1 - this.p);
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
