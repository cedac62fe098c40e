// crossEntropy and nllLoss: the fused fast path against the composed ops, stability at large
// logits, the d2l scratch formula, soft labels and label smoothing, and which path runs when.
import { arange, fromTypedArray, manualSeed, randint, randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { crossEntropy, nllLoss, type Reduction } from "./index.js";

function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray());
}

function expectAllClose(got: Tensor, want: Tensor, tol: number): void {
  expect(got.shape).toEqual(want.shape);
  const g = values(got);
  const w = values(want);
  for (let i = 0; i < w.length; i++)
    expect(Math.abs(g[i]! - w[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(w[i]!)));
}

/** The composed reference: log-softmax, then the negative log-likelihood (gather). */
function reference(logits: Tensor, y: Tensor, reduction: Reduction, ignoreIndex = -100): Tensor {
  return nllLoss(logits.logSoftmax(1), y, { reduction, ignoreIndex });
}

function gradOf(make: (x: Tensor) => Tensor, x0: Tensor): { value: Tensor; grad: Tensor } {
  const x = x0.clone().requiresGrad_();
  const value = make(x);
  (value.ndim === 0 ? value : value.mul(arange(value.numel()).view(value.shape).float().add(1)))
    .sum()
    .backward();
  return { value: value.detach(), grad: x.grad! };
}

describe("crossEntropy: fused path", () => {
  manualSeed(7);
  const logits = randn([256, 10]).mul(3);
  const y = randint(0, 10, [256]);
  const yIgnored = y.clone();
  yIgnored.storage[3] = -100;
  yIgnored.storage[100] = -100;

  for (const reduction of ["none", "mean", "sum"] as const) {
    it(`matches logSoftmax + nllLoss on the softmax-regression batch [256, 10] (${reduction})`, () => {
      const fused = gradOf((x) => crossEntropy(x, y, { reduction }), logits);
      const composed = gradOf((x) => reference(x, y, reduction), logits);
      expectAllClose(fused.value, composed.value, 1e-5);
      expectAllClose(fused.grad, composed.grad, 1e-6);
    });

    it(`skips ignored targets like the composed ops (${reduction})`, () => {
      const fused = gradOf((x) => crossEntropy(x, yIgnored, { reduction }), logits);
      const composed = gradOf((x) => reference(x, yIgnored, reduction), logits);
      expectAllClose(fused.value, composed.value, 1e-5);
      expectAllClose(fused.grad, composed.grad, 1e-6);
      expect(values(fused.grad.select(0, 3)).every((v) => v === 0)).toBe(true);
    });
  }

  it("takes one scale for every row when the per-row losses are averaged (the trainer's l.mean())", () => {
    const fused = gradOf((x) => crossEntropy(x, yIgnored, { reduction: "none" }).mean(), logits);
    const composed = gradOf((x) => reference(x, yIgnored, "none").mean(), logits);
    expectAllClose(fused.value, composed.value, 1e-5);
    expectAllClose(fused.grad, composed.grad, 1e-7);
    expect(values(fused.grad.select(0, 100)).every((v) => v === 0)).toBe(true);
    // All rows ignored: a zero gradient, not 0 · ∞.
    const allIgnored = gradOf((x) => crossEntropy(x, y.mul(0).sub(100), { reduction: "mean" }), logits);
    expect(values(allIgnored.grad).every((v) => v === 0)).toBe(true);
  });

  it("is one graph node, tensor's fused SoftmaxCrossEntropyBackward, for [N, C] class indices", () => {
    const x = logits.clone().requiresGrad_();
    expect(crossEntropy(x, y).gradFn?.name).toBe("SoftmaxCrossEntropyBackward");
  });

  it("takes the composed path for weights, label smoothing, soft labels and extra dims", () => {
    const x = logits.clone().requiresGrad_();
    const weight = tensor([1, 2, 1, 1, 1, 1, 1, 1, 1, 1], { dtype: "float32" });
    const names = [
      crossEntropy(x, y, { weight }),
      crossEntropy(x, y, { labelSmoothing: 0.1 }),
      crossEntropy(x, x.detach().softmax(1)),
      crossEntropy(x.view(32, 8, 10).transpose(1, 2), y.view(32, 8)),
    ].map((l) => l.gradFn?.name);
    expect(names.every((n) => n !== undefined && n !== "FusedCrossEntropyBackward")).toBe(true);
  });

  it("reads non-contiguous logits and targets", () => {
    const xt = logits.t().contiguous().t(); // same values, column-major strides
    expect(xt.isContiguous()).toBe(false);
    const yy = tensor(Array.from({ length: 512 }, (_, i) => (i % 2 === 0 ? (y.storage[i / 2] as number) : 0)))
      .view(256, 2)
      .select(1, 0);
    expect(yy.isContiguous()).toBe(false);
    const a = gradOf((x) => crossEntropy(x.t().contiguous().t(), yy), logits);
    const b = gradOf((x) => crossEntropy(x, y), logits);
    expectAllClose(a.value, b.value, 1e-6);
    expectAllClose(a.grad, b.grad, 1e-7);
  });

  it("accumulates into .grad like every backward", () => {
    const x = logits.clone().requiresGrad_();
    crossEntropy(x, y).backward();
    const once = values(x.grad!);
    crossEntropy(x, y).backward();
    values(x.grad!).forEach((v, i) => {
      expect(v).toBeCloseTo(2 * once[i]!, 6);
    });
  });

  it("unbatched [C] logits with a 0-d target give a 0-d loss in every reduction", () => {
    const x = tensor([1, 2, 3], { dtype: "float32" });
    for (const reduction of ["none", "mean", "sum"] as const) {
      const l = crossEntropy(x, tensor(2), { reduction });
      expect(l.shape).toEqual([]);
      expect(l.item()).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, 6);
    }
  });

  it("'mean' over targets that are all ignored is NaN with a zero gradient, as in PyTorch", () => {
    const x = logits.narrow(0, 0, 2).clone().requiresGrad_();
    const l = crossEntropy(x, tensor([-100, -100]));
    expect(Number.isNaN(l.item())).toBe(true);
    l.backward();
    expect(values(x.grad!).every((v) => v === 0)).toBe(true);
  });

  it("flushes float32 probabilities below the smallest normal to 0 in the gradient", () => {
    // e^-100 ≈ 3.7e-44 is subnormal in float32 (slow in wasm kernels downstream), not in float64.
    const x32 = tensor([[0, -100]], { dtype: "float32", requiresGrad: true });
    crossEntropy(x32, tensor([0])).backward();
    expect(x32.grad!.storage[1]).toBe(0);
    const x64 = tensor([[0, -100]], { dtype: "float64", requiresGrad: true });
    crossEntropy(x64, tensor([0])).backward();
    expect(x64.grad!.storage[1]).toBeGreaterThan(0);
  });
});

describe("crossEntropy: stability", () => {
  const big = tensor(
    [
      [1000, -1000, 0],
      [-1000, 1000, 999],
    ],
    { dtype: "float32" },
  );
  const y = tensor([1, 2]);

  it("the naive softmax then log overflows at logits of ±1000; the fused loss stays finite", () => {
    // d2l's scratch softmax: exp, then divide by the row sum; exp(1000) is inf, inf / inf is NaN.
    const e = big.exp();
    const naiveSoftmax = e.div(e.sum(1, true));
    const naive = naiveSoftmax
      .index([arange(2), y])
      .log()
      .neg();
    expect(values(naive).some((v) => !Number.isFinite(v))).toBe(true);
    // Even a stable softmax, once rounded to float32, cannot be logged: e^-2000 is 0, log 0 = -inf.
    const viaSoftmax = big
      .softmax(1)
      .index([arange(2), y])
      .log()
      .neg();
    expect(values(viaSoftmax)[0]).toBe(Number.POSITIVE_INFINITY);

    const x = big.clone().requiresGrad_();
    const fused = crossEntropy(x, y, { reduction: "none" });
    expect(values(fused)[0]).toBeCloseTo(2000, 3);
    expect(values(fused)[1]).toBeCloseTo(1 + Math.log1p(Math.exp(-1)), 3);
    fused.sum().backward();
    expect(values(x.grad!).every(Number.isFinite)).toBe(true);
    // softmax − onehot: row 0 puts all mass on class 0; row 1 splits it e : 1 between classes 1, 2.
    const p1 = 1 / (1 + Math.exp(-1));
    const want = [1, -1, 0, 0, p1, -p1];
    values(x.grad!).forEach((v, i) => {
      expect(v).toBeCloseTo(want[i]!, 6);
    });
  });

  it("the composed path (label smoothing, soft labels) is finite at ±1000 too", () => {
    for (const make of [
      (x: Tensor) => crossEntropy(x, y, { labelSmoothing: 0.1 }),
      (x: Tensor) =>
        crossEntropy(
          x,
          tensor(
            [
              [0.2, 0.5, 0.3],
              [0.1, 0.1, 0.8],
            ],
            { dtype: "float32" },
          ),
        ),
      (x: Tensor) => crossEntropy(x, y, { weight: tensor([1, 2, 3], { dtype: "float32" }) }),
    ]) {
      const x = big.clone().requiresGrad_();
      const l = make(x);
      expect(Number.isFinite(l.item())).toBe(true);
      l.backward();
      expect(values(x.grad!).every(Number.isFinite)).toBe(true);
    }
  });
});

describe("the d2l scratch cross-entropy with tensor ops alone", () => {
  it("-log(yHat[range(n), y]) equals crossEntropy(logits, y, 'none') at ordinary logits", () => {
    manualSeed(1);
    const logits = randn([6, 4]);
    const y = tensor([0, 3, 1, 1, 2, 0]);
    const yHat = logits.softmax(1);
    const scratch = yHat
      .index([arange(6), y])
      .log()
      .neg();
    expectAllClose(scratch, crossEntropy(logits, y, { reduction: "none" }), 1e-6);
    // gather is the other spelling of the same pick.
    const gathered = yHat.gather(1, y.view(-1, 1)).log().neg().view(-1);
    expectAllClose(gathered, scratch, 1e-7);
  });
});

describe("soft labels and label smoothing", () => {
  manualSeed(3);
  const logits = randn([5, 4], { dtype: "float64" });
  const y = tensor([0, 3, 1, 2, 3]);
  const onehot = fromTypedArray(
    Float64Array.from({ length: 20 }, (_, k) => (k % 4 === (y.storage[Math.floor(k / 4)] as number) ? 1 : 0)),
    [5, 4],
  );

  for (const reduction of ["none", "mean", "sum"] as const) {
    it(`one-hot probabilities give the class-index loss (${reduction})`, () => {
      expectAllClose(
        crossEntropy(logits, onehot, { reduction }),
        crossEntropy(logits, y, { reduction }),
        1e-12,
      );
    });

    it(`label smoothing ε is the soft target (1 − ε)·onehot + ε/C (${reduction})`, () => {
      const smoothed = onehot.mul(0.8).add(0.2 / 4);
      expectAllClose(
        crossEntropy(logits, y, { reduction, labelSmoothing: 0.2 }),
        crossEntropy(logits, smoothed, { reduction }),
        1e-12,
      );
      expectAllClose(
        crossEntropy(logits, y, { reduction, labelSmoothing: 0.2 }),
        crossEntropy(logits, onehot, { reduction, labelSmoothing: 0.2 }),
        1e-12,
      );
    });
  }

  it("class weights: 'mean' divides by the summed weight of the counted targets", () => {
    const weight = tensor([1, 2, 3, 4], { dtype: "float64" });
    const yi = tensor([0, 3, -100, 2, 3]);
    const each = crossEntropy(logits, yi, { reduction: "none", weight });
    const sum = values(each).reduce((a, b) => a + b, 0);
    expect(crossEntropy(logits, yi, { reduction: "sum", weight }).item()).toBeCloseTo(sum, 12);
    expect(crossEntropy(logits, yi, { weight }).item()).toBeCloseTo(sum / (1 + 4 + 3 + 4), 12);
    expect(values(each)[2]).toBe(0);
  });

  it("[N, C, d1] logits equal the [N·d1, C] ones with the class dim moved last", () => {
    const x = randn([2, 4, 3], { dtype: "float64" });
    const t = tensor([
      [0, 1, 3],
      [2, -100, 1],
    ]);
    const flat = x.permute(0, 2, 1).reshape(6, 4);
    for (const reduction of ["none", "mean", "sum"] as const) {
      const a = crossEntropy(x, t, { reduction, labelSmoothing: 0.1 });
      const b = crossEntropy(flat, t.reshape(6), { reduction, labelSmoothing: 0.1 });
      expectAllClose(a.reshape(-1), b.reshape(-1), 1e-12);
    }
  });
});

describe("nllLoss", () => {
  it("picks −input[y] and averages over the counted targets", () => {
    const logp = tensor(
      [
        [-0.5, -1, -2],
        [-3, -0.25, -1],
        [-1, -1, -1.5],
      ],
      { dtype: "float32" },
    );
    const y = tensor([0, 1, -100]);
    expect(values(nllLoss(logp, y, { reduction: "none" }))).toEqual([0.5, 0.25, 0]);
    expect(nllLoss(logp, y).item()).toBeCloseTo(0.375, 7);
    expect(nllLoss(logp, y, { reduction: "sum" }).item()).toBeCloseTo(0.75, 7);
    const w = tensor([2, 4, 1], { dtype: "float32" });
    expect(nllLoss(logp, y, { weight: w }).item()).toBeCloseTo((0.5 * 2 + 0.25 * 4) / 6, 7);
  });

  it("an ignored row contributes 0 even when it holds −inf (log of a zero probability)", () => {
    const probs = tensor(
      [
        [0, 1],
        [0.5, 0.5],
      ],
      { dtype: "float32" },
    );
    const lp = probs.log(); // row 0 is [−inf, 0]
    expect(values(lp)[0]).toBe(Number.NEGATIVE_INFINITY);
    const x = lp.clone().requiresGrad_();
    const l = nllLoss(x, tensor([-100, 1]), { reduction: "sum" });
    expect(l.item()).toBeCloseTo(Math.log(2), 6);
    l.backward();
    expect(values(x.grad!)).toEqual([0, 0, 0, -1]);
  });
});

describe("tied huge logits (PyTorch 1.13's values)", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`${dtype}: crossEntropy of [[1e30, 1e30]] is log 2, with gradient [0.5, -0.5]`, () => {
      const { value, grad } = gradOf(
        (x) => crossEntropy(x, tensor([1], { dtype: "int32" })),
        tensor([[1e30, 1e30]], { dtype }),
      );
      expect(value.item()).toBeCloseTo(Math.LN2, 6);
      expect(values(grad)).toEqual([0.5, -0.5]);
    });

    it(`${dtype}: logSoftmax of [[1e30, 1e30, 0]] and its gradient for cotangent [1, 2, 3]`, () => {
      const x = tensor([[1e30, 1e30, 0]], { dtype }).requiresGrad_();
      const y = x.logSoftmax(1);
      y.mul(tensor([[1, 2, 3]], { dtype }))
        .sum()
        .backward();
      const [a, b, c] = values(y.detach());
      expect(a).toBeCloseTo(-Math.LN2, 6);
      expect(b).toBeCloseTo(-Math.LN2, 6);
      expect(c).toBe(dtype === "float32" ? -Math.fround(1e30) : -1e30);
      const g = values(x.grad!);
      expect(g[0]).toBeCloseTo(-2, 6);
      expect(g[1]).toBeCloseTo(-1, 6);
      expect(g[2]).toBeCloseTo(3, 6);
    });
  }
});
