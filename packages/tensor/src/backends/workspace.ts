/**
 * Wasm workspaces: tensor data that lives where the wasm kernels read it, so a matmul on it
 * copies nothing in. The backend's own kernel memory cannot hold such data, because it grows
 * when a bigger product needs room and growing detaches every Float32Array over the old
 * buffer. A workspace is a separate instance of the kernels whose memory is sized once and
 * never grows: views of it stay valid for as long as they are referenced, like any array.
 *
 * Its memory is split in a data area, the owner's (a data loader converts batches into it,
 * possibly with a wasm module of its own that imports this memory), and a scratch area where
 * gemm stages the other operand and the result when one operand is a view of the data area.
 * Products whose other operand does not fit the scratch area run as if the data were anywhere.
 */

import { ValueError } from "../errors.js";
import { newWasmInstance, type WasmKernels, type WasmMemory } from "./backend.js";

const PAGE = 65536;
/** Scratch for gemm: the other operand and the result; pages are committed only when touched. */
const SCRATCH_BYTES = 8 * 1024 * 1024;

/**
 * A wasm workspace from {@link createWasmWorkspace}: a memory that never grows, whose data area
 * (`dataStart`, `dataBytes` bytes) the owner fills with float32 data that the wasm matmul then
 * reads without copying. No PyTorch counterpart (the nearest is pinned memory).
 */
export interface WasmWorkspace {
  /** The memory; it never grows (do not grow it), so views over its buffer never detach. */
  readonly memory: WasmMemory;
  /** Byte offset of the data area (16-byte aligned) and its size in bytes. */
  readonly dataStart: number;
  /** Size of the data area in bytes (as requested). */
  readonly dataBytes: number;
}

/** What gemm needs to run in a workspace. */
export interface WorkspaceKernels {
  readonly kernels: WasmKernels;
  readonly f32: Float32Array;
  /** The scratch area, in float32 elements: [scratchStart, scratchEnd). */
  readonly scratchStart: number;
  readonly scratchEnd: number;
}

/** Workspaces by their memory's buffer: gemm's check whether an operand lives in one. */
const byBuffer = new WeakMap<ArrayBufferLike, WorkspaceKernels>();

/**
 * A workspace with `dataBytes` of data area, or null where the wasm kernels cannot run (no
 * WebAssembly SIMD, or a browser still compiling the module: try again later).
 */
export function createWasmWorkspace(dataBytes: number): WasmWorkspace | null {
  if (!Number.isSafeInteger(dataBytes) || dataBytes < 0) {
    throw new ValueError(`createWasmWorkspace: dataBytes must be a non-negative integer, got ${dataBytes}`);
  }
  const kernels = newWasmInstance();
  if (kernels === null) return null;
  const memory = kernels.memory;
  const dataStart = align16(kernels.heapBase());
  const scratchStart = align16(dataStart + dataBytes);
  const end = scratchStart + SCRATCH_BYTES;
  if (end > 2 ** 32) {
    throw new ValueError(`createWasmWorkspace: ${dataBytes} bytes do not fit a 4 GiB wasm memory`);
  }
  const have = memory.buffer.byteLength;
  if (end > have) {
    try {
      memory.grow(Math.ceil((end - have) / PAGE));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new ValueError(`createWasmWorkspace: cannot grow wasm memory to ${end} bytes: ${e.message}`);
    }
  }
  const f32 = new Float32Array(memory.buffer);
  byBuffer.set(memory.buffer, { kernels, f32, scratchStart: scratchStart / 4, scratchEnd: f32.length });
  return { memory, dataStart, dataBytes };
}

/** The workspace whose memory `array` views, if any. */
export function workspaceOf(array: ArrayBufferView): WorkspaceKernels | undefined {
  return byBuffer.get(array.buffer);
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
