// uint8 pixels → float32 in [0, 1], gathered by index: the hot loop of every Fashion-MNIST
// batch (47 million pixels per epoch). It is one tensor op, @tsgrad/tensor's `rowsAsFloat`
// (`images[indices].float() / 255`, fused), which the wasm backend runs on a SIMD kernel in the
// wasm workspace that holds the pixels. Batches converted into that workspace's data area
// (gatherView) are arrays the wasm matmul reads where they are, without copying them.

import { createWasmWorkspace, fromTypedArray, rowsAsFloat, type Tensor } from "@tsgrad/tensor";

const align16 = (n: number) => Math.ceil(n / 16) * 16;
/** Batch rows the workspace holds at first; a bigger batch moves the pixels once. */
const FIRST_CAPACITY = 512;

/** The pixels in a wasm workspace, and room after them for `capacity` converted rows. */
interface Resident {
  buffer: ArrayBufferLike;
  images: Tensor;
  batchAt: number;
  capacity: number;
}

/**
 * Images (`count` × `row` uint8 pixels) that convert to float32 batches by index. Holds one
 * copy of the pixels, as a uint8 tensor: in a tensor wasm workspace where WebAssembly SIMD
 * runs, in the given array otherwise.
 */
export class PixelStore {
  readonly row: number;
  readonly count: number;
  private resident_: Resident | null;
  private readonly plain: Tensor | null;

  /** `force` keeps the pixels out of wasm memory (for tests comparing the two paths). */
  constructor(pixels: Uint8Array, row: number, force?: "js") {
    this.row = row;
    this.count = row === 0 ? 0 : pixels.length / row;
    this.resident_ = force === "js" ? null : this.place(pixels, FIRST_CAPACITY);
    this.plain =
      this.resident_ === null ? fromTypedArray(pixels, [this.count, row], { dtype: "uint8" }) : null;
  }

  private get images(): Tensor {
    return this.resident_?.images ?? this.plain!;
  }

  /** True when batches are converted in a tensor workspace (read in place by the wasm matmul). */
  get resident(): boolean {
    return this.resident_ !== null;
  }

  /** The pixels (a view; do not keep it across calls: a bigger batch moves them). */
  get pixels(): Uint8Array {
    return this.images.storage as Uint8Array;
  }

  /** Pixels and room for `capacity` batch rows in a new workspace; null where there is none. */
  private place(pixels: Uint8Array, capacity: number): Resident | null {
    const batchOffset = align16(pixels.length);
    const ws = createWasmWorkspace(batchOffset + 4 * capacity * this.row);
    if (ws === null) return null;
    const bytes = new Uint8Array(ws.memory.buffer, ws.dataStart, pixels.length);
    bytes.set(pixels);
    const images = fromTypedArray(bytes, [this.count, this.row], { dtype: "uint8" });
    return { buffer: ws.memory.buffer, images, batchAt: ws.dataStart + batchOffset, capacity };
  }

  /** Images `indices` (already range-checked) as float32 / 255 in a new array. */
  gatherNew(indices: Int32Array): Float32Array {
    // A fresh result's storage is a new array of exactly its elements.
    return rowsAsFloat(this.images, fromTypedArray(indices), { divisor: 255 }).storage as Float32Array;
  }

  /**
   * Images `indices` as float32 / 255, as a view of the workspace: no copy out, but the next
   * gather overwrites it. For reused batch buffers, whose contract is exactly that; null when
   * the pixels are not in a workspace.
   */
  gatherView(indices: Int32Array): Float32Array | null {
    let r = this.resident_;
    if (r === null) return null;
    const b = indices.length;
    if (b > r.capacity) {
      // Workspaces never grow: move to a bigger one (earlier views stay valid, on the old one).
      r = this.place(this.pixels, Math.max(b, 2 * r.capacity))!;
      this.resident_ = r;
    }
    const view = new Float32Array(r.buffer, r.batchAt, b * this.row);
    rowsAsFloat(r.images, fromTypedArray(indices), {
      divisor: 255,
      out: fromTypedArray(view, [b, this.row]),
    });
    return view;
  }

  /** Writes images `indices` (already range-checked) as float32 / 255 into `out`. */
  gather(indices: Int32Array, out: Float32Array): void {
    const x = fromTypedArray(out.subarray(0, indices.length * this.row), [indices.length, this.row]);
    rowsAsFloat(this.images, fromTypedArray(indices), { divisor: 255, out: x });
  }
}
