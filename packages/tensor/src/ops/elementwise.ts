// Broadcasting elementwise ops: arithmetic, comparisons, unary math, where, in-place forms.
import { dispatch } from "../dispatch.js";
import { type DType, floatResult, isFloating, promoteTypes, promoteWithScalar } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { type BlockPlan, planBlocks, planRows, walkBlocks, walkRows } from "../iter.js";
import { binaryWasm } from "../kernels/binary-wasm.js";
import { binaryLoop, unaryLoop } from "../kernels/codegen.js";
import { expWasm, sigmoidWasm } from "../kernels/exp-wasm.js";
import { broadcastShapes, broadcastStrides, sameShape } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { contiguousData } from "./convert.js";

/** Expressions of the binary ops, over `x` and `y` (see kernels/codegen.ts). */
const BINARY = {
  add: "x + y",
  sub: "x - y",
  mul: "x * y",
  div: "x / y",
  pow: "Math.pow(x, y)",
  // NaN-propagating, like torch.maximum / torch.minimum.
  maximum: "(x > y || x !== x) ? x : y",
  minimum: "(x < y || x !== x) ? x : y",
  eq: "x === y",
  ne: "x !== y",
  lt: "x < y",
  le: "x <= y",
  gt: "x > y",
  ge: "x >= y",
  copy: "y",
} as const;

export type BinaryOp = Exclude<keyof typeof BINARY, "copy">;
const COMPARISONS = new Set<string>(["eq", "ne", "lt", "le", "gt", "ge"]);

/** Expressions of the unary ops over `x`, with parameters `p`, `q`. */
const UNARY = {
  neg: "-x",
  exp: "Math.exp(x)",
  log: "Math.log(x)",
  log1p: "Math.log1p(x)",
  sqrt: "Math.sqrt(x)",
  abs: "Math.abs(x)",
  // Stable on both sides: exp never overflows.
  sigmoid: "x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))",
  tanh: "Math.tanh(x)",
  relu: "x <= 0 ? 0 : x",
  // min before max: with min > max everything becomes max, as in PyTorch; NaN passes through.
  clamp: "Math.min(Math.max(x, p), q)",
} as const;

export type UnaryOp = Exclude<keyof typeof UNARY, "clamp">;
const FLOAT_UNARY = new Set<string>(["exp", "log", "log1p", "sqrt", "sigmoid", "tanh"]);

/** A JS number as a 0-dim tensor of the dtype it computes in. */
export function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const t = empty(dtype, []);
  t.storage[0] = typeof v === "boolean" ? (v ? 1 : 0) : v;
  return t;
}

/** Result dtype of a binary op, PyTorch's rules: 0-dim tensors and numbers only lift the category. */
function resultType(a: Tensor, b: TensorLike): DType {
  if (!(b instanceof Tensor)) return promoteWithScalar(a.dtype, b);
  if (a.ndim === 0 && b.ndim > 0) return liftCategory(b.dtype, a.dtype);
  if (b.ndim === 0 && a.ndim > 0) return liftCategory(a.dtype, b.dtype);
  return promoteTypes(a.dtype, b.dtype);
}

/** PyTorch's dtype categories: bool < integer < floating point. */
function category(d: DType): number {
  return isFloating(d) ? 2 : d === "int32" ? 1 : 0;
}

function liftCategory(dim: DType, zeroDim: DType): DType {
  return category(zeroDim) > category(dim) ? zeroDim : dim;
}

function computeType(op: string, common: DType): DType {
  if (op === "div") return floatResult(common);
  return common;
}

function checkPow(exponent: TensorLike, common: DType): void {
  if (isFloating(common)) return;
  const negative = exponent instanceof Tensor ? exponent.lt(0).any().item() !== 0 : exponent < 0;
  if (negative) throw new ValueError("pow: integers to negative integer powers are not allowed");
}

function asTensor(x: TensorLike, dtype: DType): Tensor {
  return x instanceof Tensor ? x : scalarTensor(x, dtype);
}

/** The loop plan of `out` (any strides) from a and b broadcast to out's shape. */
function binaryPlan(out: Tensor, a: Tensor, b: Tensor): BlockPlan {
  const shape = out.shape;
  const sa = sameShape(a.shape, shape) ? a.strides : broadcastStrides(a.shape, a.strides, shape);
  const sb = sameShape(b.shape, shape) ? b.strides : broadcastStrides(b.shape, b.strides, shape);
  return planBlocks(shape, [out.strides, sa, sb]);
}

/** Runs a binary loop over `out` (any strides) from a and b broadcast to out's shape. */
function run(expr: string, out: Tensor, a: Tensor, b: Tensor, plan = binaryPlan(out, a, b)): void {
  const loop = binaryLoop(expr, out.storage, a.storage, b.storage);
  const [os, as, bs] = plan.inner as [number, number, number];
  const [os1, as1, bs1] = plan.mid as [number, number, number];
  const o = out.storage;
  const ad = a.storage;
  const bd = b.storage;
  const { n, m } = plan;
  walkBlocks(plan, [out.offset, a.offset, b.offset], (off) =>
    loop(o, off[0]!, os, os1, ad, off[1]!, as, as1, bd, off[2]!, bs, bs1, n, m),
  );
}

/** Writes `src` (broadcast, converted) into the view `dst`; no dispatch (a kernel helper). */
export function copyValues(dst: Tensor, src: Tensor): void {
  run(dst.dtype === "bool" ? "y ? 1 : 0" : BINARY.copy, dst, dst, src);
}

export function binary(op: BinaryOp, a: Tensor, other: TensorLike): Tensor {
  const common = resultType(a, other);
  if (op === "pow") checkPow(other, common);
  const b = asTensor(other, common);
  const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(op, a.shape, b.shape);
  if (common === "bool" && op === "sub") {
    throw new DTypeError(
      "sub: Subtraction, the `-` operator, with two bool tensors is not supported; use logical ops or convert with .int() first",
    );
  }
  const outType = COMPARISONS.has(op) ? "bool" : computeType(op, common);
  // Arithmetic into a bool output (add is logical or, mul logical and) must store 0 or 1.
  const expr = outType === "bool" && !COMPARISONS.has(op) ? `(${BINARY[op]}) ? 1 : 0` : BINARY[op];
  return dispatch(op, [a, b], {}, () => {
    // The loop (or kernel) writes every element: no need to zero the result first.
    const out = empty(outType, shape, false);
    const plan = binaryPlan(out, a, b);
    // Float32 arithmetic on the wasm kernel when the plan fits it (kernels/binary-wasm.ts).
    const o = out.storage;
    const x = a.storage;
    const y = b.storage;
    if (
      (op === "add" || op === "sub" || op === "mul" || op === "div") &&
      o instanceof Float32Array &&
      x instanceof Float32Array &&
      y instanceof Float32Array &&
      binaryWasm(op, plan, o, x, a.offset, y, b.offset)
    )
      return out;
    run(expr, out, a, b, plan);
    return out;
  });
}

/** `self op= other`: the broadcast shape must be self's shape, and the result must fit self's dtype. */
export function binaryInplace(
  name: "add_" | "sub_" | "mul_" | "div_" | "copy_",
  self: Tensor,
  other: TensorLike,
): void {
  const op = name.slice(0, -1) as "add" | "sub" | "mul" | "div" | "copy";
  const common = op === "copy" ? self.dtype : computeType(op, resultType(self, other));
  if (op !== "copy" && category(common) > category(self.dtype)) {
    throw new DTypeError(
      `${name}: result type ${common} can't be cast to the desired output type ${self.dtype}`,
    );
  }
  if (self.dtype === "bool" && op === "sub") {
    throw new DTypeError(
      "sub_: Subtraction, the `-` operator, with two bool tensors is not supported; use logical ops or convert with .int() first",
    );
  }
  // Like PyTorch, refuse to write where several elements share one memory location.
  if (self.numel() > 1 && self.shape.some((n, i) => n > 1 && self.strides[i] === 0)) {
    throw new ValueError(
      `${name}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation. The tensor has shape ${fmtShape(self.shape)} and strides ${fmtShape(self.strides)}.`,
    );
  }
  const b = asTensor(other, self.dtype);
  const shape = broadcastShapes(name, self.shape, b.shape);
  if (!sameShape(shape, self.shape)) {
    throw new ShapeError(
      `${name}: output with shape ${fmtShape(self.shape)} doesn't match the broadcast shape ${fmtShape(shape)}`,
    );
  }
  dispatch(
    name,
    [self, b],
    {},
    () => {
      // Reading and writing the same storage is safe elementwise, except when `b` overlaps
      // self with another layout (x.add_(x.t())): copy b first then.
      const src =
        b.storage === self.storage && !sameLayout(b, self)
          ? fromStorage(contiguousData(b), b.dtype, b.shape)
          : b;
      if (op === "copy") copyValues(self, src);
      else run(self.dtype === "bool" ? `(${BINARY[op]}) ? 1 : 0` : BINARY[op], self, self, src);
      self.version++;
      return self;
    },
    true,
  );
}

function sameLayout(a: Tensor, b: Tensor): boolean {
  return a.offset === b.offset && sameShape(a.shape, b.shape) && sameShape(a.strides, b.strides);
}

export function unary(op: UnaryOp, a: Tensor): Tensor {
  if (op === "neg" && a.dtype === "bool") {
    throw new DTypeError(
      "neg: negation, the `-` operator, on a bool tensor is not supported; use logicalNot",
    );
  }
  const outType = FLOAT_UNARY.has(op) ? floatResult(a.dtype) : a.dtype;
  return dispatch(op, [a], {}, () => {
    const out = empty(outType, a.shape, false);
    if ((op === "exp" || op === "sigmoid") && a.storage instanceof Float32Array && a.isContiguous()) {
      const kernel = op === "exp" ? expWasm : sigmoidWasm;
      if (kernel(a.storage, a.offset, a.numel(), out.storage as Float32Array, 0)) return out;
    }
    return mapInto(UNARY[op], out, a, 0, 0);
  });
}

function mapInto(expr: string, out: Tensor, a: Tensor, p: number, q: number): Tensor {
  const plan = planBlocks(a.shape, [out.strides, a.strides]);
  const loop = unaryLoop(expr, out.storage, a.storage);
  const [os, as] = plan.inner as [number, number];
  const [os1, as1] = plan.mid as [number, number];
  const o = out.storage;
  const ad = a.storage;
  const { n, m } = plan;
  walkBlocks(plan, [out.offset, a.offset], (off) =>
    loop(o, off[0]!, os, os1, ad, off[1]!, as, as1, n, m, p, q),
  );
  return out;
}

export function clamp(a: Tensor, min: number | null, max: number | null): Tensor {
  if (min === null && max === null)
    throw new ValueError("clamp: at least one of 'min' or 'max' must not be None");
  const outType = [min, max].some((v) => v !== null && !Number.isInteger(v)) ? floatResult(a.dtype) : a.dtype;
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  return dispatch("clamp", [a], { min, max }, () =>
    mapInto(UNARY.clamp, empty(outType, a.shape, false), a, lo, hi),
  );
}

export function clampInplace(a: Tensor, min: number | null, max: number | null): void {
  if (min === null && max === null)
    throw new ValueError("clamp_: at least one of 'min' or 'max' must not be None");
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  dispatch(
    "clamp_",
    [a],
    { min, max },
    () => {
      mapInto(UNARY.clamp, a, a, lo, hi);
      a.version++;
      return a;
    },
    true,
  );
}

export function fillInplace(name: "zero_" | "fill_", a: Tensor, value: number | boolean): void {
  dispatch(
    name,
    [a],
    { value },
    () => {
      const v = a.dtype === "bool" ? (value ? 1 : 0) : Number(value);
      if (a.isContiguous()) a.storage.fill(v, a.offset, a.offset + a.numel());
      else mapInto("p", a, a, v, 0);
      a.version++;
      return a;
    },
    true,
  );
}

/** `condition ? x : y` elementwise, all three broadcast together. */
export function where(condition: Tensor, x: TensorLike, y: TensorLike): Tensor {
  if (condition.dtype !== "bool") {
    throw new DTypeError(`where: expected condition to be a bool tensor, got ${condition.dtype}`);
  }
  const xt = x instanceof Tensor ? x : null;
  const yt = y instanceof Tensor ? y : null;
  let dtype: DType;
  if (xt && yt) dtype = promoteTypes(xt.dtype, yt.dtype);
  else if (xt) dtype = promoteWithScalar(xt.dtype, y as number);
  else if (yt) dtype = promoteWithScalar(yt.dtype, x as number);
  else dtype = Number.isInteger(x) && Number.isInteger(y) ? "int32" : "float32";
  const a = asTensor(x, dtype);
  const b = asTensor(y, dtype);
  const shape = broadcastShapes("where", condition.shape, a.shape, b.shape);
  return dispatch("where", [condition, a, b], {}, () => {
    const out = empty(dtype, shape);
    // Two passes through the binary loop: copy y, then overwrite with x where condition holds.
    run(BINARY.copy, out, out, b);
    const mask = fromStorage(condition.storage, "bool", condition.shape, condition.strides, condition.offset);
    const xs = broadcastStrides(a.shape, a.strides, shape);
    const cs = broadcastStrides(mask.shape, mask.strides, shape);
    const plan = planRows(shape, [out.strides, xs, cs]);
    const [os, xst, cst] = plan.inner as [number, number, number];
    const o = out.storage;
    const ad = a.storage;
    const cd = mask.storage;
    const n = plan.n;
    walkRows(plan, [out.offset, a.offset, mask.offset], (off) => {
      const o0 = off[0]!;
      const a0 = off[1]!;
      const c0 = off[2]!;
      for (let i = 0; i < n; i++) if (cd[c0 + i * cst]) o[o0 + i * os] = ad[a0 + i * xst]!;
    });
    return out;
  });
}
