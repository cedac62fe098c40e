// unflatten: one dim split into several, a view (always possible: splitting a dim needs no copy).
import { argError, checkInt } from "../args.js";
import { fmtShape, IndexError, ShapeError } from "../errors.js";
import { installMethods } from "../methods.js";
import { normalizeDim } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { view } from "./views.js";

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A view with `dim` split into the dims `sizes` (one of them may be -1, inferred), as
     * `torch.unflatten`: `x.unflatten(1, [2, 3])` turns [4, 6] into [4, 2, 3].
     */
    unflatten(dim: number, sizes: readonly number[]): Tensor;
  }
}

export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  checkInt("unflatten", "dim", dim);
  if (!Array.isArray(sizes) || !sizes.every((s) => Number.isInteger(s) && s >= -1)) {
    throw argError("unflatten", "sizes", "an array of integers >= -1", sizes);
  }
  if (sizes.length === 0) throw new ShapeError("unflatten: sizes must be non-empty, got []");
  if (x.ndim === 0) throw new IndexError("unflatten: dimension specified as 0 but tensor has no dimensions");
  const d = normalizeDim("unflatten", dim, x.ndim);
  const n = x.shape[d]!;
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1)
    throw new ShapeError(`unflatten: only one dimension can be inferred, got sizes ${fmtShape(sizes)}`);
  const known = sizes.reduce((p, s) => (s === -1 ? p : p * s), 1);
  const ok = inferred === 1 ? known !== 0 && n % known === 0 : known === n;
  if (!ok) {
    throw new ShapeError(
      `unflatten: provided sizes ${fmtShape(sizes)} don't multiply up to the size of dim ${dim} (${n}) in the input tensor of shape ${fmtShape(x.shape)}`,
    );
  }
  const full = sizes.map((s) => (s === -1 ? n / known : s));
  return view(x, [...x.shape.slice(0, d), ...full, ...x.shape.slice(d + 1)], "unflatten");
}

installMethods({
  unflatten(dim, sizes) {
    return unflatten(this, dim, sizes);
  },
});
