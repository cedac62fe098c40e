// The engine hands a gradient to `.grad` without copying it when nothing else can hold it
// (engine.ts, `accumulate`), as PyTorch's AccumulateGrad does. These tests pin down when it
// must still copy: a gradient shared between leaves or with a pending node, the caller's own
// gradient, a tensor a custom Function saved; and that it does not copy in a linear layer.
import { addDispatchHook, linear, randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { AutogradFunction, type FunctionArg, type FunctionCtx } from "./index.js";

/** How many `clone` ops run inside `fn`. */
function clonesIn(fn: () => void): number {
  let n = 0;
  const remove = addDispatchHook({ after: (call) => void (call.op === "clone" && n++) });
  try {
    fn();
  } finally {
    remove();
  }
  return n;
}

describe("gradient ownership", () => {
  it("keeps a linear layer's weight and bias gradients without copying them", () => {
    // (A transposed weight view, x.matmul(w.t()), delivers a transposed gradient: copied.)
    const w = randn([3, 4]).requiresGrad_();
    const b = randn([3]).requiresGrad_();
    const x = randn([5, 4]);
    expect(clonesIn(() => linear(x, w, b).square().sum().backward())).toBe(0);
    const want = x.matmul(w.detach().t()).add(b.detach()).mul(2).t().matmul(x);
    expect(w.grad!.sub(want).abs().max().item()).toBeLessThan(1e-5);
  });

  it("gives two leaves fed by one gradient (add's rule returns it twice) arrays of their own", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    a.add(b)
      .mul(tensor([5, 7]))
      .sum()
      .backward();
    expect(a.grad!.storage).not.toBe(b.grad!.storage);
    a.grad!.zero_();
    expect(b.grad!.toArray()).toEqual([5, 7]);
  });

  it("sums correctly when the gradient a leaf kept also flows on to a node (x + 2x)", () => {
    const x = tensor([1, -2, 3], { requiresGrad: true });
    x.add(x.mul(2))
      .mul(tensor([1, 10, 100]))
      .sum()
      .backward();
    expect(x.grad!.toArray()).toEqual([3, 30, 300]);
    // And again: the second pass adds in place into the kept array.
    x.add(x.mul(2))
      .mul(tensor([1, 10, 100]))
      .sum()
      .backward();
    expect(x.grad!.toArray()).toEqual([6, 60, 600]);
  });

  it("does not keep an array that a node still has to read (a Function that scales its gradient in place)", () => {
    class Twice extends AutogradFunction {
      static override forward(_ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
        return (args[0] as Tensor).mul(2);
      }
      static override backward(_ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
        return [grad.mul_(2)];
      }
    }
    // add's rule hands one fresh array (3·g from the mul) to the leaf x and to Twice's node.
    const x = tensor([1, 2], { requiresGrad: true });
    x.add(Twice.apply(x)).mul(3).sum().backward(); // d/dx 3·(x + 2x) = 9
    expect(x.grad!.toArray()).toEqual([9, 9]);
  });

  it("never keeps the caller's gradient or a view of it", () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const gradient = tensor([
      [1, 2],
      [3, 4],
    ]).float();
    x.reshape(2, 2).backward(gradient);
    x.grad!.add_(10);
    expect(gradient.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("never keeps a tensor that a custom Function saved and returns as its gradient", () => {
    const scale = tensor([2, 3]).float();
    class Scale extends AutogradFunction {
      static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
        ctx.saveForBackward(scale);
        return (args[0] as Tensor).mul(scale);
      }
      static override backward(ctx: FunctionCtx): (Tensor | null)[] {
        return [ctx.savedTensors[0]!];
      }
    }
    const x = tensor([1, 1], { requiresGrad: true });
    Scale.apply(x).sum().backward();
    x.grad!.zero_();
    expect(scale.toArray()).toEqual([2, 3]);
  });

  it("accumulates over passes with retainGraph", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = w.mul(w).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(w.grad!.toArray()).toEqual([4, 8]);
  });
});
