/**
 * The backend's wasm memory as a scratch region for the kernels (wasm-stage.ts lays out each
 * call): operands are copied in above the module's static data, results copied out; it grows
 * when a call needs more. Growing detaches views of the old buffer, so the view is re-made then.
 */
import type { WasmKernels } from "../backends/backend.js";
import { workspaceOf } from "../backends/workspace.js";

/** `n` elements rounded up to whole 16-byte vectors: where the next staged array may start. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Where a kernel runs: its instance, a float32 view of its memory, and the free region. */
export interface Target {
  kernels: WasmKernels;
  f32: Float32Array;
  /** First free element (16-byte aligned) and the end of the region, in elements. */
  start: number;
  end: number;
  /** Whether the region may grow (the backend's own memory; workspaces never grow). */
  growable: boolean;
}

/**
 * The scratch area of the workspace `array` lives in, if any: a kernel run there reads and
 * writes arrays of that workspace in place (a tidy arena block, a loader's batch).
 */
export function workspaceTarget(array: ArrayBufferView): Target | null {
  const ws = workspaceOf(array);
  if (ws === undefined) return null;
  return { kernels: ws.kernels, f32: ws.f32, start: ws.scratchStart, end: ws.scratchEnd, growable: false };
}

/**
 * The backend's instance as a target: one object, kept current and handed to every call (so
 * its fields are not for a caller to change), so that a kernel call allocates no target.
 * Growing the memory detaches the old view, which then reads as empty: only then is the
 * memory's buffer asked for (an API call) and re-viewed.
 */
let heap: Target | null = null;

export function heapTarget(kernels: WasmKernels): Target {
  if (heap !== null && heap.kernels === kernels && heap.f32.length !== 0) return heap;
  const f32 = new Float32Array(kernels.memory.buffer);
  if (heap === null || heap.kernels !== kernels) {
    heap = { kernels, f32, start: Math.ceil(kernels.heapBase() / 16) * 4, end: f32.length, growable: true };
  } else {
    heap.f32 = f32;
    heap.end = f32.length;
  }
  return heap;
}

/**
 * The memory of `t` when arrays can live in it (a workspace), else null: the backend's own
 * memory never holds a tensor's array, and not asking a small array for its `.buffer` spares
 * V8 moving that array's data out of the JS heap (its typed arrays of 64 bytes or less live
 * inside the array object until something asks for their buffer).
 */
export function residentMemory(t: Target): ArrayBufferLike | null {
  return t.growable ? null : t.f32.buffer;
}

/** Makes `t` hold `elements` (growing the backend's memory if needed); false if it cannot. */
export function reserve(t: Target, elements: number): boolean {
  return elements <= t.end || grow(t, elements);
}

/** Out of line, so that the common case of reserve inlines into the kernel wrappers. */
function grow(t: Target, elements: number): boolean {
  if (!t.growable || elements * 4 > 2 ** 32) return false;
  const memory = t.kernels.memory;
  try {
    memory.grow(Math.ceil((elements * 4 - memory.buffer.byteLength) / 65536));
  } catch {
    return false;
  }
  t.f32 = new Float32Array(memory.buffer);
  t.end = t.f32.length;
  return true;
}
