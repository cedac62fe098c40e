import { defaultGenerator, type Generator, rand, type Tensor, ValueError } from "@tsgrad/tensor";
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
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`Dropout: dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
    this.generator = options.generator ?? defaultGenerator;
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0);
    const keep = rand(x.shape, { generator: this.generator }).ge(this.p);
    return x.mul(keep).div(1 - this.p);
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
