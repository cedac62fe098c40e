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
 * Dropout as a function (torch.nn.functional.dropout): while `training`, zeroes each element
 * with probability `p` and scales the rest by 1/(1-p), so the expected value stays; the input
 * itself otherwise. `generator` draws the mask (default: the global one).
 */
export function dropout(
  x: Tensor,
  p = 0.5,
  training = true,
  options: { generator?: Generator } = {},
): Tensor {
  checkTensor("dropout", "input", x);
  if (typeof p !== "number") throw argError("dropout", "p", "a number", p);
  if (!(p >= 0 && p <= 1))
    throw new ValueError(`dropout: dropout probability has to be between 0 and 1, but got ${p}`);
  if (typeof training !== "boolean") throw argError("dropout", "training", "true or false", training);
  checkOptionObject("dropout", "options", options, ["generator"]);
  checkGenerator("dropout", options.generator);
  return dropoutOf("dropout", x, p, training, options.generator ?? defaultGenerator);
}

function dropoutOf(fn: string, x: Tensor, p: number, training: boolean, generator: Generator): Tensor {
  if (!training || p === 0) return x;
  // PyTorch's dropout cannot write its float result into an integer tensor either.
  if (!isFloating(x.dtype)) {
    throw new DTypeError(`${fn}: expected a floating-point input in training mode, got ${x.dtype}`);
  }
  if (p === 1) return x.mul(0);
  const keep = rand(x.shape, { generator }).ge(p);
  return x.mul(keep).div(1 - p);
}

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
    return dropoutOf("Dropout.forward", x, this.p, this.training, this.generator);
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
