// The concise MLP: d2l 4.3's layers and initialization, weight decay on the weights only, and
// the same network and the same SGD step as the scratch one, penalty and weight decay included.
import { noGrad } from "@tsgrad/autograd";
import { Dropout, Flatten, Linear, ReLU } from "@tsgrad/nn";
import { randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { conciseModel } from "./concise.js";
import { scratchModel } from "./scratch.js";

const HP = { lr: 0.1, seed: 0, weightDecay: 0, dropout: 0 };

/** The largest absolute difference between two tensors of the same shape. */
const maxDiff = (a: Tensor, b: Tensor) => a.sub(b).abs().max().item();

describe("conciseModel", () => {
  it("is Sequential(Flatten, Linear(784, 256), ReLU, Linear(256, 10)), Dropout after ReLU with --dropout", () => {
    const kinds = (dropout: number) => [...conciseModel({ ...HP, dropout }).net].map((m) => m.constructor);
    expect(kinds(0)).toEqual([Flatten, Linear, ReLU, Linear]);
    expect(kinds(0.2)).toEqual([Flatten, Linear, ReLU, Dropout, Linear]);
    expect((conciseModel({ ...HP, dropout: 0.2 }).net.at(3) as Dropout).p).toBe(0.2);
  });

  it("initializes the weights from N(0, 0.01²) and leaves the biases to Linear's init, as d2l", () => {
    const { net } = conciseModel(HP);
    const hidden = net.at(1) as Linear;
    expect(hidden.weight.shape).toEqual([256, 784]);
    expect(hidden.weight.std().item()).toBeCloseTo(0.01, 3);
    // Linear's bias init: U(-1/sqrt(784), 1/sqrt(784)), not zeros.
    expect(hidden.bias!.abs().max().item()).toBeGreaterThan(0.01);
    expect(hidden.bias!.abs().max().item()).toBeLessThanOrEqual(1 / 28);
    expect(conciseModel(HP).net.at(1)).toSatisfy((l: Linear) => maxDiff(l.weight, hidden.weight) === 0);
  });

  it("decays the weights only: the biases are in a group without weight decay", () => {
    const { net, trainer } = conciseModel({ ...HP, weightDecay: 0.01 });
    const [hidden, output] = [net.at(1) as Linear, net.at(-1) as Linear];
    const groups = trainer.paramGroups.map((g) => ({
      params: g.params,
      weightDecay: g.weightDecay,
      lr: g.lr,
    }));
    expect(groups).toEqual([
      { params: [hidden.weight, output.weight], weightDecay: 0.01, lr: 0.1 },
      { params: [hidden.bias, output.bias], weightDecay: 0, lr: 0.1 },
    ]);
  });
});

describe("scratch and concise", () => {
  /** One step of each from the same parameters: the scratch ones copied into the concise net. */
  function stepBoth(weightDecay: number) {
    const s = scratchModel({ ...HP, weightDecay });
    const c = conciseModel({ ...HP, weightDecay });
    const hidden = c.net.at(1) as Linear;
    const output = c.net.at(-1) as Linear;
    noGrad(() => {
      hidden.weight.copy_(s.W1.t());
      hidden.bias!.copy_(s.b1);
      output.weight.copy_(s.W2.t());
      output.bias!.copy_(s.b2.add(0.5)); // non-zero biases, so that a decay of them would show
      s.b2.copy_(output.bias!);
    });
    const X = randn([16, 1, 28, 28]);
    const y = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]);
    const forwardDiff = maxDiff(s.forward(X), c.net.forward(X));
    // d2l's two updaters: the summed loss and sgd(params, lr, batchSize); the mean and SGD.
    s.loss(s.forward(X), y).sum().backward();
    s.updater(16);
    c.trainer.zeroGrad();
    c.loss.forward(c.net.forward(X), y).mean().backward();
    c.trainer.step();
    const paramDiff = Math.max(
      maxDiff(s.W1, hidden.weight.t()),
      maxDiff(s.b1, hidden.bias!),
      maxDiff(s.W2, output.weight.t()),
      maxDiff(s.b2, output.bias!),
    );
    return { forwardDiff, paramDiff, s };
  }

  it("compute the same scores from the same parameters", () => {
    expect(stepBoth(0).forwardDiff).toBeLessThan(1e-6);
  });

  it("take the same SGD step, without and with weight decay (λ/2·‖W‖² in the loss = weightDecay λ)", () => {
    expect(stepBoth(0).paramDiff).toBeLessThan(1e-6);
    const decayed = stepBoth(0.5);
    expect(decayed.paramDiff).toBeLessThan(1e-6);
    // The decay does move the weights: lr·λ·W = 5% of W1, far above the tolerance.
    expect(maxDiff(decayed.s.W1, stepBoth(0).s.W1)).toBeGreaterThan(1e-4);
  });
});
