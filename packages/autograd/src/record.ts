// The dispatch hook that records the graph: every op on a tensor that requires grad gets a
// Node holding the backward function of its catalogue entry's gradient rule (`call.def.grad`).
import {
  AutogradError,
  type DispatchHook,
  type GradContext,
  type OpCall,
  type Tensor,
  type TypedArray,
} from "@tsgrad/tensor";
import { isGradEnabled, noGrad } from "./grad-mode.js";
import { type Edge, Node } from "./node.js";

/** Tensors produced by a non-differentiable op from inputs that required grad, and that op. */
export const nonDifferentiableOrigin = new WeakMap<Tensor, string>();

/**
 * Views (results that share their input's storage) of tensors that require grad, made while
 * grad mode is on, and whether their base is a leaf. Writing one in place changes the base
 * behind autograd's back: for a leaf PyTorch refuses, and for a graph tensor it rebases the
 * base's history (CopySlices), which tsgrad does not do yet, so it refuses too rather than
 * give the base's later uses a wrong gradient.
 */
const viewBaseIsLeaf = new WeakMap<Tensor, boolean>();

/**
 * Views of tensors that require grad made under noGrad: written in place with grad mode on,
 * the write would be recorded on a tensor cut from its base's graph. PyTorch forbids it.
 */
const noGradViews = new WeakSet<Tensor>();

/** In-place ops: the overwritten input's old values, copied before the op runs. */
const pending = new WeakMap<OpCall, Tensor>();

function edgeOf(t: Tensor): Edge {
  if (!t.requiresGrad) return null;
  return t.gradFn instanceof Node ? { node: t.gradFn } : { leaf: t };
}

/**
 * The node of a recorded call. An in-place op's rule is its out-of-place op's, applied to a
 * copy of the overwritten input (`before`) and the written tensor as the output; the edges
 * still point at the input as it was (its node or leaf), which the caller read beforehand.
 */
function makeNode(call: OpCall, output: Tensor, inputs: readonly Tensor[], edges: readonly Edge[]): Node {
  const rule = call.def.grad!;
  const saved: Tensor[] = [];
  const ctx: GradContext<unknown> = {
    inputs,
    output,
    attrs: call.attrs,
    needs: call.inputs.map((t) => t.requiresGrad),
    save: (...tensors) => {
      saved.push(...tensors);
      return tensors;
    },
  };
  // Rules may compute (masks, clones of overwritten values): never record that.
  const backward = noGrad(() => rule(ctx));
  return new Node(
    `${call.op[0]!.toUpperCase()}${call.op.slice(1)}Backward`,
    edges,
    call.inputs.map((t) => t.shape),
    backward,
    saved,
  );
}

/**
 * While a backward pass runs (engine.ts), the storages that ops allocate: an op's output whose
 * storage is none of its inputs' is a new array that nothing but that output holds yet. The
 * engine hands such a gradient to a leaf's `.grad` without copying it.
 */
let fresh: WeakSet<TypedArray> | null = null;

export function collectFreshStorages(into: WeakSet<TypedArray> | null): void {
  fresh = into;
}

/** Edges of an in-place call, taken before it runs (it makes its first input a graph node). */
const pendingEdges = new WeakMap<OpCall, Edge[]>();

export const recordHook: DispatchHook = {
  before(call) {
    if (!call.inplace || !isGradEnabled()) return;
    if (call.def.writesOut) {
      if (call.inputs.some((t) => t.requiresGrad)) {
        // Named as the user called it: `matmul.out` is matmul's out= overload.
        throw new AutogradError(
          `${call.op.split(".")[0]}: functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad; call it inside noGrad(() => ...) or without out`,
        );
      }
      return;
    }
    const self = call.inputs[0]!;
    if (self.requiresGrad && self.gradFn === null) {
      throw new AutogradError(
        `${call.op}: a leaf tensor that requires grad is being used in an in-place operation; do the update inside noGrad(() => ...)`,
      );
    }
    if (noGradViews.has(self)) {
      // PyTorch's words.
      throw new AutogradError(
        `${call.op}: A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the noGrad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).`,
      );
    }
    const leafBase = viewBaseIsLeaf.get(self);
    if (leafBase === true) {
      // PyTorch's words.
      throw new AutogradError(
        `${call.op}: a view of a leaf Variable that requires grad is being used in an in-place operation.`,
      );
    }
    if (leafBase === false) {
      throw new AutogradError(
        `${call.op}: an in-place operation on a view of a tensor that requires grad is not supported (its base's gradient would be wrong); compute the result out of place, or clone() the view first`,
      );
    }
    if (!call.inputs.some((t) => t.requiresGrad)) return;
    if (call.def.grad === null) {
      throw new AutogradError(
        `${call.op}: this in-place op is not differentiable; call it inside noGrad(() => ...)`,
      );
    }
    pendingEdges.set(call, call.inputs.map(edgeOf));
    // The rule may read the old values, which the op is about to overwrite.
    pending.set(
      call,
      noGrad(() => self.clone()),
    );
  },
  after(call, out) {
    if (fresh !== null && !call.inplace && call.inputs.every((t) => t.storage !== out.storage)) {
      fresh.add(out.storage);
    }
    if (call.def.writesOut) return;
    const base = call.inputs[0];
    const isView = !call.inplace && base !== undefined && out !== base && out.storage === base.storage;
    // A view of a noGrad view is one too, whatever the mode.
    if (isView && (noGradViews.has(base) || (!isGradEnabled() && base.requiresGrad))) noGradViews.add(out);
    if (!isGradEnabled()) return;
    if (call.inplace) {
      const old = pending.get(call);
      const edges = pendingEdges.get(call);
      if (old === undefined || edges === undefined) return;
      pending.delete(call);
      pendingEdges.delete(call);
      out.gradFn = makeNode(call, out, [old, ...call.inputs.slice(1)], edges);
      out.requiresGrad = true;
      return;
    }
    if (!call.inputs.some((t) => t.requiresGrad)) return;
    if (call.def.grad === null) {
      nonDifferentiableOrigin.set(out, call.op);
      return;
    }
    out.gradFn = makeNode(call, out, call.inputs, call.inputs.map(edgeOf));
    out.requiresGrad = true;
    if (isView && base.requiresGrad) {
      viewBaseIsLeaf.set(out, viewBaseIsLeaf.get(base) ?? base.gradFn === null);
    }
  },
};
