// The function forms of the unary ops: each equals its method and names itself in errors.
import { describe, expect, it } from "vitest";
import {
  abs,
  ceil,
  cos,
  DTypeError,
  elu,
  erf,
  exp,
  exp2,
  floor,
  gelu,
  isfinite,
  isinf,
  isnan,
  leakyRelu,
  log,
  log1p,
  log2,
  log10,
  neg,
  reciprocal,
  relu,
  round,
  rsqrt,
  sigmoid,
  sign,
  silu,
  sin,
  sqrt,
  square,
  type Tensor,
  tan,
  tanh,
  tensor,
  trunc,
  ValueError,
} from "../index.js";

const FUNCTIONS = {
  neg,
  exp,
  log,
  log1p,
  sqrt,
  abs,
  sigmoid,
  tanh,
  relu,
  square,
  sign,
  floor,
  ceil,
  round,
  trunc,
  reciprocal,
  rsqrt,
  sin,
  cos,
  tan,
  log2,
  log10,
  exp2,
  erf,
  isnan,
  isinf,
  isfinite,
  leakyRelu,
  gelu,
  silu,
  elu,
} satisfies Record<string, (input: Tensor) => Tensor>;

const FLOAT_ONLY = new Set(["leakyRelu", "gelu", "silu", "elu"]);

describe("unary function forms", () => {
  const x = tensor(
    [
      [0.25, 1.5, -2.5],
      [3, Number.NaN, -0.75],
    ],
    { dtype: "float64" },
  ).t();
  for (const [name, f] of Object.entries(FUNCTIONS) as [
    keyof typeof FUNCTIONS,
    (input: Tensor) => Tensor,
  ][]) {
    const fn = f as (input: unknown) => Tensor;
    it(`${name}(x) is x.${name}()`, () => {
      const got = fn(x);
      const want = x[name]();
      expect(got.dtype).toBe(want.dtype);
      expect(got.toArray()).toEqual(want.toArray());
      // The activations take floating-point tensors only, as PyTorch's.
      if (FLOAT_ONLY.has(name)) expect(() => fn(tensor([1, 2]))).toThrow(DTypeError);
      else expect(fn(tensor([1, 2])).dtype).toBe(tensor([1, 2])[name]().dtype);
    });
    it(`${name} rejects a non-tensor`, () => {
      expect(() => fn(1.5)).toThrow(ValueError);
      expect(() => fn([1, 2])).toThrow(`${name}: input must be a tensor, got [1, 2]`);
    });
  }
});
