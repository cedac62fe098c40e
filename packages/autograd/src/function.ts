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

/**
 * An argument of a custom function's `apply` and `forward`: tensors (those that require grad
 * get a gradient from `backward`) and plain values passed through (numbers, flags, names,
 * shapes).
 */
export type FunctionArg = Tensor | number | boolean | string | null | undefined | readonly number[];

/**
 * What `apply` calls: a subclass of {@link AutogradFunction} with its static `forward` and
 * `backward` (the `this` of the static `apply`).
 */
export interface FunctionClass {
  /** The class name, used in node names (`ExpBackward`) and messages. */
  name: string;
  /** The subclass's static forward (see {@link AutogradFunction.forward}). */
  forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor;
  /** The subclass's static backward (see {@link AutogradFunction.backward}). */
  backward(ctx: FunctionCtx, grad: Tensor): readonly (Tensor | null)[];
}

// A class of static methods on purpose: it mirrors torch.autograd.Function, and `this` in the
// static `apply` is the user's subclass, whose forward and backward it calls.
// biome-ignore-start lint/complexity/noStaticOnlyClass: see above
// biome-ignore-start lint/complexity/noThisInStatic: see above
/**
 * A custom differentiable operation, `torch.autograd.Function` (also exported as `Function`):
 * subclass it with a static `forward(ctx, ...args)` and a static `backward(ctx, grad)`, then
 * call `MyFn.apply(...args)`. Forward runs without recording its inner ops; the result gets one
 * graph node whose backward is yours.
 *
 * @example
 * ```ts
 * class Exp extends AutogradFunction {
 *   static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
 *     const y = x.exp();
 *     ctx.saveForBackward(y);
 *     return y;
 *   }
 *   static override backward(ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
 *     const [y] = ctx.savedTensors;
 *     return [grad.mul(y!)];
 *   }
 * }
 * const x = tensor([0, 1], { requiresGrad: true });
 * Exp.apply(x).sum().backward();
 * x.grad; // e^x: tensor([1.0000, 2.7183])
 * ```
 */
export class AutogradFunction {
  /**
   * Computes the output from the arguments passed to `apply` (subclasses define it; the base
   * one throws an `AutogradError`). Runs under `noGrad`; save what backward needs with
   * `ctx.saveForBackward` (tensors) or `ctx.data` (other values). Must return a tensor.
   */
  static forward(_ctx: FunctionCtx, ..._args: FunctionArg[]): Tensor {
    throw new AutogradError(
      `${this.name}.forward: subclasses of Function must define a static forward(ctx, ...args)`,
    );
  }

  /**
   * Given the gradient of the output, returns one gradient per argument of `apply`, in order
   * (null for arguments that are not tensors or need none: see `ctx.needsInputGrad`).
   * Subclasses define it; the base one throws an `AutogradError`, and so does `backward()` when
   * it returns something else than such an array.
   */
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
