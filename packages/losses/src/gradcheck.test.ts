// Finite differences (gradcheck, float64) for every loss, reduction and option: the gradients
// of the fused cross-entropy and of the BCE functions are hand-written, the rest come from
// autograd; both must agree with the numbers.
import { gradcheck } from "@tsgrad/autograd";
import { Generator, randn, type Tensor, tensor, uniform } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  bceLoss,
  bceWithLogitsLoss,
  crossEntropy,
  huberLoss,
  l1Loss,
  mseLoss,
  nllLoss,
  type Reduction,
  smoothL1Loss,
  squaredLoss,
} from "./index.js";

const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];

function normal64(shape: number[], seed: number, scale = 1): Tensor {
  return randn(shape, { dtype: "float64", generator: new Generator(seed) })
    .mul(scale)
    .requiresGrad_();
}

function leaf(t: Tensor): Tensor {
  return t.detach().contiguous().clone().requiresGrad_();
}

/** Input and a target at least 0.2 away elementwise (no kink of |d| within the finite-difference step). */
function pair(shape: number[], seed: number): [Tensor, Tensor] {
  const x = normal64(shape, seed);
  const d = uniform(0.2, 1.5, shape, { dtype: "float64", generator: new Generator(seed + 1) });
  const sign = randn(shape, { dtype: "float64", generator: new Generator(seed + 2) })
    .gt(0)
    .double()
    .mul(2)
    .sub(1);
  return [x, leaf(x.detach().add(d.mul(sign)))];
}

describe("gradcheck: regression losses", () => {
  for (const reduction of REDUCTIONS) {
    it(`squaredLoss (${reduction}), target reshaped [5] → [5, 1]`, () => {
      const [x, y] = pair([5, 1], 10);
      expect(gradcheck((a, b) => squaredLoss(a!, b!.view(5), { reduction }), [x, y])).toBe(true);
    });
    it(`mseLoss (${reduction})`, () => {
      expect(gradcheck((a, b) => mseLoss(a!, b!, { reduction }), pair([3, 4], 20))).toBe(true);
    });
    it(`l1Loss (${reduction})`, () => {
      expect(gradcheck((a, b) => l1Loss(a!, b!, { reduction }), pair([3, 4], 30))).toBe(true);
    });
    it(`huberLoss delta 0.9 and 0.1 (${reduction}), both branches`, () => {
      for (const delta of [0.9, 0.1]) {
        expect(gradcheck((a, b) => huberLoss(a!, b!, { reduction, delta }), pair([4, 4], 40))).toBe(true);
      }
    });
    it(`smoothL1Loss beta 0.9 and 0 (${reduction})`, () => {
      for (const beta of [0.9, 0]) {
        expect(gradcheck((a, b) => smoothL1Loss(a!, b!, { reduction, beta }), pair([4, 4], 50))).toBe(true);
      }
    });
  }
});

describe("gradcheck: crossEntropy and nllLoss", () => {
  const y = tensor([0, 3, 2, 1, 3, 0]);
  const yIgnored = tensor([0, -100, 2, 1, -100, 0]);
  for (const reduction of REDUCTIONS) {
    it(`fused class indices, with and without ignored targets (${reduction})`, () => {
      const x = normal64([6, 4], 60, 2);
      expect(gradcheck((a) => crossEntropy(a!, y, { reduction }), [x])).toBe(true);
      expect(gradcheck((a) => crossEntropy(a!, yIgnored, { reduction }), [x])).toBe(true);
      expect(gradcheck((a) => crossEntropy(a!, tensor(2), { reduction }), [normal64([4], 61)])).toBe(true);
    });

    it(`fused at logits of ±50 (${reduction})`, () => {
      const x = leaf(
        tensor(
          [
            [50, -50, 0, 49.5],
            [-50, -50, 50, 0],
          ],
          { dtype: "float64" },
        ),
      );
      expect(gradcheck((a) => crossEntropy(a!, tensor([3, 2]), { reduction }), [x])).toBe(true);
    });

    it(`class weights (gradient of the weight too) and ignored targets (${reduction})`, () => {
      const x = normal64([6, 4], 62);
      const w = leaf(tensor([0.5, 2, 1, 3], { dtype: "float64" }));
      expect(gradcheck((a, b) => crossEntropy(a!, yIgnored, { reduction, weight: b! }), [x, w])).toBe(true);
    });

    it(`label smoothing with weights and ignored targets (${reduction})`, () => {
      const x = normal64([6, 4], 63);
      const w = leaf(tensor([0.5, 2, 1, 3], { dtype: "float64" }));
      expect(
        gradcheck(
          (a, b) => crossEntropy(a!, yIgnored, { reduction, weight: b!, labelSmoothing: 0.2 }),
          [x, w],
        ),
      ).toBe(true);
    });

    it(`soft labels (gradient of the probabilities too) with smoothing and weights (${reduction})`, () => {
      const x = normal64([5, 3], 64);
      const p = leaf(normal64([5, 3], 65).softmax(1));
      const w = tensor([1, 2, 0.5], { dtype: "float64" });
      expect(gradcheck((a, b) => crossEntropy(a!, b!, { reduction }), [x, p])).toBe(true);
      expect(
        gradcheck((a, b) => crossEntropy(a!, b!, { reduction, weight: w, labelSmoothing: 0.1 }), [x, p]),
      ).toBe(true);
    });

    it(`[N, C, d1, d2] logits (${reduction})`, () => {
      const x = normal64([2, 3, 2, 2], 66);
      const t = tensor([
        [
          [0, 2],
          [1, -100],
        ],
        [
          [2, 2],
          [0, 1],
        ],
      ]);
      expect(gradcheck((a) => crossEntropy(a!, t, { reduction, labelSmoothing: 0.05 }), [x])).toBe(true);
    });

    it(`nllLoss with weights, ignored targets, extra dims (${reduction})`, () => {
      const x = normal64([6, 4], 67);
      const w = leaf(tensor([0.5, 2, 1, 3], { dtype: "float64" }));
      expect(gradcheck((a, b) => nllLoss(a!, yIgnored, { reduction, weight: b! }), [x, w])).toBe(true);
      const x3 = normal64([2, 4, 3], 68);
      const t3 = tensor([
        [0, 3, 1],
        [2, 2, -100],
      ]);
      expect(gradcheck((a) => nllLoss(a!, t3, { reduction }), [x3])).toBe(true);
    });
  }
});

describe("gradcheck: binary cross-entropy", () => {
  for (const reduction of REDUCTIONS) {
    it(`bceLoss: input, target and weight (${reduction})`, () => {
      const p = leaf(uniform(0.05, 0.95, [4, 3], { dtype: "float64", generator: new Generator(70) }));
      const t = leaf(uniform(0, 1, [4, 3], { dtype: "float64", generator: new Generator(71) }));
      const w = leaf(tensor([0.5, 1, 2], { dtype: "float64" }));
      expect(gradcheck((a, b, c) => bceLoss(a!, b!, { reduction, weight: c! }), [p, t, w])).toBe(true);
    });

    it(`bceWithLogitsLoss: input, target, weight and posWeight, logits up to ±30 (${reduction})`, () => {
      const x = leaf(
        normal64([4, 3], 72, 3)
          .detach()
          .add(tensor([[30, -30, 0]], { dtype: "float64" })),
      );
      const t = leaf(uniform(0, 1, [4, 3], { dtype: "float64", generator: new Generator(73) }));
      const w = leaf(tensor([0.5, 1, 2], { dtype: "float64" }));
      const pw = leaf(tensor([3, 0.5, 1.5], { dtype: "float64" }));
      expect(gradcheck((a, b) => bceWithLogitsLoss(a!, b!, { reduction }), [x, t])).toBe(true);
      expect(
        gradcheck(
          (a, b, c, d) => bceWithLogitsLoss(a!, b!, { reduction, weight: c!, posWeight: d! }),
          [x, t, w, pw],
        ),
      ).toBe(true);
    });
  }
});
