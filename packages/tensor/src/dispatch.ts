import { ValueError } from "./errors.js";
import { runKernels } from "./kernel-registry.js";
import type { OpCall, OpDef } from "./op.js";
import { disposedError } from "./scope.js";
import type { Tensor } from "./tensor.js";

/**
 * What a layer above the tensor package (autograd, a profiler) plugs into the dispatch point.
 * `before` runs after the op's arguments were checked and before it computes (an in-place op
 * on a leaf that requires grad is rejected there); `after` sees the result.
 */
export interface DispatchHook {
  /**
   * Called with each op call after its arguments were checked, before it computes; may throw to reject it.
   */
  before?(call: OpCall): void;
  /** Called with each op call and its output, after it computed. */
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
 * The one dispatch point of every tensor op: checks that no input was disposed, shows the
 * call to the hooks, runs it on the first registered kernel that accepts it
 * (kernel-registry.ts), and bumps the version of an input it wrote. Ops that cannot carry
 * gradients (argmax, comparisons) go through here too, so a profiler counts them and autograd
 * can mark them.
 */
export function dispatch<A>(def: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i]!.isDisposed) throw disposedError(def.name, inputs[i]!, i);
  }
  const call: OpCall<A> = {
    def,
    op: def.name,
    inputs,
    attrs,
    inplace: def.inplace || def.writesOut === true,
  };
  if (hooks.length === 0) return run(call);
  for (const h of hooks) h.before?.(call);
  const out = run(call);
  for (const h of hooks) h.after?.(call, out);
  return out;
}

function run<A>(call: OpCall<A>): Tensor {
  let out: Tensor;
  try {
    out = runKernels(call);
  } catch (e) {
    throw e instanceof RangeError && /array (buffer )?(length|allocation)/i.test(e.message)
      ? new ValueError(`${call.op}: cannot allocate memory for the result: ${e.message}`)
      : e;
  }
  // A write into an input (in-place ops, out=) is seen by autograd's saved-tensor checks.
  if (call.inplace) call.inputs[0]!.version++;
  return out;
}
