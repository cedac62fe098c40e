// sort, argsort and topk along one dim. One op computes the order (argsort: a stable sort of
// each lane's indices, NaN above every number as in PyTorch); values are gathered at those
// indices, so their gradient is gather's (scattered back to where each value came from).
import { checkBoolean, checkInt } from "../args.js";
import { dispatch } from "../dispatch.js";
import { fmtShape, IndexError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { forEachLane } from "../lanes.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

/**
 * argsort's attributes: the dim and the order.
 *
 * @inline
 */
interface ArgsortAttrs {
  readonly dim: number;
  readonly descending: boolean;
}

declare module "../op.js" {
  interface OpAttrs {
    argsort: ArgsortAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The values sorted along `dim` (ascending unless `descending`) and the int32 indices they
     * came from; stable (equal values keep their order), NaN sorted above every number.
     */
    sort(dim?: number, descending?: boolean): { values: Tensor; indices: Tensor };
    /** The int32 indices that sort the values along `dim` (stable; `sort(...).indices`). */
    argsort(dim?: number, descending?: boolean): Tensor;
    /**
     * The `k` largest (or smallest) values along `dim` and their int32 indices, largest first
     * (smallest first when `largest` is false); always in that order, `sorted` or not. Among
     * equal values the first index comes first (PyTorch leaves the order of ties unspecified).
     */
    topk(k: number, dim?: number, largest?: boolean, sorted?: boolean): { values: Tensor; indices: Tensor };
  }
}

const argsortOp = defineOp({ name: "argsort", inputs: ["self"], dtype: () => "int32", grad: null });

/** Ascending order with NaN last (PyTorch's); 0 for ties, which a stable sort keeps in place. */
function ascending(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  // Equal, or at least one NaN.
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

registerKernel("argsort", {
  backend: "js",
  name: "js-argsort",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const out = empty("int32", x.shape, false);
    if (x.ndim === 0) {
      out.storage[0] = 0;
      return out;
    }
    const { dim, descending } = c.attrs;
    const n = x.shape[dim]!;
    const xs = x.strides[dim]!;
    const os = out.strides[dim]!;
    const src = x.storage;
    const dst = out.storage;
    const lane = new Float64Array(n);
    const order: number[] = Array.from({ length: n }, (_, i) => i);
    // Array.prototype.sort is stable (ES2019): equal values keep their index order.
    const cmp = descending
      ? (i: number, j: number) => ascending(lane[j]!, lane[i]!)
      : (i: number, j: number) => ascending(lane[i]!, lane[j]!);
    forEachLane(x.shape, dim, [x.strides, out.strides], [x.offset, 0], (o) => {
      for (let j = 0; j < n; j++) {
        lane[j] = src[o[0]! + j * xs]!;
        order[j] = j;
      }
      order.sort(cmp);
      for (let j = 0; j < n; j++) dst[o[1]! + j * os] = order[j]!;
    });
    return out;
  },
});

export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  const d = normalizeDim("argsort", dim, x.ndim);
  checkBoolean("argsort", "descending", descending);
  return dispatch(argsortOp, [x], { dim: d, descending });
}

export function sort(x: Tensor, dim = -1, descending = false): { values: Tensor; indices: Tensor } {
  const d = normalizeDim("sort", dim, x.ndim);
  checkBoolean("sort", "descending", descending);
  const indices = dispatch(argsortOp, [x], { dim: d, descending });
  return { values: x.ndim === 0 ? x.clone() : x.gather(d, indices), indices };
}

export function topk(
  x: Tensor,
  k: number,
  dim = -1,
  largest = true,
  sorted = true,
): { values: Tensor; indices: Tensor } {
  const d = normalizeDim("topk", dim, x.ndim);
  checkInt("topk", "k", k, 0);
  checkBoolean("topk", "largest", largest);
  checkBoolean("topk", "sorted", sorted);
  const size = x.ndim === 0 ? 1 : x.shape[d]!;
  if (k > size) {
    throw new IndexError(
      `topk: k (${k}) is out of range for dimension ${d} of size ${size} (shape ${fmtShape(x.shape)})`,
    );
  }
  const order = dispatch(argsortOp, [x], { dim: d, descending: largest });
  // A 0-dim tensor is its own top value, even for k = 0, as PyTorch answers.
  if (x.ndim === 0) return { values: x.clone(), indices: order };
  const indices = order.narrow(d, 0, k).contiguous();
  return { values: x.gather(d, indices), indices };
}

installMethods({
  sort(dim = -1, descending = false) {
    return sort(this, dim, descending);
  },
  argsort(dim = -1, descending = false) {
    return argsort(this, dim, descending);
  },
  topk(k, dim = -1, largest = true, sorted = true) {
    return topk(this, k, dim, largest, sorted);
  },
});
