/**
 * Float32 add, sub, mul and div on the wasm backend (asm/binary.ts), for results that are one
 * 2-D block of a loop plan (see iter.ts's planBlocks: [256, 10] + [10], [256, 10] / [256, 1],
 * same-shape operands of any size) with each operand's inner stride 0 or 1. The operands' spans
 * are copied into wasm memory and the result out; the bits are the JS loop's (asm/binary.ts).
 */
import { wasmKernels } from "../backend.js";
import type { BlockPlan } from "../iter.js";
import { align4, heapTarget, reserve, WASM_MIN_ELEMENTS } from "./wasm-heap.js";

const OPS = { add: 0, sub: 1, mul: 2, div: 3 } as const;
export type WasmBinaryOp = keyof typeof OPS;

/**
 * out (contiguous, offset 0) = a op b over `plan` (operands in the order out, a, b), with a and
 * b read from their offsets; false (nothing written) when the plan or the backend does not fit.
 */
export function binaryWasm(
  op: WasmBinaryOp,
  plan: BlockPlan,
  out: Float32Array,
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
): boolean {
  const { n, m } = plan;
  if (n * m < WASM_MIN_ELEMENTS || plan.outer.length > 0) return false;
  const [os, as0, bs0] = plan.inner as [number, number, number];
  const [os1, as1, bs1] = plan.mid as [number, number, number];
  if (os !== 1 || (m > 1 && os1 !== n)) return false;
  if ((as0 !== 0 && as0 !== 1) || (bs0 !== 0 && bs0 !== 1) || as1 < 0 || bs1 < 0) return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  // Each operand's elements lie in [offset, offset + span): copied as one block.
  const aSpan = (m - 1) * as1 + (n - 1) * as0 + 1;
  const bSpan = (m - 1) * bs1 + (n - 1) * bs0 + 1;
  if (aSpan > 2 * n * m + 64 || bSpan > 2 * n * m + 64) return false;
  const t = heapTarget(kernels);
  const oAt = t.start;
  const aAt = oAt + align4(n * m);
  const bAt = aAt + align4(aSpan);
  if (!reserve(t, bAt + bSpan)) return false;
  const f32 = t.f32;
  f32.set(a.subarray(ao, ao + aSpan), aAt);
  f32.set(b.subarray(bo, bo + bSpan), bAt);
  kernels.binary2d(OPS[op], oAt * 4, m, n, aAt * 4, as1, as0, bAt * 4, bs1, bs0);
  out.set(f32.subarray(oAt, oAt + n * m));
  return true;
}
