// The dispatch hook that records the graph: every op on a tensor that requires grad gets a
// Node holding its gradient rule's backward function.
import type { DispatchHook, OpCall, Tensor, TypedArray } from "@tsgrad/tensor";
import { isGradEnabled, noGrad } from "./grad-mode.js";
import { type Edge, Node } from "./node.js";
import { NON_DIFFERENTIABLE, RULES } from "./rules/index.js";
import type { RuleContext } from "./rules/types.js";

/** Tensors produced by a non-differentiable op from inputs that required grad, and that op. */
export const nonDifferentiableOrigin = new WeakMap<Tensor, string>();

/** In-place ops prepare their node before the op overwrites its input. */
const pending = new WeakMap<OpCall, Node>();

function edgeOf(t: Tensor): Edge {
  if (!t.requiresGrad) return null;
  return t.gradFn instanceof Node ? { node: t.gradFn } : { leaf: t };
}

function makeNode(call: OpCall, output: Tensor): Node {
  const rule = RULES[call.op];
  if (rule === undefined) {
    throw new Error(
      `autograd: no gradient rule for op '${call.op}' (a tsgrad bug: every differentiable op needs one)`,
    );
  }
  const saved: Tensor[] = [];
  const ctx: RuleContext = {
    inputs: call.inputs,
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
    call.inputs.map(edgeOf),
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

/** An op writing into an `out=` tensor (matmul(a, b, { out })): like PyTorch, never recorded. */
function isOutCall(call: OpCall): boolean {
  return call.inplace && call.attrs.out === true;
}

export const recordHook: DispatchHook = {
  before(call) {
    if (!call.inplace || !isGradEnabled()) return;
    if (isOutCall(call)) {
      if (call.inputs.some((t) => t.requiresGrad)) {
        throw new Error(
          `${call.op}: functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad; call it inside noGrad(() => ...) or without out`,
        );
      }
      return;
    }
    const self = call.inputs[0]!;
    if (self.requiresGrad && self.gradFn === null) {
      throw new Error(
        `${call.op}: a leaf tensor that requires grad is being used in an in-place operation; do the update inside noGrad(() => ...)`,
      );
    }
    if (call.inputs.some((t) => t.requiresGrad)) pending.set(call, makeNode(call, self));
  },
  after(call, out) {
    if (fresh !== null && !call.inplace && call.inputs.every((t) => t.storage !== out.storage)) {
      fresh.add(out.storage);
    }
    if (!isGradEnabled() || isOutCall(call)) return;
    if (call.inplace) {
      const node = pending.get(call);
      if (node !== undefined) {
        pending.delete(call);
        out.gradFn = node;
        out.requiresGrad = true;
      }
      return;
    }
    if (!call.inputs.some((t) => t.requiresGrad)) return;
    if (NON_DIFFERENTIABLE.has(call.op)) {
      nonDifferentiableOrigin.set(out, call.op);
      return;
    }
    out.gradFn = makeNode(call, out);
    out.requiresGrad = true;
  },
};
