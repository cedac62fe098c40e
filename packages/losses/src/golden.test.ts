// Every loss x reduction x option against PyTorch 1.13 (fixtures/golden-losses.json, made by
// scripts/golden_losses.py): values and input gradients, float32 to ~1e-5 relative, float64 to
// 1e-10.
import { readFileSync } from "node:fs";
import { type DType, fromTypedArray, type Tensor } from "@tsgrad/tensor";
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

type Num = number | "nan" | "inf" | "-inf";
interface Spec {
  shape: number[];
  dtype: "float32" | "float64" | "int32";
  data: Num[];
}
interface Case {
  name: string;
  fn: string;
  inputs: Record<string, Spec>;
  options: {
    reduction: Reduction;
    ignoreIndex?: number;
    labelSmoothing?: number;
    delta?: number;
    beta?: number;
  };
  value: { shape: number[]; data: Num[] };
  gradOutput: Num[];
  grads: Record<string, Num[]>;
}

const golden = JSON.parse(
  readFileSync(new URL("./fixtures/golden-losses.json", import.meta.url), "utf8"),
) as {
  cases: Case[];
};

function num(v: Num): number {
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Number.POSITIVE_INFINITY;
  if (v === "-inf") return Number.NEGATIVE_INFINITY;
  return v;
}

function make(spec: Spec, dtype: DType): Tensor {
  const values = spec.data.map(num);
  const arr =
    dtype === "int32"
      ? Int32Array.from(values)
      : dtype === "float64"
        ? Float64Array.from(values)
        : Float32Array.from(values);
  return fromTypedArray(arr, spec.shape);
}

function run(c: Case, t: Record<string, Tensor>): Tensor {
  const { input, target } = t as { input: Tensor; target: Tensor };
  const o = c.options;
  const weight = t.weight ?? null;
  switch (c.fn) {
    case "mseLoss":
      return mseLoss(input, target, o);
    case "l1Loss":
      return l1Loss(input, target, o);
    case "huberLoss":
      return huberLoss(input, target, o);
    case "smoothL1Loss":
      return smoothL1Loss(input, target, o);
    case "squaredLoss":
      return squaredLoss(input, target, o);
    case "crossEntropy":
      return crossEntropy(input, target, { ...o, weight });
    case "nllLoss":
      return nllLoss(input, target, { ...o, weight });
    case "bceLoss":
      return bceLoss(input, target, { ...o, weight });
    case "bceWithLogitsLoss":
      return bceWithLogitsLoss(input, target, { ...o, weight, posWeight: t.posWeight ?? null });
    default:
      throw new Error(`golden: unknown loss ${c.fn}`);
  }
}

function expectClose(got: ArrayLike<number>, want: readonly Num[], dtype: string, what: string): void {
  expect(got.length, what).toBe(want.length);
  const rtol = dtype === "float32" ? 1e-5 : 1e-10;
  const atol = dtype === "float32" ? 1e-6 : 1e-12;
  for (let i = 0; i < want.length; i++) {
    const w = num(want[i]!);
    const g = got[i]!;
    if (Number.isNaN(w)) {
      expect(Number.isNaN(g), `${what}[${i}]: ${g} should be NaN`).toBe(true);
      continue;
    }
    const ok = Math.abs(g - w) <= atol + rtol * Math.abs(w);
    expect(ok, `${what}[${i}]: got ${g}, PyTorch ${w}`).toBe(true);
  }
}

describe("losses match PyTorch 1.13", () => {
  it("has a case for every loss, reduction and dtype", () => {
    const seen = new Set(golden.cases.map((c) => `${c.fn} ${c.options.reduction} ${c.inputs.input!.dtype}`));
    for (const fn of [
      "mseLoss",
      "l1Loss",
      "huberLoss",
      "smoothL1Loss",
      "squaredLoss",
      "crossEntropy",
      "nllLoss",
      "bceLoss",
      "bceWithLogitsLoss",
    ]) {
      for (const r of ["none", "mean", "sum"]) {
        for (const d of ["float32", "float64"])
          expect(seen.has(`${fn} ${r} ${d}`), `${fn} ${r} ${d}`).toBe(true);
      }
    }
  });

  for (const c of golden.cases) {
    it(c.name, () => {
      const tensors: Record<string, Tensor> = {};
      for (const [k, spec] of Object.entries(c.inputs)) {
        const t = make(spec, spec.dtype);
        if (k in c.grads) t.requiresGrad_(true);
        tensors[k] = t;
      }
      const dtype = c.inputs.input!.dtype;
      const out = run(c, tensors);
      expect(out.shape).toEqual(c.value.shape);
      expect(out.dtype).toBe(dtype);
      expectClose(out.toTypedArray(), c.value.data, dtype, `${c.name} value`);
      out.backward(make({ shape: c.value.shape, dtype, data: c.gradOutput }, dtype));
      for (const [k, want] of Object.entries(c.grads)) {
        const g = tensors[k]!.grad;
        expect(g, `${k}.grad`).not.toBeNull();
        expectClose(g!.toTypedArray(), want, dtype, `${c.name} grad of ${k}`);
      }
    });
  }
});
