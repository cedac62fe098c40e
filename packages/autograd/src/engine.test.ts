// The backward engine and grad mode: accumulation, retainGraph, errors, noGrad, detach,
// in-place rules, memory.
import {
  AutogradError,
  arange,
  fmtValue,
  matmul,
  ones,
  TsgradError,
  tensor,
  ValueError,
  zeros,
} from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { enableGrad, isGradEnabled, memory, noGrad, setGradEnabled } from "./index.js";

describe("backward", () => {
  it("leaves .grad null until the first backward, then accumulates with +=", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(x.grad).toBeNull();
    x.mul(2).sum().backward();
    expect(x.grad?.toArray()).toEqual([2, 2, 2]);
    x.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([4, 6, 8]);
  });

  it("sums the gradients of a tensor used twice (and through two paths)", () => {
    const w = tensor([0.5, -1], { requiresGrad: true });
    const a = w.mul(3);
    const b = w.exp();
    a.add(b).add(w).sum().backward();
    const expected = [3 + Math.exp(0.5) + 1, 3 + Math.exp(-1) + 1];
    const got = w.grad!.toArray() as number[];
    for (let i = 0; i < 2; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
  });

  it("needs an explicit gradient for non-scalar outputs", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const y = x.mul(x);
    expect(() => y.backward()).toThrow(
      "backward: grad can be implicitly created only for scalar outputs, but the tensor has shape [2, 2]",
    );
    expect(() => y.backward(ones([3]))).toThrow(
      "backward: gradient has shape [3] but the tensor has shape [2, 2]",
    );
    y.backward(
      tensor(
        [
          [1, 0],
          [0, 1],
        ],
        { dtype: "float32" },
      ),
    );
    expect(x.grad?.toArray()).toEqual([
      [2, 0],
      [0, 8],
    ]);
  });

  it("keeps the graph with retainGraph and frees it otherwise", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.pow(2).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad?.toArray()).toEqual([4, 8]);
    expect(() => y.backward()).toThrow("trying to backward through the graph a second time");
  });

  it("explains why a tensor without grad cannot backward", () => {
    expect(() => tensor([1, 2], { dtype: "float32" }).sum().backward()).toThrow(
      "backward: element 0 of tensors does not require grad and does not have a gradFn",
    );
    const x = tensor([1, 5, 2], { requiresGrad: true });
    const i = x.argmax();
    expect(i.requiresGrad).toBe(false);
    expect(() => i.backward()).toThrow("backward: argmax is not differentiable");
    expect(x.gt(1).requiresGrad).toBe(false);
  });

  it("backward on a leaf accumulates the gradient directly", () => {
    const x = tensor(3, { requiresGrad: true });
    x.backward();
    expect(x.grad?.item()).toBe(1);
  });

  it("names graph nodes like PyTorch's grad_fn and prints them", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    expect(y.gradFn?.name).toBe("MulBackward");
    expect(y.isLeaf).toBe(false);
    expect(y.toString()).toBe("tensor([2., 4.], gradFn=<MulBackward>)");
    expect(x.toString()).toBe("tensor([1., 2.], requiresGrad=true)");
  });

  it("detects a saved tensor modified in place before backward", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(1);
    const y = h.mul(h).sum();
    noGrad(() => h.add_(1));
    expect(() => y.backward()).toThrow(
      "backward: one of the variables needed for gradient computation has been modified by an inplace operation: [float32 [2]] is at version 1; expected version 0 instead",
    );
  });
});

describe("version counters shared by views", () => {
  it("detects the base modified in place after a view of it was saved", () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const h = x.mul(1);
    const v = h.view(2, 2);
    const y = v.mul(v).sum();
    noGrad(() => h.add_(1));
    expect(() => y.backward()).toThrow(
      "has been modified by an inplace operation: [float32 [2, 2]] is at version 1; expected version 0",
    );
  });

  it("detects a view modified in place after its base was saved", () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const h = x.mul(1);
    const y = h.mul(h).sum();
    noGrad(() => h.narrow(0, 0, 2).zero_());
    expect(() => y.backward()).toThrow("has been modified by an inplace operation");
  });
});

describe("grad mode", () => {
  it("noGrad records nothing and restores the mode, even on throw", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const before = memory().liveNodes;
    const y = noGrad(() => x.mul(2).exp().sum());
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(memory().liveNodes).toBe(before);
    expect(() =>
      noGrad(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
  });

  it("enableGrad records inside noGrad", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
    expect(isGradEnabled()).toBe(true);
  });

  it("rejects async functions", () => {
    expect(() => noGrad(async () => 1)).toThrow("noGrad: fn returned a Promise");
  });
});

describe("detach and in-place", () => {
  it("detach shares storage but leaves the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    noGrad(() => d.add_(1));
    expect(y.toArray()).toEqual([3, 5]);
    y.detach_();
    expect(y.gradFn).toBeNull();
    expect(y.requiresGrad).toBe(false);
  });

  it("refuses an in-place op on a leaf that requires grad, outside noGrad", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.sub_(1)).toThrow(
      "sub_: a leaf tensor that requires grad is being used in an in-place operation",
    );
    expect(w.toArray()).toEqual([1, 2]);
    expect(() => w.zero_()).toThrow("zero_: a leaf tensor that requires grad");
  });

  it("refuses an in-place op on a view of a leaf that requires grad, in PyTorch's words", () => {
    const w = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float32" },
    ).requiresGrad_();
    const message = "a view of a leaf Variable that requires grad is being used in an in-place operation.";
    for (const [op, write] of [
      ["mul_", () => w.select(0, 0).mul_(2)],
      ["add_", () => w.t().select(0, 1).add_(1)], // a view of a view
      ["zero_", () => w.view(4).zero_()],
      ["copy_", () => w.slice(1, 0, 1).copy_(zeros([2, 1]))],
    ] as const) {
      expect(write).toThrow(AutogradError);
      expect(write).toThrow(`${op}: ${message}`);
    }
    expect(w.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // Allowed: under noGrad (an optimizer's update), and on a clone of the view.
    noGrad(() => w.select(0, 0).mul_(2));
    expect(w.toArray()).toEqual([
      [2, 4],
      [3, 4],
    ]);
    const h = w.mul(1);
    const r = h.select(0, 1).clone().mul_(3);
    r.sum().backward();
    expect(w.grad?.toArray()).toEqual([
      [0, 0],
      [3, 3],
    ]);
  });

  it("refuses an in-place op with grad on a view made under noGrad, in PyTorch's words", () => {
    const w = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float32", requiresGrad: true },
    );
    const h = w.mul(2);
    let v = w;
    let u = w;
    noGrad(() => {
      v = w.select(0, 0);
      u = h.t().select(0, 1);
    });
    for (const write of [() => v.mul_(2), () => u.add_(1), () => v.view(2).zero_()]) {
      expect(write).toThrow(AutogradError);
      expect(write).toThrow(
        "A view was created in no_grad mode and is being modified inplace with grad mode enabled.",
      );
    }
    expect(w.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // Both inside noGrad is an untracked update, as an optimizer's.
    noGrad(() => v.mul_(2));
    expect(w.toArray()).toEqual([
      [2, 4],
      [3, 4],
    ]);
    // A view of a tensor that needs no grad is written freely.
    const plain = tensor([1, 2], { dtype: "float32" });
    let p = plain;
    noGrad(() => {
      p = plain.view(2, 1);
    });
    p.mul_(3);
    expect(plain.toArray()).toEqual([3, 6]);
  });

  it("refuses an in-place op on a view of a graph tensor (PyTorch rebases its base; tsgrad does not yet)", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const h = w.mul(1);
    const write = () => h.view(2, 1).select(0, 1).mul_(3);
    expect(write).toThrow(AutogradError);
    expect(write).toThrow(
      "mul_: an in-place operation on a view of a tensor that requires grad is not supported (its base's gradient would be wrong); compute the result out of place, or clone() the view first",
    );
    expect(h.toArray()).toEqual([1, 2]);
  });

  it("its errors are AutogradErrors, which are TsgradErrors", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    for (const fail of [
      () => x.sub_(1),
      () => x.mul(2).backward(),
      () => tensor([1, 2]).sum().backward(),
      () => {
        const y = x.exp().sum();
        y.backward();
        y.backward();
      },
    ]) {
      expect(fail).toThrow(AutogradError);
      expect(fail).toThrow(TsgradError);
    }
  });

  it("the scratch sgd: update parameters in place under noGrad, zero the gradient", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(w).sum().backward();
    noGrad(() => {
      w.sub_(w.grad!.mul(0.1));
      w.grad!.zero_();
    });
    expect(w.toArray()).toEqual([0.8, 1.6].map((v) => Math.fround(v)));
    expect(w.grad?.toArray()).toEqual([0, 0]);
    expect(w.isLeaf).toBe(true);
  });

  it("refuses matmul's out= when an argument requires grad, as PyTorch; allows it under noGrad", () => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    const x = tensor([[3], [4]], { dtype: "float32" });
    const out = zeros([2, 2]);
    const message =
      "matmul: functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad";
    expect(() => matmul(x, w, { out })).toThrow(message);
    expect(() => matmul(x, w.detach(), { out: zeros([2, 2], { requiresGrad: true }) })).toThrow(message);
    expect(out.toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const r = noGrad(() => matmul(x, w, { out }));
    expect(r).toBe(out);
    expect(out.toArray()).toEqual([
      [3, 6],
      [4, 8],
    ]);
    expect(out.requiresGrad).toBe(false);
    expect(out.gradFn).toBeNull();
    // Nothing requires grad: out= runs with grad mode on, and records nothing.
    matmul(x, x.t(), { out });
    expect(out.gradFn).toBeNull();
  });

  it("in-place ops on non-leaves continue the graph", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    h.add_(1).mul_(x);
    expect(h.gradFn?.name).toBe("Mul_Backward");
    h.sum().backward();
    // h = (2x + 1) * x → dh/dx = 4x + 1
    expect(x.grad?.toArray()).toEqual([5, 9, 13]);
  });
});

describe("memory", () => {
  it("a training-like loop leaves no live nodes behind", () => {
    const w = zeros([4, 1], { requiresGrad: true });
    const X = arange(12).view(3, 4).float();
    const before = memory().liveNodes;
    for (let step = 0; step < 20; step++) {
      const loss = X.matmul(w).sub(1).pow(2).mean();
      loss.backward();
      noGrad(() => {
        w.sub_(w.grad!.mul(0.01));
        w.grad!.zero_();
      });
    }
    expect(memory().liveNodes).toBe(before);
  });
});

describe("backward's options from plain JavaScript", () => {
  const y = () => tensor([1, 2], { requiresGrad: true }).mul(2);
  it("checks the options: an object, known keys, retainGraph a boolean", () => {
    const g = ones([2]);
    expect(() => y().backward(g, true as unknown as object)).toThrow(
      "backward: options must be an object of options, got true",
    );
    expect(() => y().backward(g, ones([2]) as unknown as object)).toThrow(
      "backward: options must be an object of options, got a tensor of shape [2]",
    );
    expect(() => y().backward(g, { retainGrpah: true } as unknown as object)).toThrow(
      'backward: unknown option "retainGrpah" in options; did you mean "retainGraph"?',
    );
    const call = () => y().backward(g, { retainGraph: "yes" as unknown as boolean });
    expect(call).toThrow(ValueError);
    expect(call).toThrow('backward: retainGraph must be true or false, got "yes"');
  });
});

describe("grad mode from plain JavaScript", () => {
  it("noGrad and enableGrad need a function", () => {
    for (const name of ["noGrad", "enableGrad"] as const) {
      const f = name === "noGrad" ? noGrad : enableGrad;
      for (const [bad, shown] of [
        [undefined, "undefined"],
        [null, "null"],
        ["x", '"x"'],
        [ones([1]), "a tensor of shape [1]"],
      ] as const) {
        const call = () => f(bad as unknown as () => number);
        expect(call).toThrow(ValueError);
        expect(call).toThrow(`${name}: fn must be a function, got ${shown}`);
      }
    }
  });

  it("an async fn is a ValueError (it was a TypeError)", () => {
    expect(() => noGrad(async () => 1)).toThrow(ValueError);
  });

  it("setGradEnabled takes a boolean only, and leaves the mode unchanged otherwise", () => {
    for (const bad of [1, "false", null, undefined]) {
      const call = () => setGradEnabled(bad as unknown as boolean);
      expect(call).toThrow(ValueError);
      expect(call).toThrow(`setGradEnabled: on must be true or false, got ${fmtValue(bad)}`);
    }
    expect(isGradEnabled()).toBe(true);
    setGradEnabled(false);
    expect(isGradEnabled()).toBe(false);
    setGradEnabled(true);
  });
});
