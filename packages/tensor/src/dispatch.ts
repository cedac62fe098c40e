import { disposedError } from "./scope.js";
import type { Tensor } from "./tensor.js";

/** Attributes of an op call: the non-tensor arguments (dims, keepdim, scalars...). */
export type Attrs = Readonly<Record<string, unknown>>;

/** One op call as seen by a dispatch hook. */
export interface OpCall {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly attrs: Attrs;
  /** True for in-place ops (`add_`, `zero_`...): the first input is also the output. */
  readonly inplace: boolean;
}

/**
 * What a layer above the tensor package (autograd, a profiler) plugs into the dispatch
 * point. `before` runs after the op's arguments were checked and before it computes (an
 * in-place op on a leaf that requires grad is rejected there); `after` sees the result.
 */
export interface DispatchHook {
  before?(call: OpCall): void;
  after?(call: OpCall, output: Tensor): void;
}

const hooks: DispatchHook[] = [];

/** Adds a hook; returns a function that removes it. */
export function addDispatchHook(hook: DispatchHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/**
 * The one dispatch point of every tensor op: `compute` produces the output from the checked
 * inputs; hooks see the call before and after. Ops that cannot carry gradients (argmax,
 * comparisons) go through here too, so a profiler counts them and autograd can mark them.
 */
export function dispatch(
  op: string,
  inputs: readonly Tensor[],
  attrs: Attrs,
  compute: () => Tensor,
  inplace = false,
): Tensor {
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i]!.isDisposed) throw disposedError(op, inputs[i]!, i);
  }
  if (hooks.length === 0) return compute();
  const call: OpCall = { op, inputs, attrs, inplace };
  for (const h of hooks) h.before?.(call);
  const out = compute();
  for (const h of hooks) h.after?.(call, out);
  return out;
}
