/**
 * Float32 add, sub, mul and div on the wasm backend (asm/binary.ts), for results that are one
 * 2-D block of a loop plan (see iter.ts's planBlocks: [256, 10] + [10], [256, 10] / [256, 1],
 * same-shape operands of any size) with each operand's inner stride 0 or 1. The operands' spans
 * are copied into wasm memory and the result out, except arrays that live in the workspace of
 * the result (tidy's arena blocks); the bits are the JS loop's (asm/binary.ts).
 */
import { wasmKernels } from "../backends/backend.js";
import type { BlockPlan } from "../iter.js";
import { heapTarget, type Target, workspaceTarget } from "./wasm-heap.js";
import { staging } from "./wasm-stage.js";

const OPS = { add: 0, sub: 1, mul: 2, div: 3 } as const;
export type WasmBinaryOp = keyof typeof OPS;

/**
 * Whether the kernel can run `plan` (operands in the order out, a, b): one 2-D block, a
 * contiguous result, each operand's inner stride 0 or 1, and spans dense enough to copy whole.
 */
export function binary2dFits(plan: BlockPlan): boolean {
  const { n, m } = plan;
  if (plan.outer.length > 0) return false;
  const [os, as0, bs0] = plan.inner as [number, number, number];
  const [os1, as1, bs1] = plan.mid as [number, number, number];
  if (os !== 1 || (m > 1 && os1 !== n)) return false;
  if ((as0 !== 0 && as0 !== 1) || (bs0 !== 0 && bs0 !== 1) || as1 < 0 || bs1 < 0) return false;
  return spanOf(n, m, as0, as1) <= 2 * n * m + 64 && spanOf(n, m, bs0, bs1) <= 2 * n * m + 64;
}

/** An operand's elements lie in [offset, offset + span): copied as one block. */
function spanOf(n: number, m: number, s0: number, s1: number): number {
  return (m - 1) * s1 + (n - 1) * s0 + 1;
}

/**
 * out (contiguous, offset 0) = a op b over `plan`, which must fit (binary2dFits), with a and b
 * read from their offsets; false (nothing written) without the wasm backend or the memory.
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
  const as0 = plan.inner[1]!;
  const bs0 = plan.inner[2]!;
  const as1 = plan.mid[1]!;
  const bs1 = plan.mid[2]!;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const aSpan = spanOf(n, m, as0, as1);
  const bSpan = spanOf(n, m, bs0, bs1);
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
  const s = staging(t);
  const oAt = s.output(out, 0, n * m);
  const aAt = s.input(a, ao, aSpan);
  const bAt = s.input(b, bo, bSpan);
  if (!s.stage()) return false;
  t.kernels.binary2d(code, oAt * 4, m, n, aAt * 4, as1, as0, bAt * 4, bs1, bs0);
  s.finish();
  return true;
}
