import type { Tensor } from "@tsgrad/tensor";

/**
 * Sums a gradient of a broadcast shape back to `shape` (leading dims, and dims where `shape`
 * has 1). Done once, in the engine, for every op.
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.length === shape.length && g.shape.every((s, i) => s === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  let out = dims.length > 0 ? g.sum(dims, true) : g;
  if (lead > 0) out = out.reshape(shape);
  return out;
}
