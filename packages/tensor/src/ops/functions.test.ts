// The function forms of the Tensor methods: each equals its method and names itself in errors.
import { describe, expect, it } from "vitest";
import * as tensorPkg from "../index.js";
import {
  abs,
  add,
  all,
  allclose,
  amax,
  amin,
  any,
  arange,
  argmax,
  argmin,
  argsort,
  atan2,
  bmm,
  ceil,
  chunk,
  clamp,
  clone,
  copysign,
  cos,
  cumsum,
  DTypeError,
  diag,
  diagonal,
  div,
  dot,
  einsum,
  elu,
  eq,
  erf,
  exp,
  exp2,
  flatten,
  flip,
  floor,
  floorDivide,
  fmod,
  gather,
  ge,
  gelu,
  gt,
  indexSelect,
  isclose,
  isfinite,
  isinf,
  isnan,
  le,
  leakyRelu,
  lerp,
  log,
  log1p,
  log2,
  log10,
  logaddexp,
  logSigmoid,
  logSoftmax,
  logsumexp,
  lt,
  maskedFill,
  maskedSelect,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mm,
  mul,
  narrow,
  ne,
  neg,
  nonzero,
  norm,
  numel,
  outer,
  pad,
  permute,
  pow,
  prod,
  reciprocal,
  relu,
  remainder,
  reshape,
  round,
  rsqrt,
  scatter,
  scatterAdd,
  select,
  sigmoid,
  sign,
  silu,
  sin,
  softmax,
  softmin,
  softplus,
  sort,
  split,
  sqrt,
  square,
  squeeze,
  std,
  stdMean,
  sub,
  sum,
  Tensor,
  t,
  tan,
  tanh,
  tensor,
  topk,
  transpose,
  tril,
  triu,
  trunc,
  unflatten,
  unsqueeze,
  ValueError,
  var as variance,
  varMean,
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
  t,
  clone,
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

describe("einsum (a function only, as torch.einsum)", () => {
  it("is matmul for ij,jk->ik and checks its equation", () => {
    const a = arange(6).view(2, 3).float();
    const b = arange(12).view(3, 4).float();
    expect(einsum("ij,jk->ik", a, b).toArray()).toEqual(a.matmul(b).toArray());
    expect(() => einsum(1 as never, a)).toThrow("einsum: equation must be a string, got 1");
  });
});

describe("function forms of the ops with arguments", () => {
  const x = arange(12).view(3, 4).float().t();
  const mask = tensor([true, false, false]);
  const col = tensor([0.5, -1, 2, 0.25]);
  const rows = tensor([
    [0, 2],
    [1, 1],
    [2, 0],
    [2, 2],
  ]);
  /** Each function beside its method, with the same arguments. */
  const PAIRS: [string, (input: unknown) => unknown, (t: Tensor) => unknown][] = [
    ["maskedFill", (i) => maskedFill(i as Tensor, mask, -1), (t) => t.maskedFill(mask, -1)],
    ["split", (i) => split(i as Tensor, [1, 3], 0), (t) => t.split([1, 3], 0)],
    ["chunk", (i) => chunk(i as Tensor, 2, 1), (t) => t.chunk(2, 1)],
    ["flip", (i) => flip(i as Tensor, [0, 1]), (t) => t.flip(0, 1)],
    ["cumsum", (i) => cumsum(i as Tensor, 1), (t) => t.cumsum(1)],
    ["sort", (i) => sort(i as Tensor, 0, true), (t) => t.sort(0, true)],
    ["argsort", (i) => argsort(i as Tensor, 1), (t) => t.argsort(1)],
    ["topk", (i) => topk(i as Tensor, 2, 1, false), (t) => t.topk(2, 1, false)],
    ["tril", (i) => tril(i as Tensor, 1), (t) => t.tril(1)],
    ["triu", (i) => triu(i as Tensor, -1), (t) => t.triu(-1)],
    ["diagonal", (i) => diagonal(i as Tensor, -1), (t) => t.diagonal(-1)],
    ["diag", (i) => diag(i as Tensor, 1), (t) => t.diag(1)],
    ["dot", (i) => dot(i as Tensor, col), (t) => t.select(1, 0).dot(col)],
    ["outer", (i) => outer(i as Tensor, col), (t) => t.select(1, 0).outer(col)],
    ["bmm", (i) => bmm(i as Tensor, x.t().unsqueeze(0)), (t) => t.unsqueeze(0).bmm(x.t().unsqueeze(0))],
    ["lerp", (i) => lerp(i as Tensor, x.flip(0), 0.3), (t) => t.lerp(x.flip(0), 0.3)],
    ["logaddexp", (i) => logaddexp(i as Tensor, col.view(4, 1)), (t) => t.logaddexp(col.view(4, 1))],
    ["copysign", (i) => copysign(i as Tensor, -1), (t) => t.copysign(-1)],
    ["atan2", (i) => atan2(i as Tensor, col.view(4, 1)), (t) => t.atan2(col.view(4, 1))],
    ["isclose", (i) => isclose(i as Tensor, x.add(1e-7)), (t) => t.isclose(x.add(1e-7))],
    ["allclose", (i) => allclose(i as Tensor, x.add(1e-3)), (t) => t.allclose(x.add(1e-3))],
    [
      "sum",
      (i) => sum(i as Tensor, [0, 1], true, { dtype: "float64" }),
      (t) => t.sum([0, 1], true, { dtype: "float64" }),
    ],
    ["mean", (i) => mean(i as Tensor, 1), (t) => t.mean(1)],
    ["prod", (i) => prod(i as Tensor, 0, true), (t) => t.prod(0, true)],
    ["var", (i) => variance(i as Tensor, 1, { correction: 0 }), (t) => t.var(1, { correction: 0 })],
    ["std", (i) => std(i as Tensor, 0, { keepdim: true }), (t) => t.std(0, { keepdim: true })],
    [
      "maskedSelect",
      (i) => maskedSelect(i as Tensor, mask.view(1, 3)),
      (t) => t.maskedSelect(mask.view(1, 3)),
    ],
    [
      "scatter",
      (i) => scatter(i as Tensor, 0, rows.slice(0, 0, 2), 7),
      (t) => t.scatter(0, rows.slice(0, 0, 2), 7),
    ],
    [
      "pad",
      (i) => pad(i as Tensor, [1, -1, 0, 2], { value: 0.5 }),
      (t) => t.pad([1, -1, 0, 2], { value: 0.5 }),
    ],
    ["nonzero", (i) => nonzero(i as Tensor), (t) => t.nonzero()],
    ["norm", (i) => norm(i as Tensor, 3, 1, true), (t) => t.norm(3, 1, true)],
    ["stdMean", (i) => stdMean(i as Tensor, 1, { correction: 0 }), (t) => t.stdMean(1, { correction: 0 })],
    [
      "varMean",
      (i) => varMean(i as Tensor, [0, 1], { keepdim: true }),
      (t) => t.varMean([0, 1], { keepdim: true }),
    ],
    ["logsumexp", (i) => logsumexp(i as Tensor, 1), (t) => t.logsumexp(1)],
    ["amax", (i) => amax(i as Tensor, 0), (t) => t.amax(0)],
    ["amin", (i) => amin(i as Tensor, [0, 1], true), (t) => t.amin([0, 1], true)],
    ["argmax", (i) => argmax(i as Tensor, 1), (t) => t.argmax(1)],
    ["argmin", (i) => argmin(i as Tensor), (t) => t.argmin()],
    ["all", (i) => all(i as Tensor, 1), (t) => t.all(1)],
    ["any", (i) => any(i as Tensor, 0, true), (t) => t.any(0, true)],
    ["softmax", (i) => softmax(i as Tensor, 1), (t) => t.softmax(1)],
    ["softmin", (i) => softmin(i as Tensor, 0), (t) => t.softmin(0)],
    ["logSoftmax", (i) => logSoftmax(i as Tensor, 0), (t) => t.logSoftmax(0)],
    ["clamp", (i) => clamp(i as Tensor, 2, col.view(4, 1).mul(4)), (t) => t.clamp(2, col.view(4, 1).mul(4))],
    ["reshape", (i) => reshape(i as Tensor, [2, -1]), (t) => t.reshape(2, -1)],
    ["transpose", (i) => transpose(i as Tensor, 1, 0), (t) => t.transpose(1, 0)],
    ["permute", (i) => permute(i as Tensor, [1, 0]), (t) => t.permute(1, 0)],
    ["flatten", (i) => flatten(i as Tensor), (t) => t.flatten()],
    ["unflatten", (i) => unflatten(i as Tensor, 0, [2, -1]), (t) => t.unflatten(0, [2, -1])],
    ["squeeze", (i) => squeeze(unsqueeze(i as Tensor, 1), 1), (t) => t.unsqueeze(1).squeeze(1)],
    ["unsqueeze", (i) => unsqueeze(i as Tensor, -1), (t) => t.unsqueeze(-1)],
    ["narrow", (i) => narrow(i as Tensor, 0, 1, 2), (t) => t.narrow(0, 1, 2)],
    ["select", (i) => select(i as Tensor, 1, 2), (t) => t.select(1, 2)],
    ["gather", (i) => gather(i as Tensor, 1, rows), (t) => t.gather(1, rows)],
    [
      "scatterAdd",
      (i) => scatterAdd(i as Tensor, 0, rows, col.view(4, 1).expand(4, 2)),
      (t) => t.scatterAdd(0, rows, col.view(4, 1).expand(4, 2)),
    ],
    [
      "indexSelect",
      (i) => indexSelect(i as Tensor, 0, tensor([3, 0, 3])),
      (t) => t.indexSelect(0, tensor([3, 0, 3])),
    ],
    ["numel", (i) => numel(i as Tensor), (t) => t.numel()],
    ["pow", (i) => pow(i as Tensor, col.view(4, 1)), (t) => t.pow(col.view(4, 1))],
    ["eq", (i) => eq(i as Tensor, 4), (t) => t.eq(4)],
    ["ne", (i) => ne(i as Tensor, x.flip(0)), (t) => t.ne(x.flip(0))],
    ["lt", (i) => lt(i as Tensor, col.view(4, 1)), (t) => t.lt(col.view(4, 1))],
    ["le", (i) => le(i as Tensor, 5), (t) => t.le(5)],
    ["gt", (i) => gt(i as Tensor, x.flip(1)), (t) => t.gt(x.flip(1))],
    ["ge", (i) => ge(i as Tensor, col.view(4, 1).mul(3)), (t) => t.ge(col.view(4, 1).mul(3))],
    ["add", (i) => add(i as Tensor, col.view(4, 1)), (t) => t.add(col.view(4, 1))],
    ["sub", (i) => sub(i as Tensor, 1.5), (t) => t.sub(1.5)],
    ["mul", (i) => mul(i as Tensor, x.flip(0)), (t) => t.mul(x.flip(0))],
    [
      "div",
      (i) => div(i as Tensor, 4, { roundingMode: "floor" }),
      (t) => t.div(4, { roundingMode: "floor" }),
    ],
    ["floorDivide", (i) => floorDivide(i as Tensor, -5), (t) => t.floorDivide(-5)],
    ["remainder", (i) => remainder(i as Tensor, -5), (t) => t.remainder(-5)],
    ["fmod", (i) => fmod(i as Tensor, -5), (t) => t.fmod(-5)],
    ["maximum", (i) => maximum(i as Tensor, col.view(4, 1).mul(4)), (t) => t.maximum(col.view(4, 1).mul(4))],
    ["minimum", (i) => minimum(i as Tensor, 5), (t) => t.minimum(5)],
    ["max", (i) => max(i as Tensor, 1, true), (t) => t.max(1, true)],
    ["min", (i) => min(i as Tensor, x.flip(1)), (t) => t.min(x.flip(1))],
    ["matmul", (i) => matmul(i as Tensor, x.t()), (t) => t.matmul(x.t())],
    ["mm", (i) => mm(i as Tensor, x.t()), (t) => t.mm(x.t())],
    ["softplus", (i) => softplus(i as Tensor, { beta: 2 }), (t) => t.softplus({ beta: 2 })],
    ["logSigmoid", (i) => logSigmoid(i as Tensor), (t) => t.logSigmoid()],
  ];
  const VECTOR_INPUT = new Set(["dot", "outer"]);
  const BATCH_INPUT = new Set(["bmm"]);
  const plain = (v: unknown): unknown => {
    if (typeof v === "boolean" || typeof v === "number") return v;
    if (Array.isArray(v)) return v.map((t: Tensor) => t.toArray());
    if (v instanceof Tensor) return v.toArray();
    // { values, indices }, { std, mean }, { var, mean }: every named tensor, keys included.
    return Object.entries(v as Record<string, Tensor>).map(([k, t]) => [k, t.toArray()]);
  };
  it("every export named like a Tensor method is tested here as its function form", () => {
    const tested = new Set([...Object.keys(FUNCTIONS), ...PAIRS.map(([name]) => name)]);
    // where(condition, input, other) takes the condition first (torch.where); where's tests have it.
    const untested = Object.keys(tensorPkg).filter(
      (name) =>
        typeof Object.getOwnPropertyDescriptor(Tensor.prototype, name)?.value === "function" &&
        !tested.has(name) &&
        name !== "where",
    );
    expect(untested).toEqual([]);
  });
  for (const [name, fn, method] of PAIRS) {
    it(`${name}(x, ...) is x.${name}(...)`, () => {
      const input = VECTOR_INPUT.has(name) ? x.select(1, 0) : BATCH_INPUT.has(name) ? x.unsqueeze(0) : x;
      expect(plain(fn(input))).toEqual(plain(method(x)));
    });
    it(`${name} rejects a non-tensor input`, () => {
      // pow's input may also be a number (torch.pow(2, x)).
      const what = name === "pow" ? "a tensor or a number" : "a tensor";
      expect(() => fn([1, 2])).toThrow(`${name}: input must be ${what}, got [1, 2]`);
    });
  }
});

describe("pow with a number as the base (torch.pow(self: Number, exponent: Tensor))", () => {
  it("computes in the dtype the number promotes to with the exponent", () => {
    const e = tensor([0, 1, 3]);
    expect(pow(2, e).dtype).toBe("int32");
    expect(pow(2, e).toArray()).toEqual([1, 2, 8]);
    expect(pow(0.5, e).dtype).toBe("float32");
    expect(pow(0.5, e).toArray()).toEqual([1, 0.5, 0.125]);
    expect(pow(2, e.double()).dtype).toBe("float64");
    expect(pow(-1, tensor([Number.POSITIVE_INFINITY])).toArray()).toEqual([1]);
  });
  it("refuses what PyTorch refuses", () => {
    expect(() => pow(2, tensor([-1]))).toThrow("pow: integers to negative integer powers are not allowed");
    expect(() => pow("2" as unknown as number, tensor([1, 2]))).toThrow(
      `pow: input must be a tensor or a number, got "2"`,
    );
    expect(() => pow(2, 3 as unknown as Tensor)).toThrow("pow: exponent must be a tensor, got 3");
  });
});
