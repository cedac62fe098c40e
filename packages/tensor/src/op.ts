/**
 * The op catalogue: every tensor op is declared once, with `defineOp`, as an `OpDef`: its
 * name, its tensor inputs, the type of its attributes (the non-tensor arguments), the rule for
 * its output dtype, and its gradient rule (null: not differentiable). The same object is what
 * `dispatch` runs (through the kernels registered for it, kernel-registry.ts) and what autograd
 * records, so an op, its kernels and its gradient are found from one place, and a rule reads
 * its attributes with their declared types.
 *
 * Kernels are registered by op name (kernel-registry.ts), as TensorFlow.js registers them, so a
 * backend adds kernels without importing the ops; `OpAttrs` maps each name to its attributes'
 * type (each op module adds its entries), which keeps a kernel's reading of them type-checked.
 *
 * In-place variants (`add_`, `clamp_`...) are derived from the out-of-place op with `inplaceOf`:
 * same inputs, attributes, dtype rule and gradient rule; autograd applies that rule to a copy
 * of the overwritten input (see @tsgrad/autograd's record.ts).
 */
import type { BackendName } from "./backends/backend.js";
import type { DType } from "./dtype.js";
import { ValueError } from "./errors.js";
import { kernelList } from "./kernel-registry.js";
import type { Tensor } from "./tensor.js";

/** Maps the gradient of an op's output to one gradient per input (null where not needed). */
export type BackwardFn = (grad: Tensor) => readonly (Tensor | null)[];

/** What a gradient rule sees when its op is recorded. */
export interface GradContext<A> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: A;
  /** needs[i]: whether input i requires a gradient (rules skip work for the others). */
  readonly needs: readonly boolean[];
  /** Marks tensors the backward reads, so that modifying them in place later is detected. */
  save<T extends Tensor[]>(...tensors: T): T;
}

/**
 * A gradient rule: called when the op is recorded, returns the backward function. Returned
 * gradients may have the broadcast shape; the engine sums them back to each input's shape.
 */
export type GradRule<A> = {
  // Method syntax makes the rule bivariant in A, so an OpDef<{ dim: number }> is an OpDef (of
  // unknown attributes) for hooks and the catalogue, while each rule reads its own attributes.
  /** Called when the op is recorded; returns the backward function. */
  rule(ctx: GradContext<A>): BackwardFn;
}["rule"];

/** One op call as dispatch, its kernels and its hooks see it. */
export interface OpCall<A = unknown> {
  readonly def: OpDef<A>;
  /** The op's name (`def.name`), for hooks and messages. */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly attrs: A;
  /** True for in-place ops (`add_`, `zero_`...): the first input is also the output. */
  readonly inplace: boolean;
}

/**
 * A kernel: one way to compute an op on one backend. `accepts` is its static rule (dtype,
 * layout, size); `run` computes, and returns null only when a resource failed at run time
 * (wasm memory that could not grow), in which case the next kernel runs.
 */
export interface Kernel<A = unknown> {
  /** The backend it runs on: "js" or "wasm". */
  readonly backend: BackendName;
  /**
   * Runs whichever backend is selected, where `accepts` takes the call: for kernels that
   * accept only inputs already living in their backend's memory (rowsAsFloat on images in a
   * wasm workspace), which exists only where that backend loaded. Like PyTorch, whose
   * kernel follows the tensor's device. Default false: the kernel runs when its backend does.
   */
  readonly followsData?: boolean;
  /** Shown by `kernelsOf` (tests, profilers): which kernel this is. */
  readonly name: string;
  /**
   * Whether this kernel computes `call` (its dtype, layout, size...): dispatch runs the first
   * kernel that accepts.
   */
  accepts(call: OpCall<A>): boolean;
  /** Computes `call`'s output; null only when a resource failed at run time (the next kernel then runs). */
  run(call: OpCall<A>): Tensor | null;
}

/**
 * The attributes' type of every op, by name: each op module adds its ops' entries with
 * `declare module "../op.js" { interface OpAttrs { ... } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the op modules
export interface OpAttrs {}

/** The name of a declared op: a key of {@link OpAttrs} (`"add"`, `"sum"`, `"matmul"`...). */
export type OpName = keyof OpAttrs & string;

/** Attributes of an op that has none. */
export type NoAttrs = Readonly<Record<string, never>>;

/** What an op declares. */
export interface OpSpec<A> {
  readonly name: OpName;
  /** Names of the tensor inputs, in order; a name ending in "..." takes the rest (cat). */
  readonly inputs: readonly string[];
  /** The output's dtype. */
  dtype(inputs: readonly Tensor[], attrs: A): DType;
  /** The gradient rule; null for ops whose outputs carry no gradient (argmax, comparisons). */
  readonly grad: GradRule<A> | null;
  /** Writes into a tensor the caller passed (matmul's out=): never recorded, like PyTorch. */
  readonly writesOut?: boolean;
  /** An in-place op with no out-of-place form (an optimizer's update): writes its first input. */
  readonly inplace?: boolean;
}

/**
 * A declared op, as {@link defineOp} and {@link inplaceOf} return it: its spec, whether it is
 * in place, the op it was derived from, and its registered kernels. Pass it to {@link dispatch}.
 */
export interface OpDef<A = unknown> extends OpSpec<A> {
  /** Whether the op writes its first input (`add_`, `zero_`...). */
  readonly inplace: boolean;
  /** The out-of-place op an in-place one was derived from. */
  readonly base: OpDef<A> | null;
  /** Registered kernels, most specialised backend first (see kernel-registry.ts). */
  readonly kernels: Kernel<A>[];
}

const catalogue = new Map<string, OpDef>();

function add<A>(def: OpDef<A>): OpDef<A> {
  if (catalogue.has(def.name)) throw new ValueError(`defineOp: op '${def.name}' is declared twice`);
  catalogue.set(def.name, def);
  return def;
}

/** Declares op `N`; its kernels are registered by name (kernel-registry.ts). */
export function defineOp<N extends OpName>(
  spec: OpSpec<OpAttrs[N]> & { readonly name: N },
): OpDef<OpAttrs[N]> {
  return add<OpAttrs[N]>({
    ...spec,
    writesOut: spec.writesOut ?? false,
    inplace: spec.inplace ?? false,
    base: null,
    kernels: kernelList(spec.name),
  });
}

/** The in-place variant of an out-of-place op: same contract, first input overwritten. */
export function inplaceOf<N extends OpName, A extends OpAttrs[N]>(base: OpDef<A>, name: N): OpDef<A> {
  return add<A>({
    name,
    inputs: base.inputs,
    dtype: (inputs) => inputs[0]!.dtype,
    grad: base.grad,
    writesOut: false,
    inplace: true,
    base,
    kernels: kernelList(name),
  });
}

/** Every declared op, by name (for tests and tools; dispatch never looks ops up by name). */
export function catalogueOps(): ReadonlyMap<string, OpDef> {
  return catalogue;
}
