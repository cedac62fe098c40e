// Gradient rules of reductions and softmax: the output gradient is broadcast back over the
// reduced dims.
import { type Tensor, where } from "@tsgrad/tensor";
import type { Rule } from "./types.js";

/** Re-inserts reduced dims (as size 1) into a gradient computed without keepdim. */
function keepDims(g: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let out = g;
  for (const d of dims) out = out.unsqueeze(d);
  return out;
}

function dimsOf(attrs: Readonly<Record<string, unknown>>): number[] {
  return attrs.dims as number[];
}

function countOf(x: Tensor, dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= x.shape[d]!;
  return n;
}

export const reduceRules: Record<string, Rule> = {
  sum: (c) => {
    const shape = c.inputs[0]!.shape;
    const dims = dimsOf(c.attrs);
    const keepdim = c.attrs.keepdim as boolean;
    return (g) => [keepDims(g, dims, keepdim).expand(shape)];
  },
  mean: (c) => {
    const x = c.inputs[0]!;
    const shape = x.shape;
    const dims = dimsOf(c.attrs);
    const keepdim = c.attrs.keepdim as boolean;
    const n = countOf(x, dims);
    return (g) => [keepDims(g, dims, keepdim).div(n).expand(shape)];
  },
  prod: (c) => {
    const [x, out] = c.save(c.inputs[0]!, c.output);
    const dims = dimsOf(c.attrs);
    const keepdim = c.attrs.keepdim as boolean;
    return (g) => {
      const gk = keepDims(g, dims, keepdim);
      const ok = keepDims(out, dims, keepdim);
      const zeros = x.eq(0);
      if (!zeros.any().item()) return [gk.mul(ok).div(x)];
      // With zeros, out / x is undefined: the product of the others is computed per element.
      return [gk.mul(productOfOthers(x, dims))];
    };
  },
  amax: (c) => extremumRule(c.inputs[0]!, c.output, dimsOf(c.attrs), c.attrs.keepdim as boolean, c.save),
  amin: (c) => extremumRule(c.inputs[0]!, c.output, dimsOf(c.attrs), c.attrs.keepdim as boolean, c.save),
  var: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const dims = dimsOf(c.attrs);
    const keepdim = c.attrs.keepdim as boolean;
    const correction = c.attrs.correction as number;
    return (g) => {
      const n = countOf(x, dims);
      const centered = x.sub(x.mean(dims, true));
      return [
        keepDims(g, dims, keepdim)
          .mul(centered)
          .mul(2 / Math.max(n - correction, 0)),
      ];
    };
  },
  logsumexp: (c) => {
    const [x, out] = c.save(c.inputs[0]!, c.output);
    const dims = dimsOf(c.attrs);
    const keepdim = c.attrs.keepdim as boolean;
    return (g) => [keepDims(g, dims, keepdim).mul(x.sub(keepDims(out, dims, keepdim)).exp())];
  },
  softmax: (c) => {
    const [out] = c.save(c.output);
    const dim = c.attrs.dim as number;
    return (g) => [out.mul(g.sub(g.mul(out).sum(dim, true)))];
  },
  logSoftmax: (c) => {
    const [out] = c.save(c.output);
    const dim = c.attrs.dim as number;
    return (g) => [g.sub(out.exp().mul(g.sum(dim, true)))];
  },
};

/** amax/amin: the gradient is shared evenly among the elements equal to the extremum. */
function extremumRule(
  x0: Tensor,
  out0: Tensor,
  dims: readonly number[],
  keepdim: boolean,
  save: <T extends Tensor[]>(...t: T) => T,
): (g: Tensor) => Tensor[] {
  const [x, out] = save(x0, out0);
  return (g) => {
    const mask = x.eq(keepDims(out, dims, keepdim)).to(x.dtype);
    const count = mask.sum(dims as number[], true);
    return [keepDims(g, dims, keepdim).mul(mask).div(count)];
  };
}

/** For each element, the product of the other elements of its reduction group. */
function productOfOthers(x: Tensor, dims: readonly number[]): Tensor {
  // prod(others) = prod(nonzero others) when there is at most one zero in the group.
  const isZero = x.eq(0);
  const zerosInGroup = isZero.to("int32").sum(dims as number[], true);
  const safe = where(isZero, 1, x);
  const prodNonzero = safe.prod(dims.length === 1 ? dims[0]! : null, dims.length === 1);
  const prodKept =
    dims.length === 1 ? prodNonzero : prodNonzero.reshape(x.shape.map((s, i) => (dims.includes(i) ? 1 : s)));
  // An element that is the only zero of its group gets prod(nonzero others); a non-zero
  // element of a group with a zero gets 0; without zeros, prod / x.
  const onlyZero = isZero.mul(zerosInGroup.eq(1)).bool();
  return where(onlyZero, prodKept, where(zerosInGroup.gt(0), 0, prodKept.div(safe)));
}
