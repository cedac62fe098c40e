// bceLoss on probabilities (clamped logs) and bceWithLogitsLoss (stable form, posWeight).
import { manualSeed, randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { bceLoss, bceWithLogitsLoss } from "./index.js";

const vals = (t: Tensor): number[] => Array.from(t.toTypedArray());

describe("bceLoss", () => {
  it("is −(t·log p + (1 − t)·log(1 − p))", () => {
    const p = tensor([0.2, 0.9], { dtype: "float64" });
    const t = tensor([0, 1], { dtype: "float64" });
    const got = vals(bceLoss(p, t, { reduction: "none" }));
    expect(got[0]).toBeCloseTo(-Math.log(0.8), 12);
    expect(got[1]).toBeCloseTo(-Math.log(0.9), 12);
  });

  it("probabilities of exactly 0 and 1 give finite losses (logs clamped at −100) and gradients", () => {
    const p = tensor([0, 1, 0, 1], { dtype: "float32", requiresGrad: true });
    const t = tensor([0, 1, 1, 0], { dtype: "float32" });
    const l = bceLoss(p, t, { reduction: "none" });
    expect(vals(l).map((v) => v + 0)).toEqual([0, 0, 100, 100]); // + 0: −0 and 0 alike
    l.sum().backward();
    const g = vals(p.grad!);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(g.slice(0, 2)).toEqual([0, 0]);
    // PyTorch's (p − t) / max(p(1 − p), 1e-12): ∓1e12 where the prediction is certain and wrong.
    expect(g[2]).toBeCloseTo(-1e12, -6);
    expect(g[3]).toBeCloseTo(1e12, -6);
  });

  it("multiplies by a broadcast weight", () => {
    const p = tensor([[0.2, 0.7]], { dtype: "float64" });
    const t = tensor([[1, 0]], { dtype: "float64" });
    const w = tensor([2, 0.5], { dtype: "float64" });
    const plain = vals(bceLoss(p, t, { reduction: "none" }));
    const weighted = vals(bceLoss(p, t, { reduction: "none", weight: w }));
    expect(weighted[0]).toBeCloseTo(2 * plain[0]!, 12);
    expect(weighted[1]).toBeCloseTo(0.5 * plain[1]!, 12);
  });
});

describe("bceWithLogitsLoss", () => {
  it("equals bceLoss(sigmoid(x)) at moderate logits, gradient σ(x) − t", () => {
    manualSeed(4);
    const x = randn([3, 4], { dtype: "float64" }).mul(2).requiresGrad_();
    const t = randn([3, 4], { dtype: "float64" }).sigmoid();
    const a = bceWithLogitsLoss(x, t, { reduction: "sum" });
    const b = bceLoss(x.detach().sigmoid(), t, { reduction: "sum" });
    expect(a.item()).toBeCloseTo(b.item(), 10);
    a.backward();
    const want = vals(x.detach().sigmoid().sub(t));
    vals(x.grad!).forEach((g, i) => {
      expect(g).toBeCloseTo(want[i]!, 12);
    });
  });

  it("is finite at logits of ±1000 where sigmoid then log is not", () => {
    const x = tensor([1000, -1000, 1000, -1000], { dtype: "float32", requiresGrad: true });
    const t = tensor([1, 0, 0, 1], { dtype: "float32" });
    // The naive route: σ(±1000) rounds to exactly 1 or 0, and log(0) = −inf.
    const naive = t
      .mul(x.detach().sigmoid().log())
      .add(t.neg().add(1).mul(x.detach().neg().sigmoid().log()))
      .neg();
    expect(vals(naive).some((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
    const l = bceWithLogitsLoss(x, t, { reduction: "none" });
    expect(vals(l)).toEqual([0, 0, 1000, 1000]);
    l.sum().backward();
    expect(vals(x.grad!)).toEqual([0, 0, 1, -1]);
  });

  it("has the right gradient at a logit of exactly 0 (σ(0) − t, no subgradient of a kink)", () => {
    const x = tensor([0, 0], { dtype: "float64", requiresGrad: true });
    bceWithLogitsLoss(x, tensor([1, 0], { dtype: "float64" }), {
      reduction: "sum",
      posWeight: tensor([1, 1], { dtype: "float64" }),
    }).backward();
    expect(vals(x.grad!)).toEqual([-0.5, 0.5]);
  });

  it("posWeight scales the positive term: −(pw·t·log σ(x) + (1 − t)·log(1 − σ(x)))", () => {
    const x = tensor([[0.3, -1.2]], { dtype: "float64" });
    const t = tensor([[1, 0.25]], { dtype: "float64" });
    const pw = tensor([3, 2], { dtype: "float64" });
    const got = vals(bceWithLogitsLoss(x, t, { reduction: "none", posWeight: pw }));
    const ls = (z: number) => Math.log(1 / (1 + Math.exp(-z)));
    expect(got[0]).toBeCloseTo(-(3 * 1 * ls(0.3)), 12);
    expect(got[1]).toBeCloseTo(-(2 * 0.25 * ls(-1.2) + 0.75 * ls(1.2)), 12);
  });
});
