import { isGradEnabled } from "@tsgrad/autograd";
import { type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { type Batch, evaluateAccuracy } from "./evaluate-accuracy.js";

/** A module-like net in the shape of @tsgrad/nn's Module (metrics must not import nn). */
class FakeModule {
  training = true;
  readonly children: FakeModule[] = [];
  readonly seen: { training: boolean; grad: boolean }[] = [];
  constructor(
    readonly weight: Tensor | null = null,
    children: FakeModule[] = [],
  ) {
    this.children = children;
  }
  *modules(): Generator<FakeModule> {
    yield this;
    for (const c of this.children) yield* c.modules();
  }
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  forward(x: Tensor): Tensor {
    this.seen.push({ training: this.training, grad: isGradEnabled() });
    // In training mode predict garbage (like dropout gone wild); in eval mode x @ W.
    if (this.training) return x.mul(0).add(1).sum(1);
    return x.matmul(this.weight!);
  }
}

const W = tensor(
  [
    [1, 0],
    [0, 1],
  ],
  { dtype: "float32", requiresGrad: true },
);
// Predictions argmax(x @ W) = argmax(x): [0, 1, 1] for batch 1, [0, 0] for batch 2.
const batches: Batch[] = [
  [
    tensor(
      [
        [2, 1],
        [0, 3],
        [1, 5],
      ],
      { dtype: "float32" },
    ),
    tensor([0, 1, 0]),
  ],
  [
    tensor(
      [
        [4, 1],
        [3, 2],
      ],
      { dtype: "float32" },
    ),
    tensor([0, 1]),
  ],
];

describe("evaluateAccuracy", () => {
  it("runs in eval mode without grad, returns correct / total, and restores every module's mode", () => {
    const child = new FakeModule();
    const net = new FakeModule(W, [child]);
    child.training = false; // mixed modes come back exactly
    expect(evaluateAccuracy(net, batches)).toBe(3 / 5);
    expect(net.seen).toEqual([
      { training: false, grad: false },
      { training: false, grad: false },
    ]);
    expect(net.training).toBe(true);
    expect(child.training).toBe(false);
    expect(isGradEnabled()).toBe(true);
  });

  it("leaves a net in eval mode in eval mode", () => {
    const net = new FakeModule(W).eval();
    evaluateAccuracy(net, batches);
    expect(net.training).toBe(false);
  });

  it("records no graph even though the weights require grad", () => {
    let out: Tensor | null = null;
    evaluateAccuracy((x) => {
      out = x.matmul(W);
      return out;
    }, batches);
    expect(out!.requiresGrad).toBe(false);
    expect(out!.gradFn).toBeNull();
  });

  it("takes a plain function (d2l's scratch net) and any iterable", () => {
    function* gen(): Generator<Batch> {
      yield* batches;
    }
    expect(evaluateAccuracy((x) => x.matmul(W), gen())).toBe(3 / 5);
  });

  it("takes an async iterable and returns a promise; the mode is restored after it settles", async () => {
    async function* gen(): AsyncGenerator<Batch> {
      for (const b of batches) {
        await Promise.resolve();
        yield b;
      }
    }
    const net = new FakeModule(W);
    const pending = evaluateAccuracy(net, gen());
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe(3 / 5);
    expect(net.training).toBe(true);
    expect(net.seen.every((s) => !s.training && !s.grad)).toBe(true);
  });

  it("restores the mode when the forward pass throws", () => {
    const net = new FakeModule(null);
    expect(() => evaluateAccuracy(net, batches)).toThrow();
    expect(net.training).toBe(true);
    expect(isGradEnabled()).toBe(true);
  });

  it("rejects empty data and things that are not iterables of pairs", () => {
    expect(() => evaluateAccuracy((x) => x, [])).toThrow("evaluateAccuracy: dataIter yielded no examples");
    expect(() => evaluateAccuracy((x) => x, 3 as unknown as Batch[])).toThrow(
      "evaluateAccuracy: dataIter must be an iterable or async iterable of [X, y] pairs",
    );
    expect(() => evaluateAccuracy((x) => x, [tensor([1])] as unknown as Batch[])).toThrow(
      "evaluateAccuracy: dataIter must yield [X, y] pairs",
    );
  });
});

describe("evaluateAccuracy from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const pairs: Batch[] = [[tensor([[0.1, 0.9]]), tensor([1])]];

  it("names a net, dataIter or batch of the wrong kind", () => {
    expect(() => evaluateAccuracy(js("net"), pairs)).toThrowError(ValueError);
    expect(() => evaluateAccuracy(js("net"), pairs)).toThrowError(
      /^evaluateAccuracy: net must be a function or a module \(an object with forward\), got "net"$/,
    );
    expect(() => evaluateAccuracy(js({}), pairs)).toThrowError("got an object");
    expect(() => evaluateAccuracy((x) => x, js(undefined))).toThrowError(ValueError);
    expect(() => evaluateAccuracy((x) => x, js(undefined))).toThrowError(
      /^evaluateAccuracy: dataIter must be an iterable or async iterable of \[X, y\] pairs, got undefined$/,
    );
    expect(() => evaluateAccuracy((x) => x, js("ab"))).toThrowError('got "ab"');
    expect(() => evaluateAccuracy((x) => x, js([[tensor([1]), [1]]]))).toThrowError(
      /^evaluateAccuracy: dataIter must yield \[X, y\] pairs of tensors, got \[a tensor of shape \[1\], \[1\]\]$/,
    );
    expect(() => evaluateAccuracy(() => js(0.5), pairs)).toThrowError(
      /^evaluateAccuracy: net must return a tensor, got 0\.5$/,
    );
  });

  it("rejects (never throws) for an async dataIter", async () => {
    async function* batches() {
      yield* pairs;
    }
    const result = evaluateAccuracy(js(null), batches());
    await expect(result).rejects.toThrowError(ValueError);
    await expect(evaluateAccuracy(js(null), batches())).rejects.toThrowError(
      "evaluateAccuracy: net must be a function or a module (an object with forward), got null",
    );
  });
});
