// leakyRelu, gelu, silu, elu: values at the edges, PyTorch's dtype rules, checked arguments and
// the function forms. Goldens (ops/golden.test.ts) and gradchecks (@tsgrad/autograd) do the rest.
import { describe, expect, it } from "vitest";
import { DTypeError, elu, erf, gelu, leakyRelu, silu, type Tensor, tensor, ValueError } from "../index.js";

const f64 = (values: number[]): Tensor => tensor(values, { dtype: "float64" });
const values = (t: Tensor): number[] => Array.from(t.toTypedArray());
const EDGES = [-1000, -40, -3, -0.5, -0, 0, 0.5, 3, 40, 1000];

describe("activations", () => {
  it("leakyRelu: x above 0, slope · x at and below (NaN kept)", () => {
    const x = f64([-2, -0, 0, 3, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(values(x.leakyRelu())).toEqual([-0.02, -0, 0, 3, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(values(x.leakyRelu(0.2))).toEqual([-0.4, -0, 0, 3, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(values(f64([-2, 3]).leakyRelu(-0.5))).toEqual([1, 3]);
  });

  it("gelu: x·Φ(x) from erf's own kernel, and PyTorch's tanh approximation", () => {
    const x = f64(EDGES);
    // The same roundings as x · 0.5 · (1 + erf(x/√2)) op by op: the kernel calls erf's function.
    expect(values(x.gelu())).toEqual(values(x.mul(0.5).mul(erf(x.mul(Math.SQRT1_2)).add(1))));
    const u = (v: number) => 0.7978845608028654 * (v + 0.044715 * (v * v * v));
    const tanhRef = EDGES.map((v) => 0.5 * v * (1 + Math.tanh(u(v))));
    expect(values(x.gelu({ approximate: "tanh" }))).toEqual(tanhRef);
    // Values from PyTorch 1.13 (float64).
    const exact = values(f64([-3, -0.5, 0.5, 3]).gelu());
    const torch = [-0.0040496940948903, -0.15426876936299344, 0.34573123063700656, 2.99595030590511];
    for (let i = 0; i < torch.length; i++) expect(exact[i]).toBeCloseTo(torch[i]!, 14);
    // Like PyTorch: -∞ · 0 is NaN at -∞.
    expect(values(f64([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]).gelu())).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("silu is x·σ(x) without overflow at either end", () => {
    const got = values(f64(EDGES).silu());
    for (const [i, v] of EDGES.entries()) expect(got[i]).toBeCloseTo(v / (1 + Math.exp(-v)), 14);
    expect(got[0]).toBe(-0);
    expect(got.at(-1)).toBe(1000);
    expect(values(tensor([-100, 100], { dtype: "float32" }).silu())).toEqual([
      Math.fround(-100 / (1 + Math.exp(100))),
      100,
    ]);
  });

  it("elu: α(eˣ − 1) at and below 0, accurate for small |x|", () => {
    const x = f64([-1000, -1e-10, 0, 2]);
    expect(values(x.elu())).toEqual([-1, Math.expm1(-1e-10), 0, 2]);
    expect(values(x.elu({ alpha: 0.5 }))).toEqual([-0.5, 0.5 * Math.expm1(-1e-10), 0, 2]);
  });

  it("keeps float32 and float64, as PyTorch", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const x = tensor([-1, 2], { dtype });
      for (const out of [x.leakyRelu(), x.gelu(), x.silu(), x.elu()]) expect(out.dtype).toBe(dtype);
    }
  });

  it("refuses integer and bool tensors, as PyTorch ('not implemented for Int')", () => {
    for (const x of [tensor([1, 2]), tensor([true])]) {
      for (const call of [() => x.leakyRelu(), () => x.gelu(), () => x.silu(), () => x.elu()]) {
        expect(call).toThrow(DTypeError);
      }
    }
    expect(() => tensor([1, 2]).gelu()).toThrow(
      "gelu: input must be a floating-point tensor, got int32 (PyTorch has no gelu for int32)",
    );
  });

  it("checks its arguments, naming the op", () => {
    const x = tensor([1.5]);
    expect(() => x.leakyRelu("0.1" as unknown as number)).toThrow(ValueError);
    expect(() => x.leakyRelu("0.1" as unknown as number)).toThrow(
      'leakyRelu: negativeSlope must be a finite number, got "0.1"',
    );
    expect(() => x.leakyRelu(Number.NaN)).toThrow(
      "leakyRelu: negativeSlope must be a finite number, got NaN",
    );
    expect(() => x.gelu({ approximate: "exact" as "none" })).toThrow(
      'gelu: approximate must be one of "none", "tanh", got "exact"',
    );
    expect(() => x.gelu({ approximat: "tanh" } as never)).toThrow('did you mean "approximate"?');
    expect(() => x.gelu("tanh" as never)).toThrow('gelu: options must be an object of options, got "tanh"');
    expect(() => x.elu({ alpha: Number.POSITIVE_INFINITY })).toThrow(
      "elu: alpha must be a finite number, got Infinity",
    );
    expect(() => x.elu({ alhpa: 2 } as never)).toThrow('did you mean "alpha"?');
  });

  it("function forms equal the methods and check their input", () => {
    const x = f64([-2.5, -0.25, 0, 0.75, 3]).view(1, 5).t();
    expect(values(leakyRelu(x))).toEqual(values(x.leakyRelu()));
    expect(values(leakyRelu(x, 0.3))).toEqual(values(x.leakyRelu(0.3)));
    expect(values(gelu(x))).toEqual(values(x.gelu()));
    expect(values(gelu(x, { approximate: "tanh" }))).toEqual(values(x.gelu({ approximate: "tanh" })));
    expect(values(silu(x))).toEqual(values(x.silu()));
    expect(values(elu(x, { alpha: 0.5 }))).toEqual(values(x.elu({ alpha: 0.5 })));
    const calls: [string, (v: unknown) => Tensor][] = [
      ["leakyRelu", (v) => leakyRelu(v as Tensor)],
      ["gelu", (v) => gelu(v as Tensor)],
      ["silu", (v) => silu(v as Tensor)],
      ["elu", (v) => elu(v as Tensor)],
    ];
    for (const [name, call] of calls) {
      expect(() => call([1, 2])).toThrow(ValueError);
      expect(() => call([1, 2])).toThrow(`${name}: input must be a tensor, got [1, 2]`);
    }
    expect(() => leakyRelu(x, null as unknown as number)).toThrow(
      "leakyRelu: negativeSlope must be a finite number, got null",
    );
  });
});
