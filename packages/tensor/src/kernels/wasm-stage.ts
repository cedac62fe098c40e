/**
 * Staging for one wasm kernel call on a Target (wasm-heap.ts): each operand goes in place when
 * it lives in the target's memory (a workspace's arena block), else into a 16-byte aligned slot
 * of the target's free area, laid out from `t.start` in the order the operands are named; then
 * the room is reserved, the inputs copied in, the kernel run on the element indices returned
 * (x 4 for byte addresses), and the results copied out:
 *
 *   const s = staging(t);
 *   const xAt = s.input(x, xo, n);
 *   const oAt = s.output(out, oo, n);
 *   if (!s.stage()) return false; // no room: nothing copied, nothing written
 *   t.kernels.expArray(xAt * 4, n, oAt * 4);
 *   s.finish();
 *
 * It runs once per tensor op, so it allocates nothing of its own: one module-level instance
 * with a fixed set of slots is reused (kernel calls never nest), and only the copies' subarray
 * views are made per call, as before. Slots drop their arrays once done, so that staging does
 * not keep the last call's operands alive. The common path (1-D copies) is kept small so that
 * V8 inlines it into each wrapper; the packed copies of gemm are out of line.
 */
import { align4, reserve, residentMemory, type Target } from "./wasm-heap.js";

/** One copied operand: a dense rows x cols block at element `at` of the target's memory. */
class Slot {
  at = 0;
  rows = 0;
  cols = 0;
  /** Copied in from src[srcOff + r * rs + c * cs] when src is set. */
  src: Float32Array | null = null;
  srcOff = 0;
  rs = 0;
  cs = 0;
  /** Copied out to dst[dstOff + r * ld + c] when dst is set, or to dstI32 (1-D) when that is. */
  dst: Float32Array | null = null;
  dstI32: Int32Array | null = null;
  dstOff = 0;
  ld = 0;
}

/** The most operands one call copies (gemm: A, B and C). */
const SLOTS = 4;

/** An int32 view of the float32 view `i32Of` (argmax's indices), re-made when that changes. */
let i32: Int32Array | null = null;
let i32Of: Float32Array | null = null;

function int32View(f32: Float32Array): Int32Array {
  // Compared by view, not by buffer: `.buffer` is a call into the engine.
  if (i32 === null || i32Of !== f32) {
    i32 = new Int32Array(f32.buffer, f32.byteOffset, f32.length);
    i32Of = f32;
  }
  return i32;
}

export class Staging {
  private t: Target | null = null;
  /** The memory arrays may live in, else null (residentMemory: no `.buffer` asked of them then). */
  private mem: ArrayBufferLike | null = null;
  /** The end of the last slot, in elements: the next one starts at align4(top). */
  private top = 0;
  private count = 0;
  private readonly slots: Slot[] = Array.from({ length: SLOTS }, () => new Slot());

  /** Starts a call on `t`; use staging(t). */
  begin(t: Target): this {
    this.t = t;
    this.mem = residentMemory(t);
    this.top = t.start;
    this.count = 0;
    return this;
  }

  /** Whether `a` lives in the target's memory, where the kernel can read or write it in place. */
  resident(a: Float32Array | Int32Array): boolean {
    return this.mem !== null && a.buffer === this.mem;
  }

  private slot(rows: number, cols: number): Slot {
    if (this.count === SLOTS) tooManySlots();
    const s = this.slots[this.count++]!;
    s.at = align4(this.top);
    s.rows = rows;
    s.cols = cols;
    s.src = null;
    s.dst = null;
    s.dstI32 = null;
    this.top = s.at + rows * cols;
    return s;
  }

  /** a[off .. off + n), read by the kernel: in place, or copied into a slot. */
  input(a: Float32Array, off: number, n: number): number {
    if (this.resident(a)) return a.byteOffset / 4 + off;
    return this.copied(this.slot(1, n), a, off, 0, 1);
  }

  /** The rows x cols block at a[off + r * rs + c * cs], packed by rows into a slot (never in place). */
  inputPacked(a: Float32Array, off: number, rows: number, cols: number, rs: number, cs: number): number {
    return this.copied(this.slot(rows, cols), a, off, rs, cs);
  }

  private copied(s: Slot, a: Float32Array, off: number, rs: number, cs: number): number {
    s.src = a;
    s.srcOff = off;
    s.rs = rs;
    s.cs = cs;
    return s.at;
  }

  /** a[off .. off + n), written by the kernel: in place, or copied out of a slot. */
  output(a: Float32Array, off: number, n: number): number {
    if (this.resident(a)) return a.byteOffset / 4 + off;
    return this.out(this.slot(1, n), a, off, n);
  }

  /**
   * The same for int32 results (argmax's indices). Kept apart from output() so that the float32
   * copies stay monomorphic for V8: the staging code's type feedback is shared by every wrapper.
   */
  outputInt32(a: Int32Array, off: number, n: number): number {
    if (this.resident(a)) return a.byteOffset / 4 + off;
    const s = this.slot(1, n);
    s.dstI32 = a;
    s.dstOff = off;
    return s.at;
  }

  /** A dense rows x cols result copied out to a[off + r * ld + c] (never in place). */
  outputRows(a: Float32Array, off: number, rows: number, cols: number, ld: number): number {
    return this.out(this.slot(rows, cols), a, off, ld);
  }

  /**
   * a[off .. off + n) written over the input staged at `inAt`, for kernels that allow out = x:
   * in place if `a` lives in the target's memory, else copied out of that input's slot (or of
   * a slot of its own where that input was read in place).
   */
  outputOver(inAt: number, a: Float32Array, off: number, n: number): number {
    if (this.resident(a)) return a.byteOffset / 4 + off;
    const last = this.count > 0 ? this.slots[this.count - 1]! : null;
    const s =
      last !== null && last.at === inAt && last.dst === null && last.dstI32 === null ? last : this.slot(1, n);
    return this.out(s, a, off, n);
  }

  private out(s: Slot, a: Float32Array, off: number, ld: number): number {
    s.dst = a;
    s.dstOff = off;
    s.ld = ld;
    return s.at;
  }

  /** a[off .. off + n), read and written by the kernel: in place, or copied in and back out. */
  update(a: Float32Array, off: number, n: number): number {
    if (this.resident(a)) return a.byteOffset / 4 + off;
    const s = this.slot(1, n);
    this.copied(s, a, off, 0, 1);
    return this.out(s, a, off, n);
  }

  /** n elements of room for the kernel (a work area, or results the caller reads itself). */
  scratch(n: number): number {
    const at = align4(this.top);
    this.top = at + n;
    return at;
  }

  /** Starts the next slot at element `at` or later (placing an operand relative to another). */
  padTo(at: number): void {
    if (at > this.top) this.top = at;
  }

  /**
   * Reserves the slots (growing the backend's memory if needed) and copies the inputs in; false,
   * with nothing copied, if the target cannot hold them. The target's f32 view is current after.
   */
  stage(): boolean {
    const t = this.t!;
    if (!reserve(t, this.top)) {
      this.drop();
      return false;
    }
    const f32 = t.f32;
    for (let i = 0; i < this.count; i++) {
      const s = this.slots[i]!;
      const src = s.src;
      if (src === null) continue;
      if (s.rows === 1 && s.cs === 1) f32.set(src.subarray(s.srcOff, s.srcOff + s.cols), s.at);
      else copyInBlock(f32, s, src);
    }
    return true;
  }

  /** Copies the results out, after the kernel ran. */
  finish(): void {
    const f32 = this.t!.f32;
    for (let i = 0; i < this.count; i++) {
      const s = this.slots[i]!;
      const dst = s.dst;
      if (dst !== null) {
        if (s.rows === 1) dst.set(f32.subarray(s.at, s.at + s.cols), s.dstOff);
        else copyOutRows(f32, s, dst);
      } else if (s.dstI32 !== null) copyOutInt32(f32, s, s.dstI32);
      s.src = null;
      s.dst = null;
      s.dstI32 = null;
    }
    this.count = 0;
    this.t = null;
  }

  /** Lets go of the call's arrays and target without copying anything out. */
  private drop(): void {
    for (let i = 0; i < this.count; i++) {
      const s = this.slots[i]!;
      s.src = null;
      s.dst = null;
      s.dstI32 = null;
    }
    this.count = 0;
    this.t = null;
  }
}

function tooManySlots(): never {
  throw new Error(`wasm staging: more than ${SLOTS} copied operands`);
}

/** Copies slot `s`'s block in from src, strided (gemm's packed operands). */
function copyInBlock(f32: Float32Array, s: Slot, src: Float32Array): void {
  const { at, rows, cols, rs, cs } = s;
  let o = s.srcOff;
  if (cs === 1 && rs === cols) {
    f32.set(src.subarray(o, o + rows * cols), at);
    return;
  }
  for (let r = 0, d = at; r < rows; r++, o += rs, d += cols) {
    if (cs === 1) f32.set(src.subarray(o, o + cols), d);
    else for (let k = 0; k < cols; k++) f32[d + k] = src[o + k * cs]!;
  }
}

/** Copies slot `s` out to dst by rows of stride ld (gemm's C). */
function copyOutRows(f32: Float32Array, s: Slot, dst: Float32Array): void {
  const { at, rows, cols, ld, dstOff } = s;
  if (ld === cols) dst.set(f32.subarray(at, at + rows * cols), dstOff);
  else
    for (let r = 0; r < rows; r++)
      dst.set(f32.subarray(at + r * cols, at + r * cols + cols), dstOff + r * ld);
}

function copyOutInt32(f32: Float32Array, s: Slot, dst: Int32Array): void {
  dst.set(int32View(f32).subarray(s.at, s.at + s.cols), s.dstOff);
}

const shared = new Staging();

/** The staging of a kernel call on `t` (one shared instance: finish a call before the next). */
export function staging(t: Target): Staging {
  return shared.begin(t);
}
