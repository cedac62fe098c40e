// Test helpers: a naive reference implementation on flat row-major arrays with explicit
// index math, fast-check arbitraries for shapes and (possibly non-contiguous) tensors, and
// comparison helpers. Not shipped (tsconfig.build.json excludes *.test-util.ts).
import fc from "fast-check";
import { expect } from "vitest";
import { type DType, fromTypedArray, type Tensor, tensor } from "./index.js";

// ---- the reference: flat row-major arrays --------------------------------------------------

/** A reference tensor: a shape and its values in row-major order. */
export interface Ref {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function rowMajorStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i]!;
  }
  return st;
}

/** Multi-index of flat position `p` in a row-major array of `shape`. */
export function unravel(p: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    const s = shape[d]!;
    idx[d] = p % s;
    p = Math.floor(p / s);
  }
  return idx;
}

export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let p = 0;
  for (let d = 0; d < shape.length; d++) p = p * shape[d]! + idx[d]!;
  return p;
}

/** Builds a reference by evaluating `f` at every multi-index of `shape`. */
export function refFrom(shape: readonly number[], f: (idx: number[]) => number): Ref {
  const n = numel(shape);
  const data = new Array<number>(n);
  for (let p = 0; p < n; p++) data[p] = f(unravel(p, shape));
  return { shape: [...shape], data };
}

export function refAt(r: Ref, idx: readonly number[]): number {
  return r.data[ravel(idx, r.shape)]!;
}

/** Values of a tensor read straight from its storage with its strides and offset. */
export function readStrided(t: Tensor): Ref {
  const st = t.strides;
  const storage = t.storage;
  return refFrom(t.shape, (idx) => {
    let o = t.offset;
    for (let d = 0; d < idx.length; d++) o += idx[d]! * st[d]!;
    return storage[o]!;
  });
}

/** numpy broadcasting of two shapes, or null when they do not broadcast. */
export function refBroadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Value of `r` at an index of the broadcast shape (leading dims dropped, size-1 dims pinned). */
export function broadcastAt(r: Ref, idx: readonly number[]): number {
  const off = idx.length - r.shape.length;
  const own = r.shape.map((s, d) => (s === 1 ? 0 : idx[off + d]!));
  return refAt(r, own);
}

export function refBinary(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref {
  const shape = refBroadcastShape(a.shape, b.shape);
  if (shape === null) throw new Error("reference: shapes do not broadcast");
  return refFrom(shape, (idx) => f(broadcastAt(a, idx), broadcastAt(b, idx)));
}

export function refMap(a: Ref, f: (x: number) => number): Ref {
  return { shape: a.shape, data: a.data.map(f) };
}

export function refPermute(a: Ref, perm: readonly number[]): Ref {
  const shape = perm.map((p) => a.shape[p]!);
  return refFrom(shape, (idx) => {
    const src = new Array<number>(perm.length);
    perm.forEach((p, i) => {
      src[p] = idx[i]!;
    });
    return refAt(a, src);
  });
}

export function refTranspose(a: Ref, d0: number, d1: number): Ref {
  const perm = a.shape.map((_, i) => i);
  perm[d0] = d1;
  perm[d1] = d0;
  return refPermute(a, perm);
}

/** Python slicing `a[..., start:end:step, ...]` along `dim` (start/end already in range). */
export function refSlice(a: Ref, dim: number, start: number, end: number, step: number): Ref {
  const len = end > start ? Math.ceil((end - start) / step) : 0;
  const shape = a.shape.map((s, d) => (d === dim ? len : s));
  return refFrom(shape, (idx) =>
    refAt(
      a,
      idx.map((v, d) => (d === dim ? start + v * step : v)),
    ),
  );
}

export function refSelect(a: Ref, dim: number, index: number): Ref {
  const shape = a.shape.filter((_, d) => d !== dim);
  return refFrom(shape, (idx) => refAt(a, [...idx.slice(0, dim), index, ...idx.slice(dim)]));
}

export function refExpand(a: Ref, shape: readonly number[]): Ref {
  return refFrom(shape, (idx) => broadcastAt(a, idx));
}

/** Same values in row-major order, another shape. */
export function refReshape(a: Ref, shape: readonly number[]): Ref {
  return { shape: [...shape], data: a.data };
}

/**
 * Reduces over `dims` (normalized, any order), calling `f` with the values of each reduced
 * group in row-major order of the reduced dims.
 */
export function refReduce(
  a: Ref,
  dims: readonly number[],
  keepdim: boolean,
  f: (vals: number[]) => number,
): Ref {
  const kept = a.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const groups: number[][] = Array.from({ length: numel(kept) }, () => []);
  for (let p = 0; p < a.data.length; p++) {
    const idx = unravel(p, a.shape);
    const k = ravel(
      idx.map((v, d) => (dims.includes(d) ? 0 : v)),
      kept,
    );
    groups[k]!.push(a.data[p]!);
  }
  const out = groups.map(f);
  return { shape: keepdim ? kept : a.shape.filter((_, d) => !dims.includes(d)), data: out };
}

/** Naive triple loop, C = A @ B for 2-D refs. */
export function refMatmul2d(a: Ref, b: Ref): Ref {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1]!;
  return refFrom([m, n], ([i, j]) => {
    let s = 0;
    for (let q = 0; q < k; q++) s += a.data[i! * k + q]! * b.data[q * n + j!]!;
    return s;
  });
}

export function refCat(parts: readonly Ref[], dim: number): Ref {
  const first = parts[0]!;
  const total = parts.reduce((acc, p) => acc + p.shape[dim]!, 0);
  const shape = first.shape.map((s, d) => (d === dim ? total : s));
  return refFrom(shape, (idx) => {
    let i = idx[dim]!;
    for (const p of parts) {
      const n = p.shape[dim]!;
      if (i < n)
        return refAt(
          p,
          idx.map((v, d) => (d === dim ? i : v)),
        );
      i -= n;
    }
    throw new Error("reference: cat index out of range");
  });
}

/** Normalizes a possibly negative dim. */
export function normDim(d: number, ndim: number): number {
  return d < 0 ? d + ndim : d;
}

// ---- from/to tsgrad ----------------------------------------------------------------------

/** A contiguous tsgrad tensor with the reference's values. */
export function fromRef(r: Ref, dtype: DType): Tensor {
  const n = r.data.length;
  const arr =
    dtype === "float32"
      ? new Float32Array(n)
      : dtype === "float64"
        ? new Float64Array(n)
        : dtype === "int32"
          ? new Int32Array(n)
          : new Uint8Array(n);
  for (let i = 0; i < n; i++) arr[i] = dtype === "bool" ? (r.data[i] ? 1 : 0) : r.data[i]!;
  return fromTypedArray(arr, [...r.shape]);
}

/** Rounds reference values the way storing them in `dtype` does. */
export function castRef(r: Ref, dtype: DType): Ref {
  const arr =
    dtype === "float32"
      ? Float32Array.from(r.data)
      : dtype === "float64"
        ? Float64Array.from(r.data)
        : dtype === "int32"
          ? Int32Array.from(r.data)
          : Uint8Array.from(r.data.map((v) => (v ? 1 : 0)));
  return { shape: r.shape, data: Array.from(arr) };
}

// ---- comparison --------------------------------------------------------------------------

function same(x: number, y: number): boolean {
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

/** Exact comparison of shape and values (NaN equals NaN, 0 equals -0), read through strides. */
export function expectRef(t: Tensor, expected: Ref, what = ""): void {
  const got = readStrided(t);
  expect(got.shape, `shape ${what}`).toEqual([...expected.shape]);
  for (let i = 0; i < expected.data.length; i++) {
    const x = got.data[i]!;
    const y = expected.data[i]!;
    if (!same(x, y)) {
      expect.fail(
        `${what} value at ${JSON.stringify(unravel(i, expected.shape))}: got ${x}, expected ${y} (shape [${expected.shape.join(", ")}])`,
      );
    }
  }
}

/** Like expectRef with a tolerance |got - expected| <= atol + rtol * |expected|. */
export function expectRefClose(t: Tensor, expected: Ref, rtol = 1e-5, atol = 1e-6, what = ""): void {
  const got = readStrided(t);
  expect(got.shape, `shape ${what}`).toEqual([...expected.shape]);
  for (let i = 0; i < expected.data.length; i++) {
    const x = got.data[i]!;
    const y = expected.data[i]!;
    if (same(x, y)) continue;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) {
      expect.fail(
        `${what} value at ${JSON.stringify(unravel(i, expected.shape))}: got ${x}, expected ${y} (shape [${expected.shape.join(", ")}])`,
      );
    }
  }
}

// ---- arbitraries -------------------------------------------------------------------------

export interface ShapeOptions {
  minDims?: number;
  maxDims?: number;
  minSize?: number;
  maxSize?: number;
}

export function arbShape(o: ShapeOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: o.minSize ?? 1, max: o.maxSize ?? 4 }), {
    minLength: o.minDims ?? 0,
    maxLength: o.maxDims ?? 4,
  });
}

/** Two shapes that broadcast together: suffixes of one shape with some dims set to 1. */
export function arbBroadcastPair(o: ShapeOptions = {}): fc.Arbitrary<[number[], number[]]> {
  return arbShape(o).chain((out) => {
    const part = fc
      .tuple(
        fc.integer({ min: 0, max: out.length }),
        fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      )
      .map(([drop, ones]) => out.slice(drop).map((s, i) => (ones[i + drop] ? 1 : s)));
    return fc.tuple(part, part);
  });
}

/** Quarter-integers in [-8, 8]: exact in every float dtype, so most results are exact too. */
export const arbFloatValue = fc.integer({ min: -32, max: 32 }).map((v) => v / 4);
export const arbIntValue = fc.integer({ min: -9, max: 9 });
export const arbBoolValue = fc.integer({ min: 0, max: 1 });

export function arbValueOf(dtype: DType): fc.Arbitrary<number> {
  if (dtype === "bool") return arbBoolValue;
  if (dtype === "int32") return arbIntValue;
  return arbFloatValue;
}

/** How a tensor of a given shape is laid out in memory. */
export type Layout =
  | { kind: "contiguous" }
  /** A contiguous base of permuted shape, permuted back. */
  | { kind: "permuted"; perm: number[] }
  /** A bigger base sliced with a step (nonzero offset, stride > 1). */
  | { kind: "sliced"; dim: number; start: number; step: number; extra: number }
  /** A base with size 1 in `dims`, expanded (stride 0). */
  | { kind: "expanded"; dims: number[] };

export function arbLayout(shape: readonly number[]): fc.Arbitrary<Layout> {
  const nd = shape.length;
  const options: fc.Arbitrary<Layout>[] = [fc.constant<Layout>({ kind: "contiguous" })];
  if (nd >= 2) {
    options.push(
      fc
        .shuffledSubarray(
          shape.map((_, i) => i),
          { minLength: nd, maxLength: nd },
        )
        .map((perm): Layout => ({ kind: "permuted", perm })),
    );
  }
  if (nd >= 1) {
    options.push(
      fc
        .record({
          dim: fc.integer({ min: 0, max: nd - 1 }),
          start: fc.integer({ min: 0, max: 2 }),
          step: fc.integer({ min: 1, max: 3 }),
          extra: fc.integer({ min: 0, max: 2 }),
        })
        .map((r): Layout => ({ kind: "sliced", ...r })),
    );
    const expandable = shape.flatMap((s, i) => (s > 1 ? [i] : []));
    if (expandable.length > 0) {
      options.push(
        fc.subarray(expandable, { minLength: 1 }).map((dims): Layout => ({ kind: "expanded", dims })),
      );
    }
  }
  return fc.oneof(...options);
}

/** Shape of the base tensor that `layout` views as `shape`. */
export function baseShape(shape: readonly number[], layout: Layout): number[] {
  switch (layout.kind) {
    case "contiguous":
      return [...shape];
    case "permuted":
      return layout.perm.map((p) => shape[p]!);
    case "sliced":
      return shape.map((s, d) =>
        d === layout.dim ? layout.start + Math.max(0, (s - 1) * layout.step + 1) + layout.extra : s,
      );
    case "expanded":
      return shape.map((s, d) => (layout.dims.includes(d) ? 1 : s));
  }
}

/** A plain description of a tensor: built into a fresh Tensor by `build` in each run. */
export interface TensorCase {
  readonly shape: number[];
  readonly dtype: DType;
  readonly layout: Layout;
  /** Values of the base, row-major. */
  readonly base: number[];
}

export function arbTensorCaseOf(
  shape: readonly number[],
  dtype: DType,
  values: fc.Arbitrary<number> = arbValueOf(dtype),
): fc.Arbitrary<TensorCase> {
  return arbLayout(shape).chain((layout) => {
    const n = numel(baseShape(shape, layout));
    return fc
      .array(values, { minLength: n, maxLength: n })
      .map((base) => ({ shape: [...shape], dtype, layout, base }));
  });
}

export function arbTensorCase(
  o: ShapeOptions & { dtypes?: readonly DType[]; values?: fc.Arbitrary<number> } = {},
): fc.Arbitrary<TensorCase> {
  return fc
    .tuple(arbShape(o), fc.constantFrom(...(o.dtypes ?? (["float32"] as const))))
    .chain(([shape, dtype]) => arbTensorCaseOf(shape, dtype, o.values));
}

/** A reduction dim argument for `ndim` dims: all (undefined/null), one dim, or a list, negatives included. */
export function arbDims(ndim: number, list = true): fc.Arbitrary<number | number[] | null | undefined> {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  const one = fc.integer({ min: lo, max: hi });
  const all = fc.constantFrom(undefined, null);
  if (!list || ndim === 0) return fc.oneof(all, one);
  const many = fc
    .tuple(
      fc.shuffledSubarray(
        Array.from({ length: ndim }, (_, i) => i),
        // An empty list is PyTorch's legacy "all dims"; not exercised here.
        { minLength: 1 },
      ),
      fc.array(fc.boolean(), { minLength: ndim, maxLength: ndim }),
    )
    .map(([ds, negs]) => ds.map((d, i) => (negs[i] ? d - ndim : d)));
  return fc.oneof(all, one, many);
}

/** Normalized reduced dims of a dim argument (all dims when undefined or null). */
export function normDims(dim: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (dim === undefined || dim === null) return Array.from({ length: ndim }, (_, i) => i);
  if (ndim === 0) return [];
  return (typeof dim === "number" ? [dim] : [...dim]).map((d) => (d < 0 ? d + ndim : d));
}

export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

/** The tensor of a case (a fresh base each call) and the reference of its values. */
export function build(c: TensorCase): { t: Tensor; ref: Ref; base: Tensor } {
  const bshape = baseShape(c.shape, c.layout);
  const baseRef: Ref = { shape: bshape, data: c.base };
  const base = fromRef(baseRef, c.dtype);
  const l = c.layout;
  switch (l.kind) {
    case "contiguous":
      return { t: base, ref: castRef(baseRef, c.dtype), base };
    case "permuted": {
      const inv = inversePerm(l.perm);
      return { t: base.permute(inv), ref: castRef(refPermute(baseRef, inv), c.dtype), base };
    }
    case "sliced": {
      const len = c.shape[l.dim]!;
      const end = l.start + Math.max(0, (len - 1) * l.step + 1);
      return {
        t: base.slice(l.dim, l.start, end, l.step),
        ref: castRef(refSlice(baseRef, l.dim, l.start, end, l.step), c.dtype),
        base,
      };
    }
    case "expanded":
      return { t: base.expand(c.shape), ref: castRef(refExpand(baseRef, c.shape), c.dtype), base };
  }
}

/** A tensor from nested arrays with an explicit dtype (shorthand for tests). */
export function tt(data: Parameters<typeof tensor>[0], dtype: DType = "float32"): Tensor {
  return tensor(data, { dtype });
}
