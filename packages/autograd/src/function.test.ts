// Custom differentiable functions (torch.autograd.Function).
import { AutogradError, type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { AutogradFunction, type FunctionArg, type FunctionCtx, gradcheck, memory } from "./index.js";

/** exp with a hand-written backward that reuses the forward's result. */
class MyExp extends AutogradFunction {
  static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
    const out = (args[0] as Tensor).exp();
    ctx.saveForBackward(out);
    return out;
  }
  static override backward(ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
    return [grad.mul(ctx.savedTensors[0]!)];
  }
}

/** x * k for a number k: gradients are returned per argument, null for the number. */
class Scale extends AutogradFunction {
  static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
    ctx.data.k = args[1];
    return (args[0] as Tensor).mul(args[1] as number);
  }
  static override backward(ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
    return [grad.mul(ctx.data.k as number), null];
  }
}

describe("Function", () => {
  it("records one node with the custom backward", () => {
    const x = tensor([0, 1, 2], { requiresGrad: true });
    const y = MyExp.apply(x);
    expect(y.gradFn?.name).toBe("MyExpBackward");
    y.sum().backward();
    const got = x.grad!.toArray() as number[];
    const want = [1, Math.E, Math.exp(2)];
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
  });

  it("passes gradcheck and mixes with built-in ops", () => {
    const x = tensor([0.3, -0.7], { dtype: "float64", requiresGrad: true });
    expect(gradcheck((a) => Scale.apply(MyExp.apply(a!.mul(2)), 3).sum(), [x])).toBe(true);
  });

  it("is also exported as Function, PyTorch's name", async () => {
    const m = await import("./index.js");
    expect(m.Function).toBe(AutogradFunction);
  });

  it("does not record when no argument requires grad, nor its inner ops", () => {
    const before = memory().liveNodes;
    const y = MyExp.apply(tensor([1, 2], { dtype: "float32" }));
    expect(y.requiresGrad).toBe(false);
    const x = tensor([1, 2], { requiresGrad: true });
    const z = MyExp.apply(x);
    // One node for the whole function, none for its inner exp.
    expect(memory().liveNodes).toBe(before + 1);
    z.sum().backward();
  });

  it("checks the number of gradients returned", () => {
    class Bad extends AutogradFunction {
      static override forward(_ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
        return (args[0] as Tensor).mul(1);
      }
      static override backward(_ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
        return [grad, grad];
      }
    }
    const x = tensor([1], { requiresGrad: true });
    expect(() => Bad.apply(x).sum().backward()).toThrow(
      "Bad.backward returned 2 gradients, expected 1 (one per forward argument)",
    );
  });

  it("a subclass without forward says so", () => {
    class Empty extends AutogradFunction {}
    expect(() => Empty.apply(tensor([1], { requiresGrad: true }))).toThrow(
      "Empty.forward: subclasses of Function must define a static forward(ctx, ...args)",
    );
  });

  it("a forward that returns no tensor is an AutogradError naming what it returned", () => {
    class NoTensor extends AutogradFunction {
      static override forward(): Tensor {
        return 3 as unknown as Tensor;
      }
    }
    const call = () => NoTensor.apply(tensor([1], { requiresGrad: true }));
    expect(call).toThrow(AutogradError);
    expect(call).toThrow("NoTensor.forward must return a Tensor, got 3");
  });

  it("a backward that returns no array, or a non-tensor gradient, is an AutogradError", () => {
    class NotArray extends AutogradFunction {
      static override forward(_ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
        return (args[0] as Tensor).mul(1);
      }
      static override backward(_ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
        return grad as unknown as Tensor[];
      }
    }
    const x = tensor([1], { requiresGrad: true });
    const a = () => NotArray.apply(x).sum().backward();
    expect(a).toThrow(AutogradError);
    expect(a).toThrow(
      "NotArray.backward must return an array of gradients (one per forward argument), got a tensor of shape [1]",
    );
    class StringGrad extends NotArray {
      static override backward(): (Tensor | null)[] {
        return ["1" as unknown as Tensor];
      }
    }
    const b = () => StringGrad.apply(x).sum().backward();
    expect(b).toThrow(AutogradError);
    expect(b).toThrow('StringGrad.backward returned "1" as gradient 0; expected a tensor or null');
  });

  it("saveForBackward takes tensors only", () => {
    class SavesNumber extends AutogradFunction {
      static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
        ctx.saveForBackward(args[0] as Tensor, args[1] as unknown as Tensor);
        return (args[0] as Tensor).mul(2);
      }
    }
    const call = () => SavesNumber.apply(tensor([1], { requiresGrad: true }), 2);
    expect(call).toThrow(ValueError);
    expect(call).toThrow("saveForBackward: tensors[1] must be a tensor, got 2");
  });
});
