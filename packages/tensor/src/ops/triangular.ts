// tril and triu: the lower or upper triangle of the last two dims (batched), the rest zeroed,
// as torch.tril / torch.triu. `diagonal` shifts the boundary: 0 is the main diagonal,
// positive above it, negative below. The gradient keeps the same triangle.
import { checkInt } from "../args.js";
import { dispatch } from "../dispatch.js";
import { fmtShape, ShapeError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";

/**
 * tril's and triu's attributes: the diagonal (0 the main one, > 0 above, < 0 below).
 *
 * @inline
 */
interface TriangleAttrs {
  readonly diagonal: number;
}

declare module "../op.js" {
  interface OpAttrs {
    tril: TriangleAttrs;
    triu: TriangleAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** The elements on and below the `diagonal`-th diagonal of the last two dims; zeros above. */
    tril(diagonal?: number): Tensor;
    /** The elements on and above the `diagonal`-th diagonal of the last two dims; zeros below. */
    triu(diagonal?: number): Tensor;
  }
}

const trilOp = defineOp({
  name: "tril",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const k = c.attrs.diagonal;
    return (g) => [g.tril(k)];
  },
});
const triuOp = defineOp({
  name: "triu",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const k = c.attrs.diagonal;
    return (g) => [g.triu(k)];
  },
});

/** A contiguous copy of x with element (i, j) of each matrix zeroed where `drop(j - i)`. */
function triangleKernel(name: string, drop: (offset: number, k: number) => boolean) {
  return {
    backend: "js" as const,
    name,
    accepts: () => true,
    run(c: { inputs: readonly Tensor[]; attrs: TriangleAttrs }) {
      const x = c.inputs[0]!;
      const out = fromStorage(contiguousData(x), x.dtype, x.shape);
      const rows = x.shape[x.ndim - 2]!;
      const cols = x.shape[x.ndim - 1]!;
      const size = rows * cols;
      const data = out.storage;
      const k = c.attrs.diagonal;
      for (let base = 0; base < data.length; base += size) {
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) if (drop(j - i, k)) data[base + i * cols + j] = 0;
        }
      }
      return out;
    },
  };
}
registerKernel(
  "tril",
  triangleKernel("js-tril", (offset, k) => offset > k),
);
registerKernel(
  "triu",
  triangleKernel("js-triu", (offset, k) => offset < k),
);

function triangle(def: typeof trilOp, x: Tensor, diagonal: number): Tensor {
  const op = def.name;
  checkInt(op, "diagonal", diagonal);
  if (x.ndim < 2) {
    throw new ShapeError(
      `${op}: input tensor must have at least 2 dimensions, got shape ${fmtShape(x.shape)}`,
    );
  }
  return dispatch(def, [x], { diagonal });
}

installMethods({
  tril(diagonal = 0) {
    return triangle(trilOp, this, diagonal);
  },
  triu(diagonal = 0) {
    return triangle(triuOp, this, diagonal);
  },
});
