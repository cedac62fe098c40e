// The extension API as exported (defineOp, inplaceOf, registerKernel, dispatch,
// addDispatchHook, candidateKernels): each checks its arguments, then calls the function the op
// modules call directly, so that the checks stay off the path every op call takes.
import { argError, checkFunction, checkString, checkTensors } from "./args.js";
import { addDispatchHook as addHook, type DispatchHook, dispatch as run } from "./dispatch.js";
import { fmtValue, ValueError } from "./errors.js";
import { candidateKernels as candidates, registerKernel as register } from "./kernel-registry.js";
import {
  catalogueOps,
  defineOp as define,
  inplaceOf as derive,
  type Kernel,
  type OpAttrs,
  type OpCall,
  type OpDef,
  type OpName,
  type OpSpec,
} from "./op.js";
import { checkOptions } from "./options.js";
import type { Tensor } from "./tensor.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `def` is an op of the catalogue (what defineOp returned), not a look-alike. */
function checkDef(fn: string, arg: string, def: unknown): asserts def is OpDef {
  const name = isObject(def) ? def.name : undefined;
  if (typeof name !== "string" || catalogueOps().get(name) !== def) {
    throw argError(fn, arg, "an op returned by defineOp or inplaceOf", def);
  }
}

/** The tensor inputs of a call of `def`: as many as it declares (a "..." input takes the rest). */
function checkInputs(fn: string, def: OpDef, inputs: unknown): void {
  checkTensors(fn, "inputs", inputs);
  const rest = def.inputs.some((n) => n.endsWith("..."));
  const fixed = def.inputs.length - (rest ? 1 : 0);
  if (rest ? inputs.length < fixed : inputs.length !== fixed) {
    throw new ValueError(
      `${fn}: ${def.name} takes ${rest ? "at least " : ""}${fixed} tensor inputs (${def.inputs.join(", ")}), got ${inputs.length}`,
    );
  }
}

/**
 * Declares a new op `N` in the catalogue (the extension API; PyTorch's counterpart is
 * registering an operator with `torch.library`): its name, tensor inputs, output-dtype rule and
 * gradient rule (null: not differentiable). Declare its attributes' type first by adding `N` to
 * {@link OpAttrs}; then register kernels with {@link registerKernel} and run it with
 * {@link dispatch}. Throws a `ValueError` for a malformed spec or a name declared twice.
 */
export function defineOp<N extends OpName>(
  spec: OpSpec<OpAttrs[N]> & { readonly name: N },
): OpDef<OpAttrs[N]> {
  if (!isObject(spec)) throw argError("defineOp", "spec", "an object { name, inputs, dtype, grad }", spec);
  checkString("defineOp", "name", spec.name);
  if (!Array.isArray(spec.inputs) || !spec.inputs.every((n) => typeof n === "string")) {
    throw argError("defineOp", "inputs", "an array of input names", spec.inputs);
  }
  checkFunction("defineOp", "dtype", spec.dtype);
  if (spec.grad !== null) checkFunction("defineOp", "grad", spec.grad);
  return define(spec);
}

/**
 * Declares `name` as the in-place variant of `base` (`add_` of `add`): same inputs, attributes
 * and gradient rule, the first input overwritten with the result. Throws a `ValueError` when
 * `base` is not a declared op or `name` is taken.
 */
export function inplaceOf<N extends OpName, A extends OpAttrs[N]>(base: OpDef<A>, name: N): OpDef<A> {
  checkDef("inplaceOf", "base", base);
  checkString("inplaceOf", "name", name);
  return derive(base, name);
}

/**
 * Adds a kernel (one way to compute op `name` on the "js" or "wasm" backend) to the op's list:
 * before the js kernels, after other kernels of its backend; dispatch runs the first that
 * accepts a call. Throws a `ValueError` for a malformed kernel.
 */
export function registerKernel<N extends OpName>(name: N, kernel: Kernel<OpAttrs[N]>): void {
  checkString("registerKernel", "name", name);
  if (!isObject(kernel))
    throw argError("registerKernel", "kernel", "an object { backend, name, accepts, run }", kernel);
  if (kernel.backend !== "js" && kernel.backend !== "wasm") {
    throw new ValueError(
      `registerKernel: kernel.backend must be "js" or "wasm", got ${fmtValue(kernel.backend)}`,
    );
  }
  checkString("registerKernel", "kernel.name", kernel.name);
  checkFunction("registerKernel", "kernel.accepts", kernel.accepts);
  checkFunction("registerKernel", "kernel.run", kernel.run);
  register(name, kernel);
}

/** Runs op `def` on `inputs` through its kernels and hooks (see dispatch.ts). */
export function dispatch<A>(def: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  checkDef("dispatch", "def", def);
  checkInputs("dispatch", def, inputs);
  if (!isObject(attrs)) throw argError("dispatch", "attrs", "an object of the op's attributes", attrs);
  return run(def, inputs, attrs);
}

/**
 * Adds a hook that sees every op call (before and/or after it computes), as autograd and
 * profilers do, like PyTorch's dispatcher hooks; returns a function that removes it. Throws a
 * `ValueError` for a hook with other keys than `before` and `after`, or ones that are not
 * functions.
 */
export function addDispatchHook(hook: DispatchHook): () => void {
  if (!isObject(hook)) throw argError("addDispatchHook", "hook", "an object { before?, after? }", hook);
  checkOptions("addDispatchHook", "hook", hook, ["before", "after"]);
  if (hook.before !== undefined) checkFunction("addDispatchHook", "hook.before", hook.before);
  if (hook.after !== undefined) checkFunction("addDispatchHook", "hook.after", hook.after);
  return addHook(hook);
}

/**
 * The names of the kernels `call` could run on, in the order dispatch tries them (for tests
 * and profilers: which kernel an op would use).
 */
export function candidateKernels<A>(call: OpCall<A>): string[] {
  if (!isObject(call))
    throw argError("candidateKernels", "call", "an op call { def, op, inputs, attrs, inplace }", call);
  checkDef("candidateKernels", "call.def", call.def);
  checkInputs("candidateKernels", call.def as OpDef, call.inputs);
  return candidates(call);
}
