/**
 * Float32 add, sub, mul and div on the wasm backend (asm/binary.ts), for results that are one
 * 2-D block of a loop plan (see iter.ts's planBlocks: [256, 10] + [10], [256, 10] / [256, 1],
 * same-shape operands of any size) with each operand's inner stride 0 or 1. The operands' spans
 * are copied into wasm memory and the result out, except arrays that live in the workspace of
 * the result (tidy's arena blocks); the bits are the JS loop's (asm/binary.ts).
 */
import { wasmKernels } from "../backend.js";
import type { BlockPlan } from "../iter.js";
import {
  align4,
  heapTarget,
  reserve,
  residentMemory,
  type Target,
  WASM_MIN_ELEMENTS,
  workspaceTarget,
} from "./wasm-heap.js";

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
  // Run where the result lives when it is a workspace's (a tidy arena block): written in place.
  const ws = workspaceTarget(out);
  if (ws !== null && binaryOn(ws, OPS[op], m, n, out, a, ao, as1, as0, aSpan, b, bo, bs1, bs0, bSpan))
    return true;
  return binaryOn(heapTarget(kernels), OPS[op], m, n, out, a, ao, as1, as0, aSpan, b, bo, bs1, bs0, bSpan);
}

/**
 * binary2d on target `t`: arrays in t's memory are read (or written) in place, the others are
 * staged into its free area and the result copied out; false if the area is too small.
 */
function binaryOn(
  t: Target,
  code: number,
  m: number,
  n: number,
  out: Float32Array,
  a: Float32Array,
  ao: number,
  as1: number,
  as0: number,
  aSpan: number,
  b: Float32Array,
  bo: number,
  bs1: number,
  bs0: number,
  bSpan: number,
): boolean {
  const mem = residentMemory(t);
  let next = t.start;
  const outIn = mem !== null && out.buffer === mem;
  const oAt = outIn ? out.byteOffset / 4 : next;
  if (!outIn) next += align4(n * m);
  const aIn = mem !== null && a.buffer === mem;
  const aAt = aIn ? a.byteOffset / 4 + ao : next;
  if (!aIn) next += align4(aSpan);
  const bIn = mem !== null && b.buffer === mem;
  const bAt = bIn ? b.byteOffset / 4 + bo : next;
  if (!bIn) next += bSpan;
  if (!reserve(t, next)) return false;
  const f32 = t.f32;
  if (!aIn) f32.set(a.subarray(ao, ao + aSpan), aAt);
  if (!bIn) f32.set(b.subarray(bo, bo + bSpan), bAt);
  t.kernels.binary2d(code, oAt * 4, m, n, aAt * 4, as1, as0, bAt * 4, bs1, bs0);
  if (!outIn) out.set(f32.subarray(oAt, oAt + n * m));
  return true;
}
