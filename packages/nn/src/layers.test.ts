import { gradcheck, noGrad } from "@tsgrad/autograd";
import {
  DTypeError,
  Generator,
  manualSeed,
  ones,
  randn,
  type Tensor,
  tensor,
  ValueError,
} from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  Dropout,
  Flatten,
  Identity,
  Linear,
  LogSoftmax,
  type Module,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
} from "./index.js";

describe("Linear", () => {
  it("stores weight [out, in] and computes x @ W.T + b", () => {
    const lin = new Linear(3, 2);
    expect(lin.weight.shape).toEqual([2, 3]);
    expect(lin.bias?.shape).toEqual([2]);
    const x = tensor([[1, 2, 3]], { dtype: "float32" });
    const want = noGrad(() => x.matmul(lin.weight.t()).add(lin.bias!));
    const got = lin.forward(x).toArray() as number[][];
    const w = (want.toArray() as number[][])[0]!;
    for (let j = 0; j < w.length; j++) expect(got[0]![j]).toBeCloseTo(w[j]!, 5);
    expect(lin.forward(ones([4, 5, 3])).shape).toEqual([4, 5, 2]);
  });

  it("initializes like PyTorch: both in U(-1/sqrt(in), 1/sqrt(in)), seedable", () => {
    const lin = new Linear(784, 10, { generator: new Generator(1) });
    const bound = 1 / Math.sqrt(784);
    expect(lin.weight.abs().max().item()).toBeLessThanOrEqual(bound);
    expect(lin.bias!.abs().max().item()).toBeLessThanOrEqual(bound);
    // Spread over the interval: the std of U(-b, b) is b / sqrt(3).
    expect(lin.weight.std().item()).toBeCloseTo(bound / Math.sqrt(3), 3);
    const again = new Linear(784, 10, { generator: new Generator(1) });
    expect(again.weight.toArray()).toEqual(lin.weight.toArray());
  });

  it("has correct gradients (gradcheck in float64)", () => {
    manualSeed(3);
    const lin = new Linear(4, 3, { dtype: "float64" });
    const x = randn([5, 4], { dtype: "float64" }).requiresGrad_();
    expect(
      gradcheck(
        (xx, w, b) => lin.forward(xx!).mul(0).add(xx!.matmul(w!.t()).add(b!)),
        [x, lin.weight, lin.bias!],
      ),
    ).toBe(true);
    expect(gradcheck((xx) => lin.forward(xx!), [x])).toBe(true);
  });

  it("without bias", () => {
    const lin = new Linear(2, 2, { bias: false });
    expect(lin.bias).toBeNull();
    expect(lin.parameters().length).toBe(1);
  });

  it("explains a shape mismatch", () => {
    expect(() => new Linear(3, 2).forward(ones([4, 5]))).toThrow(
      "linear: input shape [4, 5] cannot be multiplied with weight shape [2, 3] (the last dim of the input must be 3)",
    );
  });
});

describe("Sequential", () => {
  it("chains modules, is indexable and iterable", () => {
    const net = new Sequential(new Flatten(), new Linear(4, 2), new Sigmoid());
    expect(net.length).toBe(3);
    expect(net.at(1)).toBeInstanceOf(Linear);
    expect(net[1]).toBe(net.at(1));
    expect(net.at(-1)).toBeInstanceOf(Sigmoid);
    expect([...net].map((m) => m.constructor.name)).toEqual(["Flatten", "Linear", "Sigmoid"]);
    expect(net.forward(ones([5, 2, 2])).shape).toEqual([5, 2]);
    expect(() => net.at(3)).toThrow("Sequential: index 3 is out of range for 3 modules");
    expect(net.call(ones([1, 4])).shape).toEqual([1, 2]);
  });
});

describe("activations", () => {
  const x = tensor([-2, 0, 3], { dtype: "float32" });
  const close = (t: Tensor, want: number[]) => {
    const got = t.toArray() as number[];
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 6);
  };
  it("ReLU, Sigmoid, Tanh, Identity", () => {
    expect(new ReLU().forward(x).toArray()).toEqual([0, 0, 3]);
    close(new Sigmoid().forward(x), [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))]);
    close(new Tanh().forward(x), [Math.tanh(-2), 0, Math.tanh(3)]);
    expect(new Identity().forward(x)).toBe(x);
  });
  it("Softmax and LogSoftmax along a dim", () => {
    const s = new Softmax(0).forward(x);
    expect(s.sum().item()).toBeCloseTo(1, 6);
    close(new LogSoftmax(0).forward(x), s.log().toArray() as number[]);
  });
});

describe("Dropout", () => {
  it("zeroes about p of the elements in training and rescales the rest", () => {
    const d = new Dropout(0.25, { generator: new Generator(0) });
    const y = d.forward(ones([10000]));
    const kept = y.ne(0).sum().item();
    expect(kept / 10000).toBeGreaterThan(0.72);
    expect(kept / 10000).toBeLessThan(0.78);
    expect(y.max().item()).toBeCloseTo(1 / 0.75, 5);
  });
  it("is the identity in eval mode", () => {
    const d = new Dropout(0.5).eval();
    const x = ones([5]);
    expect(d.forward(x)).toBe(x);
  });
  it("checks p", () => {
    expect(() => new Dropout(1.5)).toThrow(
      "Dropout: dropout probability has to be between 0 and 1, but got 1.5",
    );
  });
});

describe("Linear from plain JavaScript", () => {
  it("takes bias as the third argument, as PyTorch's Linear(in, out, bias)", () => {
    expect(new Linear(784, 10, false).bias).toBeNull();
    expect(new Linear(784, 10, true).bias?.shape).toEqual([10]);
    expect(new Linear(4, 3).bias?.shape).toEqual([3]);
  });

  it("names bad sizes and options", () => {
    expect(() => new Linear(2.5, 3)).toThrow("Linear: inFeatures must be a non-negative integer, got 2.5");
    expect(() => new Linear(2, "3" as unknown as number)).toThrow(
      'Linear: outFeatures must be a non-negative integer, got "3"',
    );
    expect(() => new Linear(2, 3, { bais: false } as unknown as { bias: boolean })).toThrow(
      'Linear: unknown option "bais" in options; did you mean "bias"?',
    );
  });
});

describe("layers from plain JavaScript", () => {
  it("every forward names an input that is not a tensor", () => {
    const layers = [
      new Linear(2, 2),
      new ReLU(),
      new Sigmoid(),
      new Tanh(),
      new Identity(),
      new Softmax(1),
      new LogSoftmax(1),
      new Flatten(),
      new Dropout(0.5),
      new Sequential(new ReLU()),
    ];
    for (const layer of layers) {
      const call = () => layer.forward([[1, 2]] as unknown as Tensor);
      expect(call).toThrow(ValueError);
      expect(call).toThrow(`${layer.constructor.name}.forward: input must be a tensor, got [[1, 2]]`);
    }
  });

  it("Identity ignores constructor arguments, as PyTorch's", () => {
    const x = ones([2]);
    expect(new Identity(54 as never, "unused" as never).forward(x)).toBe(x);
  });

  it("dims are integers", () => {
    expect(() => new Softmax(undefined as unknown as number)).toThrow(
      "Softmax: dim must be an integer, got undefined",
    );
    expect(() => new LogSoftmax("1" as unknown as number)).toThrow(
      'LogSoftmax: dim must be an integer, got "1"',
    );
    expect(() => new Flatten(1.5)).toThrow("Flatten: startDim must be an integer, got 1.5");
    expect(() => new Flatten(1, Number.NaN)).toThrow("Flatten: endDim must be an integer, got NaN");
  });

  it("Dropout checks p's kind, its options and the input's dtype in training", () => {
    expect(() => new Dropout("0.5" as unknown as number)).toThrow('Dropout: p must be a number, got "0.5"');
    expect(() => new Dropout(0.5, { generator: {} as Generator })).toThrow(
      "Dropout: generator must be a Generator, got an object",
    );
    expect(() => new Dropout(0.5, true as unknown as object)).toThrow(
      "Dropout: options must be an object of options, got true",
    );
    expect(() => new Dropout(0.5, new Generator(1) as unknown as object)).toThrow(
      "Dropout: options must be an object of options, got a Generator; pass it as { generator }",
    );
    const call = () => new Dropout(0.5).forward(tensor([1, 2]));
    expect(call).toThrow(DTypeError);
    expect(call).toThrow("Dropout.forward: expected a floating-point input in training mode, got int32");
    const x = tensor([1, 2]);
    expect(new Dropout(0.5).eval().forward(x)).toBe(x);
  });

  it("Linear checks dtype, bias and generator", () => {
    const a = () => new Linear(2, 2, { dtype: "int32" as "float32" });
    expect(a).toThrow(DTypeError);
    expect(a).toThrow('Linear: dtype must be "float32" or "float64", got "int32"');
    expect(() => new Linear(2, 2, { bias: 0 as unknown as boolean })).toThrow(
      "Linear: bias must be true or false, got 0",
    );
    expect(() => new Linear(2, 2, { generator: 3 as unknown as Generator })).toThrow(
      "Linear: generator must be a Generator, got 3",
    );
    expect(() => new Linear(2, 2, null as unknown as boolean)).toThrow(
      "Linear: options must be an object of options, got null",
    );
    expect(() => new Linear(2, 2, ones([2]) as unknown as boolean)).toThrow(
      "Linear: options must be an object of options, got a tensor of shape [2]",
    );
  });

  it("Sequential takes modules, and at() an integer", () => {
    const a = () => new Sequential([new ReLU()] as unknown as Module);
    expect(a).toThrow(ValueError);
    expect(a).toThrow(
      "Sequential: modules[0] must be a Module, got [a ReLU]; pass the modules as separate arguments: new Sequential(...layers)",
    );
    expect(() => new Sequential(new ReLU(), ((x: Tensor) => x) as unknown as Module)).toThrow(
      "Sequential: modules[1] must be a Module, got a function",
    );
    expect(() => new Sequential(new ReLU()).at(0.5)).toThrow(
      "Sequential.at: index must be an integer, got 0.5",
    );
  });
});
