import { planRows, walkRows } from "./iter.js";

/**
 * Visits every lane along `dim` of a shape, for several operands at once: `lane(offsets)`
 * gets each operand's offset of the lane's first element; the lane continues at
 * offset + j * strides[k][dim] for j < shape[dim]. `offsets` is reused between calls.
 */
export function forEachLane(
  shape: readonly number[],
  dim: number,
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  lane: (offsets: number[]) => void,
): void {
  const outer = shape.filter((_, i) => i !== dim);
  const outerStrides = strides.map((s) => s.filter((_, i) => i !== dim));
  const plan = planRows(outer, outerStrides);
  const inner = plan.inner;
  const n = plan.n;
  const k = offsets.length;
  const cur = offsets.slice();
  walkRows(plan, offsets, (o) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) cur[j] = o[j]! + i * inner[j]!;
      lane(cur);
    }
  });
}
