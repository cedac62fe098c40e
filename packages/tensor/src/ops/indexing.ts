// Indexing by tensors: gather, scatterAdd, indexSelect, advanced indexing, oneHot.

import { argError, checkInt, checkTensor } from "../args.js";
import { arange, zeros } from "../create.js";
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, IndexError, ShapeError } from "../errors.js";
import { planRows, walkRows } from "../iter.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, normalizeDim, numelOf } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import { Tensor } from "../tensor.js";
import { contiguousData, copyInto } from "../values.js";

/**
 * The attribute of the indexing ops along one dim (gather, scatterAdd, indexSelect).
 *
 * @inline
 */
interface DimAttrs {
  readonly dim: number;
}

declare module "../op.js" {
  interface OpAttrs {
    gather: DimAttrs;
    scatterAdd: DimAttrs;
    indexSelect: DimAttrs;
    /** The dims that index tensors index (bool masks already expanded), in order. */
    index: { readonly dims: readonly number[] };
    oneHot: { readonly numClasses: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** `out[i][j] = this[i][index[i][j]]` for dim 1 (torch.gather). */
    gather(dim: number, index: Tensor): Tensor;
    /** A copy with `src` added at `index` along `dim` (torch.scatter_add). */
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    /**
     * The slices of this tensor at the integer positions `index` (1-D) along `dim`, as a new tensor
     * (`torch.index_select`); throws an `IndexError` for an index out of range.
     */
    indexSelect(dim: number, index: Tensor): Tensor;
    /**
     * Advanced indexing with one index tensor (or null for `:`) per leading dim, broadcast
     * together: `yHat.index([arange(n), y])` is `y_hat[range(n), y]`.
     */
    index(indices: readonly (Tensor | null)[]): Tensor;
  }
}

export function requireIndex(op: string, index: Tensor, arg = "index"): void {
  checkTensor(op, arg, index);
  if (index.dtype !== "int32") {
    throw new DTypeError(`${op}: expected index to be an int32 tensor, got ${index.dtype}`);
  }
}

export function outOfRange(op: string, i: number, dim: number, size: number): IndexError {
  return new IndexError(`${op}: index ${i} is out of bounds for dimension ${dim} with size ${size}`);
}

/** Checks the gather/scatter rule: index.size(d) <= self.size(d) for every d != dim. */
export function checkIndexShape(op: string, self: Tensor, dim: number, index: Tensor, what = "input"): void {
  if (index.ndim !== self.ndim && !(self.ndim === 0 && index.ndim <= 1)) {
    throw new ShapeError(
      `${op}: index tensor must have the same number of dimensions as ${what} tensor (index shape ${fmtShape(index.shape)}, ${what} shape ${fmtShape(self.shape)})`,
    );
  }
  for (let d = 0; d < index.ndim; d++) {
    if (d !== dim && index.shape[d]! > (self.shape[d] ?? 1)) {
      throw new ShapeError(
        `${op}: size of dimension ${d} of index ${fmtShape(index.shape)} must not exceed that of ${what} ${fmtShape(self.shape)} (except at dim ${dim})`,
      );
    }
  }
}

/**
 * Walks every element of `index`, calling `visit(indexValue, offsets)` with offsets into
 * [index, base (dim stride zeroed), extra operand] for the same position.
 */
export function walkIndex(
  index: Tensor,
  base: Tensor,
  dim: number,
  extra: { strides: readonly number[]; offset: number },
  visit: (i: number, baseOffset: number, extraOffset: number) => void,
): void {
  const baseStrides = index.shape.map((_, d) => (d === dim ? 0 : (base.strides[d] ?? 0)));
  const plan = planRows(index.shape, [index.strides, baseStrides, extra.strides]);
  const [is, bs, es] = plan.inner as [number, number, number];
  const n = plan.n;
  const id = index.storage;
  walkRows(plan, [index.offset, base.offset, extra.offset], (o) => {
    for (let k = 0; k < n; k++) visit(id[o[0]! + k * is]!, o[1]! + k * bs, o[2]! + k * es);
  });
}

// Gradients are scattered back (and summed where an index repeats) into a zero tensor of the
// input's shape.
const gatherOp = defineOp({
  name: "gather",
  inputs: ["self", "index"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    const dtype = c.inputs[0]!.dtype;
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim;
    return (g) => [zeros(shape, { dtype }).scatterAdd(dim, index, g), null];
  },
});
const scatterAddOp = defineOp({
  name: "scatterAdd",
  inputs: ["self", "index", "src"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim;
    return (g) => [g, null, c.needs[2] ? g.gather(dim, index) : null];
  },
});
const indexSelectOp = defineOp({
  name: "indexSelect",
  inputs: ["self", "index"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const x = c.inputs[0]!;
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim;
    return (g) => {
      if (x.ndim === 0) return [g.sum(), null];
      // Broadcast the 1-D index along the other dims and scatter-add.
      const idxShape = g.shape.map((_, i) => (i === dim ? -1 : 1));
      const idx = index.reshape(idxShape).expand(g.shape).contiguous();
      return [zeros(x.shape, { dtype: x.dtype }).scatterAdd(dim, idx, g), null];
    };
  },
});
const indexOp = defineOp({
  name: "index",
  inputs: ["self", "indices..."],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const x = c.inputs[0]!;
    const indexTensors = c.save(...c.inputs.slice(1));
    const dims = c.attrs.dims;
    return (g) => {
      // Where each output element came from, as flat positions of x: index a tensor of
      // positions the same way, then scatter-add the gradient at those positions.
      const full: (Tensor | null)[] = x.shape.map(() => null);
      dims.forEach((d, k) => {
        full[d] = indexTensors[k]!;
      });
      const positions = arange(x.numel()).reshape(x.shape).index(full);
      const flat = zeros([x.numel()], { dtype: x.dtype }).scatterAdd(0, positions.reshape(-1), g.reshape(-1));
      return [flat.reshape(x.shape), ...indexTensors.map(() => null)];
    };
  },
});
const oneHotOp = defineOp({ name: "oneHot", inputs: ["self"], dtype: () => "int32", grad: null });

registerKernel("gather", {
  backend: "js",
  name: "js-gather",
  accepts: () => true,
  run(c) {
    const [self, index] = c.inputs as [Tensor, Tensor];
    const d = c.attrs.dim;
    const size = self.ndim === 0 ? 1 : self.shape[d]!;
    const stride = self.ndim === 0 ? 0 : self.strides[d]!;
    const out = empty(self.dtype, index.shape);
    const src = self.storage;
    const o = out.storage;
    walkIndex(index, self, d, { strides: out.strides, offset: 0 }, (i, bo, oo) => {
      // Negative indices are out of bounds, as in PyTorch (only advanced indexing wraps them).
      if (i < 0 || i >= size) throw outOfRange("gather", i, d, size);
      o[oo] = src[bo + i * stride]!;
    });
    return out;
  },
});

/**
 * A contiguous copy of `self` with src's elements written (scatter) or added (scatterAdd) at
 * `index` along `dim`: the JS kernel of both ops.
 */
export function scatterCopy(
  op: "scatter" | "scatterAdd",
  self: Tensor,
  index: Tensor,
  src: Tensor,
  d: number,
): Tensor {
  const size = self.ndim === 0 ? 1 : self.shape[d]!;
  const out = fromStorage(contiguousData(self), self.dtype, self.shape);
  const stride = self.ndim === 0 ? 0 : out.strides[d]!;
  const o = out.storage;
  const s = src.storage;
  const add = op === "scatterAdd";
  walkIndex(index, out, d, { strides: src.strides, offset: src.offset }, (i, oo, so) => {
    if (i < 0 || i >= size) throw outOfRange(op, i, d, size);
    const k = oo + i * stride;
    o[k] = add ? o[k]! + s[so]! : s[so]!;
  });
  return out;
}

registerKernel("scatterAdd", {
  backend: "js",
  name: "js-scatterAdd",
  accepts: () => true,
  run(c) {
    const [self, index, src] = c.inputs as [Tensor, Tensor, Tensor];
    return scatterCopy("scatterAdd", self, index, src, c.attrs.dim);
  },
});

registerKernel("indexSelect", {
  backend: "js",
  name: "js-indexSelect",
  accepts: () => true,
  run(c) {
    const [self, index] = c.inputs as [Tensor, Tensor];
    const d = c.attrs.dim;
    // The indices were range-checked before dispatch.
    const idx = contiguousData(index);
    const outShape =
      self.ndim === 0 ? [...index.shape] : self.shape.map((s, k) => (k === d ? idx.length : s));
    const out = empty(self.dtype, outShape);
    if (self.ndim === 0) {
      out.storage.fill(self.storage[self.offset]!);
      return out;
    }
    // Copy one slice of self per index into the matching slice of out.
    const sliceShape = self.shape.filter((_, k) => k !== d);
    const sliceStrides = self.strides.filter((_, k) => k !== d);
    const chunk = numelOf(sliceShape);
    const tmp = new (self.storage.constructor as new (n: number) => typeof self.storage)(chunk);
    const outer = numelOf(outShape.slice(0, d));
    const inner = numelOf(outShape.slice(d + 1));
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      copyInto(
        fromStorage(self.storage, self.dtype, sliceShape, sliceStrides, self.offset + i * self.strides[d]!),
        tmp,
        0,
      );
      // tmp is [outer, inner] in order; place each inner block at out[o, k, :].
      for (let o = 0; o < outer; o++)
        out.storage.set(tmp.subarray(o * inner, (o + 1) * inner), (o * idx.length + k) * inner);
    }
    return out;
  },
});

registerKernel("index", {
  backend: "js",
  name: "js-index",
  accepts: () => true,
  run(c) {
    const self = c.inputs[0]!;
    const idxTensors = c.inputs.slice(1);
    const advanced = c.attrs.dims;
    // The layout index() checked: the broadcast index shape B, and the dims left as slices.
    const bshape = broadcastShapes("index", ...idxTensors.map((t) => t.shape));
    const rest = self.shape.flatMap((_, d) => (advanced.includes(d) ? [] : [d]));
    const adjacent = advanced[advanced.length - 1]! - advanced[0]! === advanced.length - 1;
    const first = advanced[0]!;
    const restBefore = adjacent ? rest.filter((d) => d < first) : [];
    const restAfter = rest.filter((d) => !restBefore.includes(d));
    const outShape = [
      ...restBefore.map((d) => self.shape[d]!),
      ...bshape,
      ...restAfter.map((d) => self.shape[d]!),
    ];
    const out = empty(self.dtype, outShape);
    // Gather into [before..., B..., after...] directly: for each position of B, copy the
    // sub-tensor over the rest dims.
    const nb = numelOf(bshape);
    const bStrides = contiguousStrides(bshape);
    const idxData = idxTensors.map((t) => ({ t, s: broadcastStrides(t.shape, t.strides, bshape) }));
    const restShape = [...restBefore, ...restAfter].map((d) => self.shape[d]!);
    const restStrides = [...restBefore, ...restAfter].map((d) => self.strides[d]!);
    const outStridesFull = contiguousStrides(outShape);
    const nBefore = restBefore.length;
    const outRestStrides = [
      ...outStridesFull.slice(0, nBefore),
      ...outStridesFull.slice(nBefore + bshape.length),
    ];
    const outBStrides = outStridesFull.slice(nBefore, nBefore + bshape.length);
    const plan = planRows(restShape, [restStrides, outRestStrides]);
    const [ss, os] = plan.inner as [number, number];
    const n = plan.n;
    const src = self.storage;
    const o = out.storage;
    if (bshape.length === 1 && restShape.length === 0) {
      // One element per index position (y_hat[range(n), y]): a flat loop, no per-element plan.
      const sizes = advanced.map((d) => self.shape[d]!);
      const strides = advanced.map((d) => self.strides[d]!);
      for (let p = 0; p < nb; p++) {
        let srcOff = self.offset;
        for (let k = 0; k < idxData.length; k++) {
          const { t, s } = idxData[k]!;
          let i = t.storage[t.offset + p * s[0]!]!;
          const size = sizes[k]!;
          if (i < -size || i >= size) throw outOfRange("index", i, advanced[k]!, size);
          if (i < 0) i += size;
          srcOff += i * strides[k]!;
        }
        o[p] = src[srcOff]!;
      }
      return out;
    }
    for (let p = 0; p < nb; p++) {
      let srcOff = self.offset;
      let outOff = 0;
      for (let k = 0; k < idxData.length; k++) {
        const { t, s } = idxData[k]!;
        let io = t.offset;
        for (let d = 0; d < bshape.length; d++) io += (Math.floor(p / bStrides[d]!) % bshape[d]!) * s[d]!;
        const dim = advanced[k]!;
        const size = self.shape[dim]!;
        let i = t.storage[io]!;
        if (i < -size || i >= size) throw outOfRange("index", i, dim, size);
        if (i < 0) i += size;
        srcOff += i * self.strides[dim]!;
      }
      for (let d = 0; d < bshape.length; d++)
        outOff += (Math.floor(p / bStrides[d]!) % bshape[d]!) * outBStrides[d]!;
      walkRows(plan, [srcOff, outOff], (off) => {
        const a = off[0]!;
        const b = off[1]!;
        for (let j = 0; j < n; j++) o[b + j * os] = src[a + j * ss]!;
      });
    }
    return out;
  },
});

registerKernel("oneHot", {
  backend: "js",
  name: "js-oneHot",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    const n = c.attrs.numClasses;
    const data = contiguousData(t);
    const out = empty("int32", [...t.shape, n]);
    for (let i = 0; i < data.length; i++) out.storage[i * n + data[i]!] = 1;
    return out;
  },
});

export function gather(self: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex("gather", index);
  const d = normalizeDim("gather", dim, Math.max(self.ndim, 1));
  checkIndexShape("gather", self, d, index);
  return dispatch(gatherOp, [self, index], { dim: d });
}

/** A copy of `self` with `src` values added at `index` along `dim` (out-of-place scatter_add). */
export function scatterAdd(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireIndex("scatterAdd", index);
  const d = normalizeDim("scatterAdd", dim, Math.max(self.ndim, 1));
  checkTensor("scatterAdd", "src", src);
  checkIndexShape("scatterAdd", self, d, index);
  checkIndexShape("scatterAdd", src, -1, index, "src");
  if (src.dtype !== self.dtype) {
    throw new DTypeError(
      `scatterAdd: expected self and src to have the same dtype, got ${self.dtype} and ${src.dtype}`,
    );
  }
  return dispatch(scatterAddOp, [self, index, src], { dim: d });
}

export function indexSelect(self: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex("indexSelect", index);
  if (index.ndim > 1)
    throw new ShapeError(`indexSelect: index must be 1-D or a scalar, got shape ${fmtShape(index.shape)}`);
  const d = normalizeDim("indexSelect", dim, Math.max(self.ndim, 1));
  const size = self.ndim === 0 ? 1 : self.shape[d]!;
  const idx = contiguousData(index);
  // Negative indices are out of bounds, as in PyTorch (only advanced indexing wraps them).
  for (const i of idx) if (i < 0 || i >= size) throw outOfRange("indexSelect", i, d, size);
  return dispatch(indexSelectOp, [self, index], { dim: d });
}

/**
 * Advanced indexing like PyTorch's `x[i0, i1, ...]` with index tensors (int32 or bool
 * masks) or null for a full slice `:`. Index tensors broadcast together; when they are
 * adjacent their broadcast shape replaces their dims in place, otherwise it goes first.
 */
export function index(self: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  if (!Array.isArray(indices) || !indices.every((t) => t === null || t instanceof Tensor)) {
    throw argError("index", "indices", "an array of index tensors or nulls", indices);
  }
  if (indices.length > self.ndim) {
    throw new IndexError(
      `index: too many indices for tensor of dimension ${self.ndim} (got ${indices.length}, shape ${fmtShape(self.shape)})`,
    );
  }
  // Bool masks become one int32 index per masked dim (their nonzero coordinates).
  const expanded: (Tensor | null)[] = [];
  for (const t of indices) {
    if (t !== null && t.dtype === "bool") {
      const at = expanded.length;
      for (let k = 0; k < t.ndim; k++) {
        if (t.shape[k] !== self.shape[at + k]) {
          throw new IndexError(
            `index: the shape of the mask ${fmtShape(t.shape)} at index ${at} does not match the shape of the indexed tensor ${fmtShape(self.shape)}`,
          );
        }
      }
      expanded.push(...nonzeroColumns(t));
    } else {
      if (t !== null) requireIndex("index", t);
      expanded.push(t);
    }
  }
  while (expanded.length < self.ndim) expanded.push(null);
  const advanced = expanded.flatMap((t, d) => (t === null ? [] : [d]));
  if (advanced.length === 0) return self;
  const idxTensors = advanced.map((d) => expanded[d] as Tensor);
  broadcastShapes("index", ...idxTensors.map((t) => t.shape));
  return dispatch(indexOp, [self, ...idxTensors], { dims: advanced });
}

/** Coordinates of the true elements of a bool tensor, one int32 tensor per dim. */
function nonzeroColumns(mask: Tensor): Tensor[] {
  const data = contiguousData(mask);
  let count = 0;
  for (const v of data) if (v) count++;
  const cols = mask.shape.map(() => empty("int32", [count]));
  const strides = contiguousStrides(mask.shape);
  let c = 0;
  for (let p = 0; p < data.length; p++) {
    if (!data[p]) continue;
    for (let d = 0; d < mask.ndim; d++) cols[d]!.storage[c] = Math.floor(p / strides[d]!) % mask.shape[d]!;
    c++;
  }
  return cols;
}

/** torch.nn.functional.one_hot: int32 classes → int32 [..., numClasses]. */
export function oneHot(t: Tensor, numClasses = -1): Tensor {
  requireIndex("oneHot", t, "tensor");
  checkInt("oneHot", "numClasses", numClasses, -1);
  const data = contiguousData(t);
  let max = -1;
  for (const v of data) {
    if (v < 0) throw new IndexError(`oneHot: class values must be non-negative, got ${v}`);
    if (v > max) max = v;
  }
  const c = numClasses < 0 ? max + 1 : numClasses;
  if (max >= c)
    throw new IndexError(`oneHot: class values must be smaller than numClasses (${c}), got ${max}`);
  return dispatch(oneHotOp, [t], { numClasses: c });
}

installMethods({
  gather(dim, index) {
    return gather(this, dim, index);
  },
  scatterAdd(dim, index, src) {
    return scatterAdd(this, dim, index, src);
  },
  indexSelect(dim, index) {
    return indexSelect(this, dim, index);
  },
  index(indices) {
    return index(this, indices);
  },
});
