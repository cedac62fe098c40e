// scatter: a copy of the input with values from `src` (a tensor, or one number) written at
// `index` along `dim` (out-of-place torch.scatter). The gradient reaches the input where it was
// not overwritten, and src gathered at the index (zero where src is larger than the index).
import { argError } from "../args.js";
import { arange, full, zeros } from "../create.js";
import { dispatch } from "../dispatch.js";
import { DTypeError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { normalizeDim, sameShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkIndexShape, requireIndex, scatterCopy } from "./indexing.js";

declare module "../op.js" {
  interface OpAttrs {
    scatter: { readonly dim: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A copy with `src`'s values (or the number `src`) written at `index` along `dim`, as
     * torch.scatter: for dim 0, `out[index[i][j]][j] = src[i][j]`. Where an index repeats, the
     * last write wins (PyTorch leaves that order unspecified). Gradients: to this tensor where
     * it was not overwritten, to `src` gathered at `index`.
     */
    scatter(dim: number, index: Tensor, src: Tensor | number): Tensor;
  }
}

const scatterOp = defineOp({
  name: "scatter",
  inputs: ["self", "index", "src"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim;
    const srcShape = c.inputs[2]!.shape;
    return (g) => [
      c.needs[0] ? g.scatter(dim, index, 0) : null,
      null,
      c.needs[2] ? padTo(g.gather(dim, index), srcShape) : null,
    ];
  },
});

/**
 * `t` in the leading block of a zero tensor of `shape` (src may be larger than the index in
 * every dim; PyTorch's backward refuses that case, tsgrad gives those elements a zero gradient).
 */
function padTo(t: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(t.shape, shape)) return t;
  const rows = arange(t.shape[0]!).view([t.shape[0]!, ...t.shape.slice(1).map(() => 1)]);
  return zeros([...shape], { dtype: t.dtype }).scatter(0, rows.expand(...t.shape).contiguous(), t);
}

registerKernel("scatter", {
  backend: "js",
  name: "js-scatter",
  accepts: () => true,
  run(c) {
    const [self, index, src] = c.inputs as [Tensor, Tensor, Tensor];
    return scatterCopy("scatter", self, index, src, c.attrs.dim);
  },
});

export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  requireIndex("scatter", index);
  const d = normalizeDim("scatter", dim, Math.max(self.ndim, 1));
  checkIndexShape("scatter", self, d, index);
  let source: Tensor;
  if (src instanceof Tensor) {
    checkIndexShape("scatter", src, -1, index, "src");
    if (src.dtype !== self.dtype) {
      throw new DTypeError(
        `scatter: expected self and src to have the same dtype, got ${self.dtype} and ${src.dtype}`,
      );
    }
    source = src;
  } else {
    if (typeof src !== "number") throw argError("scatter", "src", "a tensor or a number", src);
    source = full(index.shape, self.dtype === "bool" ? src !== 0 : src, { dtype: self.dtype });
  }
  return dispatch(scatterOp, [self, index, source], { dim: d });
}

installMethods({
  scatter(dim, index, src) {
    return scatter(this, dim, index, src);
  },
});
