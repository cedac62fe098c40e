import { gradcheck } from "@tsgrad/autograd";
import { crossEntropy } from "@tsgrad/losses";
import { Generator, randn, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Dropout, F } from "./index.js";

const close = (a: { toArray(): unknown }, b: { toArray(): unknown }) =>
  expect(JSON.stringify(a.toArray())).toBe(JSON.stringify(b.toArray()));

describe("F, the functional namespace", () => {
  it("holds torch.nn.functional's names in camelCase", () => {
    expect(Object.keys(F).sort()).toEqual(
      [
        "binaryCrossEntropy",
        "binaryCrossEntropyWithLogits",
        "crossEntropy",
        "dropout",
        "elu",
        "gelu",
        "huberLoss",
        "l1Loss",
        "leakyRelu",
        "linear",
        "logSoftmax",
        "logsigmoid",
        "mseLoss",
        "nllLoss",
        "normalize",
        "oneHot",
        "pad",
        "relu",
        "sigmoid",
        "silu",
        "smoothL1Loss",
        "softmax",
        "softmin",
        "softplus",
        "tanh",
      ].sort(),
    );
    expect(F.crossEntropy).toBe(crossEntropy);
  });

  it("computes what the methods compute", () => {
    const x = randn([3, 4], { dtype: "float64" });
    close(F.softmax(x, 1), x.softmax(1));
    close(F.logSoftmax(x, 0), x.logSoftmax(0));
    close(F.softmin(x, 1), x.neg().softmax(1));
    close(F.logsigmoid(x), x.logSigmoid());
    close(F.softplus(x, { beta: 2 }), x.softplus({ beta: 2 }));
    close(F.relu(x), x.relu());
  });

  it("normalize gives unit rows, keeps a zero row zero with a finite gradient, and gradchecks", () => {
    const x = tensor(
      [
        [3, 4],
        [0, 0],
      ],
      { dtype: "float64", requiresGrad: true },
    );
    expect(F.normalize(x).toArray()).toEqual([
      [0.6, 0.8],
      [0, 0],
    ]);
    expect(F.normalize(x, { p: 1 }).toArray()).toEqual([
      [3 / 7, 4 / 7],
      [0, 0],
    ]);
    F.normalize(x).sum().backward();
    expect((x.grad!.toArray() as number[][]).flat().every(Number.isFinite)).toBe(true);
    const y = randn([3, 4], { dtype: "float64", requiresGrad: true });
    expect(gradcheck((t) => F.normalize(t, { dim: 0 }), [y])).toBe(true);
    expect(gradcheck((t) => F.normalize(t, { p: 3 }), [y])).toBe(true);
    expect(() => F.normalize(y, { p: 0 })).toThrow("normalize: p must be a finite number >= 5e-324, got 0");
    expect(() => F.normalize(y, { dimm: 1 } as object)).toThrow(ValueError);
  });

  it("dropout draws the mask Dropout draws, and is the identity when not training", () => {
    const x = randn([50, 40]);
    const module = new Dropout(0.3, { generator: new Generator(7) });
    close(F.dropout(x, 0.3, true, { generator: new Generator(7) }), module.forward(x));
    expect(F.dropout(x, 0.3, false)).toBe(x);
    expect(F.dropout(x, 0)).toBe(x);
    expect(F.dropout(x, 1).abs().sum().item()).toBe(0);
    const kept = F.dropout(tensor(new Array(10000).fill(1), { dtype: "float32" }), 0.5, true, {
      generator: new Generator(0),
    });
    expect(kept.mean().item()).toBeCloseTo(1, 1); // scaled by 1/(1-p): the mean stays
  });

  it("names the function and the argument on bad input", () => {
    const x = randn([2, 3]);
    expect(() => F.softmax(x, 1.5)).toThrow("softmax: dim must be an integer, got 1.5");
    expect(() => F.softmin("x" as never, 1)).toThrow('softmin: input must be a tensor, got "x"');
    expect(() => F.dropout(x, 2)).toThrow(
      "dropout: dropout probability has to be between 0 and 1, but got 2",
    );
    expect(() => F.dropout(x, 0.5, "yes" as never)).toThrow(
      'dropout: training must be true or false, got "yes"',
    );
    expect(() => F.dropout(tensor([1, 2]), 0.5)).toThrow(
      "dropout: expected a floating-point input in training mode, got int32",
    );
  });
});
