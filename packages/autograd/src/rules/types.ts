import type { Attrs, Tensor } from "@tsgrad/tensor";
import type { BackwardFn } from "../node.js";

/** What a gradient rule sees when its op is recorded. */
export interface RuleContext {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: Attrs;
  /** needs[i]: whether input i requires a gradient (rules skip work for the others). */
  readonly needs: readonly boolean[];
  /** Marks tensors the backward reads, so that modifying them in place is detected. */
  save<T extends Tensor[]>(...tensors: T): T;
}

/**
 * A gradient rule: called when the op is recorded, returns the backward function that maps
 * the output's gradient to one gradient per input (null where not needed). Returned
 * gradients may have the broadcast shape; the engine sums them back to each input's shape.
 */
export type Rule = (ctx: RuleContext) => BackwardFn;
