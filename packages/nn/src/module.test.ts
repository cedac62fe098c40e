import { noGrad } from "@tsgrad/autograd";
import { ones, type Tensor, TsgradError, tensor, ValueError, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  Dropout,
  Flatten,
  Linear,
  Module,
  Parameter,
  ReLU,
  Sequential,
  Softmax,
  StateDictError,
} from "./index.js";

class TwoLayer extends Module {
  fc1 = new Linear(4, 3);
  act = new ReLU();
  fc2 = new Linear(3, 2, { bias: false });
  scale = new Parameter(ones([1]));
  forward(x: Tensor): Tensor {
    return this.fc2.forward(this.act.forward(this.fc1.forward(x))).mul(this.scale);
  }
}

describe("Module", () => {
  it("finds parameters and submodules from its properties, in definition order", () => {
    const net = new TwoLayer();
    expect([...net.namedParameters()].map(([n]) => n)).toEqual([
      "scale",
      "fc1.weight",
      "fc1.bias",
      "fc2.weight",
    ]);
    expect(net.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect([...net.namedChildren()].map(([n]) => n)).toEqual(["fc1", "act", "fc2"]);
    expect([...net.namedModules()].map(([n]) => n)).toEqual(["", "fc1", "act", "fc2"]);
    expect([...net.modules()].length).toBe(4);
  });

  it("counts a shared parameter once", () => {
    const shared = new Linear(2, 2);
    const net = new Sequential(shared, shared);
    expect(net.parameters().length).toBe(2);
    expect([...net.namedParameters()].map(([n]) => n)).toEqual(["0.weight", "0.bias"]);
  });

  it("apply visits children first, then the module", () => {
    const seen: string[] = [];
    new Sequential(new Flatten(), new Linear(2, 1)).apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(["Flatten", "Linear", "Sequential"]);
  });

  it("train() and eval() switch the whole tree", () => {
    const net = new Sequential(new Linear(2, 2), new Dropout(0.5));
    expect(net.training).toBe(true);
    net.eval();
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    net.train();
    expect([...net.modules()].every((m) => m.training)).toBe(true);
  });

  it("zeroGrad sets gradients to null, or to zeros", () => {
    const net = new TwoLayer();
    net
      .forward(ones([5, 4]))
      .sum()
      .backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad({ setToNone: false });
    expect(net.fc1.weight.grad?.abs().sum().item()).toBe(0);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("prints a PyTorch-like summary", () => {
    const net = new Sequential(new Flatten(), new Linear(784, 10), new Softmax(1));
    expect(net.toString()).toBe(
      [
        "Sequential(",
        "  (0): Flatten(startDim=1, endDim=-1)",
        "  (1): Linear(inFeatures=784, outFeatures=10, bias=true)",
        "  (2): Softmax(dim=1)",
        ")",
      ].join("\n"),
    );
    expect(new TwoLayer().toString()).toContain("  (fc2): Linear(inFeatures=3, outFeatures=2, bias=false)");
  });
});

describe("Parameter", () => {
  it("shares storage with its data and requires grad", () => {
    const t = zeros([2]);
    const p = new Parameter(t);
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    noGrad(() => p.fill_(3));
    expect(t.toArray()).toEqual([3, 3]);
    expect(new Parameter(t, false).requiresGrad).toBe(false);
  });

  it("rejects integer data", () => {
    expect(() => new Parameter(tensor([1, 2]))).toThrow(
      "requiresGrad_: only tensors of floating point dtype can require gradients, got int32",
    );
  });
});

describe("state dict", () => {
  it("round-trips parameters by dotted name", () => {
    const a = new TwoLayer();
    const b = new TwoLayer();
    const sd = a.stateDict();
    expect(Object.keys(sd)).toEqual(["scale", "fc1.weight", "fc1.bias", "fc2.weight"]);
    expect(sd["fc1.weight"]?.requiresGrad).toBe(false);
    const res = b.loadStateDict(sd);
    expect(res).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.fc1.weight.toArray()).toEqual(a.fc1.weight.toArray());
    // Copied, not shared.
    noGrad(() => a.fc1.weight.fill_(0));
    expect(b.fc1.weight.abs().sum().item()).toBeGreaterThan(0);
  });

  it("reports missing, unexpected and mis-shaped keys like PyTorch", () => {
    const net = new Linear(3, 2);
    expect(() => net.loadStateDict({ weight: zeros([2, 3]) })).toThrow(StateDictError);
    expect(() => net.loadStateDict({ weight: zeros([2, 3]) })).toThrow(TsgradError);
    expect(() => net.loadStateDict({ weight: zeros([2, 3]), extra: zeros([1]) })).toThrow(
      'loadStateDict: Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias".\n\tUnexpected key(s) in state_dict: "extra".',
    );
    expect(() => net.loadStateDict({ weight: zeros([3, 2]), bias: zeros([2]) })).toThrow(
      "size mismatch for weight: copying a param with shape [3, 2] from checkpoint, the shape in current model is [2, 3].",
    );
    const res = net.loadStateDict({ weight: ones([2, 3]), extra: zeros([1]) }, { strict: false });
    expect(res).toEqual({ missingKeys: ["bias"], unexpectedKeys: ["extra"] });
    expect(net.weight.sum().item()).toBe(6);
  });

  it("includes registered buffers", () => {
    class WithBuffer extends Module {
      lin = new Linear(1, 1);
      constructor() {
        super();
        this.registerBuffer("count", zeros([1]));
      }
      forward(x: Tensor): Tensor {
        return this.lin.forward(x);
      }
    }
    expect(Object.keys(new WithBuffer().stateDict())).toEqual(["lin.weight", "lin.bias", "count"]);
  });
});

describe("loadStateDict from plain JavaScript", () => {
  it("names a value that is not a tensor, and a dict that is not an object", () => {
    const net = new Linear(2, 1);
    const before = net.weight.toArray();
    const plain = { weight: [[1, 2]], bias: [0] } as unknown as Record<string, Tensor>;
    expect(() => net.loadStateDict(plain)).toThrow(StateDictError);
    expect(() => net.loadStateDict(plain)).toThrow(
      "loadStateDict: Error(s) in loading state_dict for Linear:\n\texpected a tensor for weight, got [[1, 2]] (convert it with tensor(...) first).\n\texpected a tensor for bias, got [0] (convert it with tensor(...) first).",
    );
    expect(net.weight.toArray()).toEqual(before);
    expect(() => net.loadStateDict(null as unknown as Record<string, Tensor>)).toThrow(
      "loadStateDict: expected a state dict (an object of tensors by name), got null",
    );
    expect(() =>
      net.loadStateDict(net.stateDict(), { strct: false } as unknown as { strict: boolean }),
    ).toThrow('loadStateDict: unknown option "strct" in options; did you mean "strict"?');
  });
});

describe("Module from plain JavaScript", () => {
  it("a layer without a constructor of its own takes no arguments", () => {
    const call = () => new (ReLU as unknown as new (inplace: boolean) => ReLU)(true);
    expect(call).toThrow(ValueError);
    expect(call).toThrow("ReLU: takes no arguments, got true");
    expect(new (ReLU as unknown as new (x: undefined) => ReLU)(undefined)).toBeInstanceOf(ReLU);
  });

  it("a Module without forward says so, as PyTorch does", () => {
    const Plain = Module as unknown as new () => Module;
    const m = new Plain();
    expect(() => m.call(ones([1]))).toThrow(ValueError);
    expect(() => m.forward(ones([1]))).toThrow('Module: module is missing the required "forward" function');
  });

  it("checks the arguments of its methods", () => {
    const net = new TwoLayer();
    expect(() => net.apply("f" as unknown as () => void)).toThrow(
      'TwoLayer.apply: fn must be a function, got "f"',
    );
    expect(() => net.train("false" as unknown as boolean)).toThrow(
      'TwoLayer.train: mode must be true or false, got "false"',
    );
    expect(net.training).toBe(true);
    expect(() => net.zeroGrad({ setToNone: 0 } as unknown as { setToNone: boolean })).toThrow(
      "TwoLayer.zeroGrad: setToNone must be true or false, got 0",
    );
    expect(() => net.zeroGrad({ setToNon: false } as unknown as { setToNone: boolean })).toThrow(
      'TwoLayer.zeroGrad: unknown option "setToNon" in options; did you mean "setToNone"?',
    );
    expect(() => net.zeroGrad(false as unknown as { setToNone: boolean })).toThrow(
      "TwoLayer.zeroGrad: options must be an object of options, got false",
    );
    expect(() => [...net.namedModules(3 as unknown as string)]).toThrow(
      "TwoLayer.namedModules: prefix must be a string, got 3",
    );
    expect(() => net.loadStateDict(net.stateDict(), { strict: "no" as unknown as boolean })).toThrow(
      'loadStateDict: strict must be true or false, got "no"',
    );
    expect(() => net.loadStateDict(net.stateDict(), ones([1]) as unknown as { strict: boolean })).toThrow(
      "loadStateDict: options must be an object of options, got a tensor of shape [1]",
    );
  });

  it("registerBuffer takes a plain name and a tensor", () => {
    const net = new TwoLayer();
    expect(() => net.registerBuffer("a.b", zeros([1]))).toThrow(
      'TwoLayer.registerBuffer: name must be a non-empty name without dots, got "a.b"',
    );
    expect(() => net.registerBuffer(1 as unknown as string, zeros([1]))).toThrow(
      "TwoLayer.registerBuffer: name must be a string, got 1",
    );
    expect(() => net.registerBuffer("count", [0] as unknown as Tensor)).toThrow(
      "TwoLayer.registerBuffer: tensor must be a tensor, got [0]",
    );
    expect(() => net.registerBuffer("fc1", zeros([1]))).toThrow(
      'TwoLayer.registerBuffer: attribute "fc1" already exists',
    );
    net.registerBuffer("count", zeros([1]));
    net.registerBuffer("count", ones([1]));
    expect(net.stateDict().count?.toArray()).toEqual([1]);
  });

  it("Parameter needs a tensor and a boolean", () => {
    const a = () => new Parameter([1, 2] as unknown as Tensor);
    expect(a).toThrow(ValueError);
    expect(a).toThrow("Parameter: data must be a tensor, got [1, 2]");
    expect(() => new Parameter(ones([1]), "no" as unknown as boolean)).toThrow(
      'Parameter: requiresGrad must be true or false, got "no"',
    );
  });
});
