import { noGrad } from "@tsgrad/autograd";
import { type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";
import { AdamW } from "./adamw.js";
import { type GroupHyperparameters, Optimizer } from "./optimizer.js";
import { expectClose, loss, lossAndBackward, makeParams, train, values } from "./problem.test-util.js";
import { SGD } from "./sgd.js";
import { flattenStateDict, unflattenStateDict } from "./state-dict.js";

describe("Optimizer construction", () => {
  const [W, b] = makeParams();
  it("rejects a single tensor, an empty list, non-tensors, non-leaves and duplicates", () => {
    expect(() => new SGD(W as unknown as Tensor[], { lr: 0.1 })).toThrow(
      new ValueError(
        "SGD: params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor",
      ),
    );
    expect(() => new SGD([], { lr: 0.1 })).toThrow(
      new ValueError("SGD: optimizer got an empty parameter list"),
    );
    expect(() => new Adam([{ params: [W, 3 as unknown as Tensor] }])).toThrow(
      new ValueError("Adam: optimizer can only optimize Tensors, but one of the params is number"),
    );
    expect(() => new SGD([W.mul(2)], { lr: 0.1 })).toThrow(
      new ValueError("SGD: can't optimize a non-leaf Tensor"),
    );
    expect(() => new SGD([W, W], { lr: 0.1 })).toThrow(
      "SGD: optimizer contains a parameter group with duplicate parameters",
    );
    expect(() => new SGD([{ params: [W, b] }, { params: [b] }], { lr: 0.1 })).toThrow(
      "SGD: some parameters appear in more than one parameter group",
    );
    expect(() => new SGD([{ params: new Set([W]) }], { lr: 0.1 })).toThrow(
      "SGD: optimizer parameters need to be organized in ordered collections",
    );
  });

  it("accepts any iterable of tensors (e.g. a generator) and a single tensor as a group's params", () => {
    function* gen() {
      yield W;
      yield b;
    }
    expect(new SGD(gen(), { lr: 0.1 }).paramGroups[0]!.params).toEqual([W, b]);
    expect(new SGD([{ params: W }], { lr: 0.1 }).paramGroups[0]!.params).toEqual([W]);
  });
});

describe("parameter groups", () => {
  it("each group has its own hyper-parameters, the rest from the defaults", () => {
    const [W, b] = makeParams();
    const opt = new SGD([{ params: [W], lr: 0.5 }, { params: [b] }], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([
      [0.5, 0.9],
      [0.1, 0.9],
    ]);
    W.grad = tensor(
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      { dtype: "float32" },
    );
    b.grad = tensor([1, 1], { dtype: "float32" });
    const w0 = values(W);
    const b0 = values(b);
    opt.step();
    expectClose(
      values(W),
      w0.map((v) => v - 0.5),
      6,
    );
    expectClose(
      values(b),
      b0.map((v) => v - 0.1),
      6,
    );
  });

  it("addParamGroup adds a group; changing a group's lr changes the next step", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W], { lr: 0.1 });
    opt.addParamGroup({ params: [b], lr: 0.01 });
    expect(opt.paramGroups).toHaveLength(2);
    expect(() => opt.addParamGroup({ params: [W] })).toThrow(
      "some parameters appear in more than one parameter group",
    );
    b.grad = tensor([1, 1], { dtype: "float32" });
    opt.paramGroups[1]!.lr = 1;
    opt.step();
    expect(values(b)).toEqual(Array.from(new Float32Array([0.05 - 1, -0.1 - 1])));
  });

  it("toString lists each group's hyper-parameters", () => {
    const [W, b] = makeParams();
    const s = String(new Adam([{ params: [W] }, { params: [b], lr: 0.1 }]));
    expect(s).toContain("Adam (\nParameter Group 0\n    amsgrad: false\n    betas: 0.9,0.999\n");
    expect(s).toContain("Parameter Group 1\n");
    expect(s).toContain("    lr: 0.1\n");
  });
});

describe("zeroGrad", () => {
  it("sets gradients to null by default", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1 });
    lossAndBackward(W, b);
    opt.zeroGrad();
    expect(W.grad).toBeNull();
    expect(b.grad).toBeNull();
  });

  it("with setToNone: false zeroes them in place", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1 });
    lossAndBackward(W, b);
    const g = W.grad!;
    opt.zeroGrad({ setToNone: false });
    expect(W.grad).toBe(g);
    expect(values(g)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(g.requiresGrad).toBe(false);
    lossAndBackward(W, b); // accumulates into the zeroed gradient
    expect(values(W.grad!).some((v) => v !== 0)).toBe(true);
  });

  it("a zeroed gradient still steps (weight decay), a null one does not", () => {
    const p = tensor([1], { dtype: "float32", requiresGrad: true });
    p.grad = tensor([0], { dtype: "float32" });
    const opt = new SGD([p], { lr: 0.1, weightDecay: 1 });
    opt.zeroGrad({ setToNone: false });
    opt.step();
    expect(p.item()).toBeCloseTo(0.9, 6);
    opt.zeroGrad();
    opt.step();
    expect(p.item()).toBeCloseTo(0.9, 6);
  });
});

describe("step(closure)", () => {
  it("evaluates the closure with grad mode on and returns its loss", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1 });
    const before = noGrad(() => loss(W, b).item());
    const returned = noGrad(() =>
      opt.step(() => {
        opt.zeroGrad();
        return lossAndBackward(W, b);
      }),
    );
    expect(returned).toBeCloseTo(before, 6);
    expect(noGrad(() => loss(W, b).item())).toBeLessThan(before);
  });
});

const MAKERS: [string, (params: Tensor[]) => Optimizer<GroupHyperparameters>][] = [
  [
    "SGD momentum nesterov",
    (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  ],
  ["Adam amsgrad", (p) => new Adam(p, { lr: 0.02, amsgrad: true, weightDecay: 0.01 })],
  ["AdamW", (p) => new AdamW([{ params: [p[0]!] }, { params: [p[1]!], lr: 0.05 }], { lr: 0.02 })],
];

function copyParams(W: Tensor, b: Tensor): [Tensor, Tensor] {
  return [
    tensor(W.toArray(), { dtype: "float32", requiresGrad: true }),
    tensor(b.toArray(), { dtype: "float32", requiresGrad: true }),
  ];
}

describe("stateDict / loadStateDict", () => {
  it.each(MAKERS)("%s: resuming from a state dict continues identically", (_name, make) => {
    const [W, b] = makeParams();
    const opt = make([W, b]);
    train(opt, W, b, 10);
    const saved = opt.stateDict();
    const [W2, b2] = copyParams(W, b);
    train(opt, W, b, 10);
    const resumed = make([W2, b2]);
    resumed.loadStateDict(saved);
    train(resumed, W2, b2, 10);
    expect(values(W2)).toEqual(values(W));
    expect(values(b2)).toEqual(values(b));
  });

  it.each(MAKERS)("%s: the same through flattenStateDict / JSON / unflattenStateDict", (_name, make) => {
    const [W, b] = makeParams();
    const opt = make([W, b]);
    train(opt, W, b, 7);
    const flat = flattenStateDict(opt.stateDict());
    const metadata = JSON.parse(JSON.stringify(flat.metadata)) as Record<string, string>;
    const [W2, b2] = copyParams(W, b);
    train(opt, W, b, 5);
    const resumed = make([W2, b2]);
    resumed.loadStateDict(unflattenStateDict(flat.tensors, metadata));
    train(resumed, W2, b2, 5);
    expect(values(W2)).toEqual(values(W));
  });

  it("has PyTorch's layout: state by parameter index, groups with indices", () => {
    const [W, b] = makeParams();
    const c = tensor([1], { dtype: "float32", requiresGrad: true });
    const opt = new Adam([{ params: [W, b] }, { params: [c], lr: 0.1 }], { amsgrad: true });
    train(opt, W, b, 2); // c has no gradient: no state
    const sd = opt.stateDict();
    expect(Object.keys(sd.state)).toEqual(["0", "1"]);
    expect(Object.keys(sd.state["0"]!).sort()).toEqual(["expAvg", "expAvgSq", "maxExpAvgSq", "step"]);
    expect(sd.state["0"]!.step).toBe(2);
    expect(sd.paramGroups.map((g) => g.params)).toEqual([[0, 1], [2]]);
    expect(sd.paramGroups[1]).toEqual({
      lr: 0.1,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: true,
      maximize: false,
      params: [2],
    });
    const flat = flattenStateDict(sd);
    expect(Object.keys(flat.tensors).sort()).toEqual([
      "state.0.expAvg",
      "state.0.expAvgSq",
      "state.0.maxExpAvgSq",
      "state.1.expAvg",
      "state.1.expAvgSq",
      "state.1.maxExpAvgSq",
    ]);
  });

  it("unflattenStateDict needs the metadata entry and ignores the model's tensors", () => {
    expect(() => unflattenStateDict({}, {})).toThrow(
      new ValueError('unflattenStateDict: metadata has no "tsgrad.optim" entry'),
    );
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.9 });
    train(opt, W, b, 1);
    const flat = flattenStateDict(opt.stateDict());
    const back = unflattenStateDict({ ...flat.tensors, "model.weight": W }, flat.metadata);
    expect(Object.keys(back.state).sort()).toEqual(["0", "1"]);
    expect(Object.keys(back.state["0"]!)).toEqual(["momentumBuffer"]);
    expect(back.paramGroups).toEqual(opt.stateDict().paramGroups);
  });

  it("is a snapshot: later steps do not change it", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.9 });
    train(opt, W, b, 1);
    const sd = opt.stateDict();
    const buf = sd.state["0"]!.momentumBuffer as Tensor;
    const before = values(buf);
    sd.paramGroups[0]!.lr = 99;
    train(opt, W, b, 1);
    expect(values(buf)).toEqual(before);
    expect(opt.paramGroups[0]!.lr).toBe(0.1);
  });

  it("restores hyper-parameters (e.g. a scheduled lr) and casts buffers to the parameter's dtype", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.9 });
    train(opt, W, b, 1);
    const sd = opt.stateDict();
    sd.paramGroups[0]!.lr = 0.01;
    sd.paramGroups[0]!.initialLr = 0.1;
    sd.state["0"]!.momentumBuffer = (sd.state["0"]!.momentumBuffer as Tensor).double();
    const other = new SGD(makeParams(), { lr: 0.5 });
    other.loadStateDict(sd);
    expect(other.paramGroups[0]!.lr).toBe(0.01);
    expect(other.paramGroups[0]!.initialLr).toBe(0.1);
    const buf = other.state.get(other.paramGroups[0]!.params[0]!)!.momentumBuffer!;
    expect(buf.dtype).toBe("float32");
    expect(buf).not.toBe(sd.state["0"]!.momentumBuffer);
  });

  it("rejects mismatched state dicts with clear messages and changes nothing", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.9 });
    train(opt, W, b, 1);
    const sd = opt.stateDict();
    const target: Optimizer<{ lr: number }> = new SGD([{ params: [W] }, { params: [b] }], { lr: 0.3 });
    expect(() => target.loadStateDict(sd)).toThrow(
      new ValueError(
        "SGD.loadStateDict: loaded state dict has a different number of parameter groups: 1 in the state dict, 2 in the optimizer",
      ),
    );
    const small = new SGD([W], { lr: 0.3 });
    expect(() => small.loadStateDict(sd)).toThrow(
      "SGD.loadStateDict: loaded state dict contains a parameter group that doesn't match the size of optimizer's group: group 0 has 2 parameters in the state dict and 1 in the optimizer",
    );
    const swapped = new SGD([b, W], { lr: 0.3 });
    expect(() => swapped.loadStateDict(sd)).toThrow(
      "SGD.loadStateDict: state 0: momentumBuffer has shape [2, 3], but its parameter has shape [2]",
    );
    expect(swapped.paramGroups[0]!.lr).toBe(0.3);
    expect(swapped.state.size).toBe(0);
    const bad = opt.stateDict();
    bad.paramGroups[0]!.momentum = -1;
    expect(() => swapped.loadStateDict(bad)).toThrow("SGD: Invalid momentum value: -1");
    const missing = new Adam([W, b]);
    train(missing, W, b, 1);
    const adamSd = missing.stateDict();
    delete adamSd.state["1"]!.expAvgSq;
    expect(() => new Adam([W, b]).loadStateDict(adamSd)).toThrow(
      "Adam.loadStateDict: state 1: expAvgSq must be a Tensor, got undefined",
    );
  });
});

describe("optimizers from plain JavaScript", () => {
  it("params that are not an iterable of tensors or groups are ValueErrors (they were TypeErrors)", () => {
    for (const [bad, shown] of [
      [undefined, "undefined"],
      [null, "null"],
      ["abc", "string"],
      [5, "number"],
      [{}, "Object"],
    ] as const) {
      const call = () => new SGD(bad as unknown as Tensor[], { lr: 0.1 });
      expect(call).toThrow(ValueError);
      expect(call).toThrow(
        `SGD: params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${shown}`,
      );
    }
    const [W] = makeParams();
    expect(() => new SGD([{ params: 5 as unknown as Tensor[] }], { lr: 0.1 })).toThrow(
      "SGD: params of a param group must be a tensor or an iterable of tensors, got 5",
    );
    expect(() => new Adam([W, {} as Tensor])).toThrow(
      "Adam: optimizer can only optimize Tensors, but one of the params is Object",
    );
    expect(() => new Adam([[W]] as unknown as Tensor[])).toThrow(
      "Adam: param group must be an object with a params field, got [a tensor of shape [2, 3]]",
    );
  });

  it("the base class cannot be constructed", () => {
    const Base = Optimizer as unknown as new (...args: unknown[]) => unknown;
    const call = () => new Base("X", makeParams(), {});
    expect(call).toThrow(ValueError);
    expect(call).toThrow("Optimizer: the base class has no update rule");
  });

  it("a param group's unknown key is an error, not a silent default", () => {
    const [W, b] = makeParams();
    const call = () => new SGD([{ params: [W], lrr: 0.5 } as unknown as { params: Tensor[] }], { lr: 0.1 });
    expect(call).toThrow(ValueError);
    expect(call).toThrow('SGD: unknown option "lrr" in param group; did you mean "lr"?');
    const opt = new Adam([W]);
    expect(() =>
      opt.addParamGroup({ params: [b], beta: [0.9, 0.99] } as unknown as { params: Tensor[] }),
    ).toThrow('Adam: unknown option "beta" in param group; did you mean "betas"?');
    expect(opt.paramGroups).toHaveLength(1);
  });

  it("step, zeroGrad and the options check their arguments", () => {
    const [W] = makeParams();
    const opt = new SGD([W], { lr: 0.1 });
    expect(() => opt.step("loss" as unknown as () => number)).toThrow(
      'SGD.step: closure must be a function, got "loss"',
    );
    expect(opt.step(null as unknown as undefined)).toBeUndefined();
    expect(() => opt.zeroGrad(false as unknown as { setToNone: boolean })).toThrow(
      "SGD.zeroGrad: options must be an object of options, got false",
    );
    expect(() => opt.zeroGrad({ setToNone: "no" as unknown as boolean })).toThrow(
      'SGD.zeroGrad: setToNone must be true or false, got "no"',
    );
    expect(() => new SGD([W], W as unknown as number)).toThrow(
      "SGD: options must be an object of options, got a tensor of shape [2, 3]",
    );
    expect(() => new AdamW([W], { lr: Number.POSITIVE_INFINITY })).toThrow(
      "AdamW: Invalid learning rate: Infinity",
    );
  });

  it("loadStateDict names what is not a state dict, and changes nothing", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.9 });
    train(opt, W, b, 1);
    const call = () => opt.loadStateDict(null as unknown as ReturnType<SGD["stateDict"]>);
    expect(call).toThrow(ValueError);
    expect(call).toThrow(
      "SGD.loadStateDict: stateDict must be an optimizer state dict ({ state, paramGroups }), got null",
    );
    const sd = opt.stateDict();
    expect(() => opt.loadStateDict({ ...sd, paramGroups: [null] } as unknown as typeof sd)).toThrow(
      "SGD.loadStateDict: stateDict.paramGroups[0] must be an object, got null",
    );
    const adamSd = new Adam([W, b]).stateDict();
    expect(() => opt.loadStateDict(adamSd as unknown as typeof sd)).toThrow(
      'SGD.loadStateDict: unknown option "betas" in stateDict.paramGroups[0]',
    );
    const badId = opt.stateDict();
    badId.paramGroups[0]!.params = [0, -1];
    expect(() => opt.loadStateDict(badId)).toThrow(
      "SGD.loadStateDict: stateDict.paramGroups[0].params[1] must be a parameter index (an integer >= 0), got -1",
    );
    const badEntry = opt.stateDict();
    badEntry.state["0"] = 3 as unknown as Record<string, Tensor>;
    expect(() => opt.loadStateDict(badEntry)).toThrow(
      'SGD.loadStateDict: stateDict.state["0"] must be an object, got 3',
    );
    const badLr = opt.stateDict();
    (badLr.paramGroups[0] as { lr: unknown }).lr = "0.1";
    expect(() => opt.loadStateDict(badLr)).toThrow('SGD: lr must be a number, got "0.1"');
    expect(opt.paramGroups[0]!.lr).toBe(0.1);
  });

  it("flattenStateDict and unflattenStateDict name what they cannot read", () => {
    const a = () => flattenStateDict(undefined as unknown as ReturnType<SGD["stateDict"]>);
    expect(a).toThrow(ValueError);
    expect(a).toThrow(
      "flattenStateDict: stateDict must be an optimizer state dict ({ state, paramGroups }), got undefined",
    );
    expect(() =>
      flattenStateDict({ state: { 0: { step: "1" } }, paramGroups: [] } as unknown as Parameters<
        typeof flattenStateDict
      >[0]),
    ).toThrow('flattenStateDict: stateDict.state["0"].step must be a tensor or a number, got "1"');
    expect(() => unflattenStateDict(null as unknown as Record<string, Tensor>, {})).toThrow(
      "unflattenStateDict: tensors must be an object of tensors by name, got null",
    );
    expect(() => unflattenStateDict({}, { "tsgrad.optim": "{oops" })).toThrow(
      'unflattenStateDict: "tsgrad.optim" is not valid JSON',
    );
    expect(() => unflattenStateDict({}, { "tsgrad.optim": "null" })).toThrow(
      'unflattenStateDict: "tsgrad.optim" is not an optimizer state dict',
    );
    const meta = { "tsgrad.optim": JSON.stringify({ paramGroups: [], scalars: {} }) };
    expect(() =>
      unflattenStateDict({ "state.0.momentumBuffer": [1] } as unknown as Record<string, Tensor>, meta),
    ).toThrow('unflattenStateDict: tensors["state.0.momentumBuffer"] must be a tensor, got [1]');
  });
});
