// Custom differentiable functions, like torch.autograd.Function: subclass with static
// forward(ctx, ...args) and backward(ctx, grad), then call `MyFn.apply(...args)`.
import { AutogradError, argError, fmtValue, Tensor } from "@tsgrad/tensor";
import { isGradEnabled, noGrad } from "./grad-mode.js";
import { type Edge, Node } from "./node.js";

/** Per-call state shared by a Function's forward and backward. */
export class FunctionCtx {
  /** needsInputGrad[i]: whether forward argument i is a tensor that requires grad. */
  needsInputGrad: readonly boolean[] = [];
  /** Non-tensor values the backward needs (shapes, scalars...). */
  readonly data: Record<string, unknown> = {};
  private saved: Tensor[] = [];

  /** Tensors the backward reads; modifying them in place afterwards is detected. */
  saveForBackward(...tensors: Tensor[]): void {
    // Checked here: a number or null saved by mistake would otherwise surface inside backward().
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw argError("saveForBackward", `tensors[${i}]`, "a tensor", t);
    });
    this.saved = tensors;
  }

  get savedTensors(): readonly Tensor[] {
    return this.saved;
  }
}

export type FunctionArg = Tensor | number | boolean | string | null | undefined | readonly number[];

interface FunctionClass {
  name: string;
  forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor;
  backward(ctx: FunctionCtx, grad: Tensor): readonly (Tensor | null)[];
}

// A class of static methods on purpose: it mirrors torch.autograd.Function, and `this` in the
// static `apply` is the user's subclass, whose forward and backward it calls.
// biome-ignore-start lint/complexity/noStaticOnlyClass: see above
// biome-ignore-start lint/complexity/noThisInStatic: see above
export class AutogradFunction {
  static forward(_ctx: FunctionCtx, ..._args: FunctionArg[]): Tensor {
    throw new AutogradError(
      `${this.name}.forward: subclasses of Function must define a static forward(ctx, ...args)`,
    );
  }

  static backward(_ctx: FunctionCtx, _grad: Tensor): readonly (Tensor | null)[] {
    throw new AutogradError(
      `${this.name}.backward: subclasses of Function must define a static backward(ctx, grad)`,
    );
  }

  /** Runs forward without recording its inner ops, and records one node whose backward is ours. */
  static apply(this: FunctionClass, ...args: FunctionArg[]): Tensor {
    const ctx = new FunctionCtx();
    ctx.needsInputGrad = args.map((a) => a instanceof Tensor && a.requiresGrad);
    let out = noGrad(() => this.forward(ctx, ...args));
    if (!(out instanceof Tensor)) {
      throw new AutogradError(`${this.name}.forward must return a Tensor, got ${fmtValue(out)}`);
    }
    if (!isGradEnabled() || !ctx.needsInputGrad.some(Boolean)) return out;
    // Never attach a node to an argument returned as is.
    if (args.includes(out)) out = out.detach();
    const tensors = args.map((a) => (a instanceof Tensor ? a : null));
    const edges: Edge[] = tensors.map((t) => {
      if (t === null || !t.requiresGrad) return null;
      return t.gradFn instanceof Node ? { node: t.gradFn } : { leaf: t };
    });
    const name = this.name;
    const backward = this.backward.bind(this);
    out.gradFn = new Node(
      `${name}Backward`,
      edges,
      tensors.map((t) => t?.shape ?? []),
      (g) => {
        const grads: unknown = backward(ctx, g);
        if (!Array.isArray(grads)) {
          throw new AutogradError(
            `${name}.backward must return an array of gradients (one per forward argument), got ${fmtValue(grads)}`,
          );
        }
        if (grads.length !== args.length) {
          throw new AutogradError(
            `${name}.backward returned ${grads.length} gradients, expected ${args.length} (one per forward argument)`,
          );
        }
        grads.forEach((gi, i) => {
          if (gi !== null && gi !== undefined && !(gi instanceof Tensor)) {
            throw new AutogradError(
              `${name}.backward returned ${fmtValue(gi)} as gradient ${i}; expected a tensor or null`,
            );
          }
        });
        return grads as (Tensor | null)[];
      },
      ctx.savedTensors,
    );
    out.requiresGrad = true;
    return out;
  }
}
// biome-ignore-end lint/complexity/noThisInStatic: see above
// biome-ignore-end lint/complexity/noStaticOnlyClass: see above
