// rowsAsFloat: rows of a tensor, picked by index, as float32 divided by a number: PyTorch's
// `source[indices].float() / divisor`, fused into one pass. It is how a data loader turns uint8
// images into a batch (Fashion-MNIST: 47 million pixels an epoch); the wasm backend runs it in
// the workspace that holds the images, writing a reused batch there in place.
import { checkNumber, checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, IndexError, ShapeError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { defineOp } from "../op.js";
import { checkOptions } from "../options.js";
import { numelOf } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

/**
 * rowsAsFloat's attribute: the divisor applied to each value.
 *
 * @inline
 */
interface RowsAttrs {
  readonly divisor: number;
}

declare module "../op.js" {
  interface OpAttrs {
    rowsAsFloat: RowsAttrs;
    "rowsAsFloat.out": RowsAttrs;
  }
}

/** Options of `rowsAsFloat`. */
export interface RowsAsFloatOptions {
  /** Each value is divided by it, in float32 as PyTorch's `x.float() / divisor` (default 1). */
  divisor?: number;
  /** A contiguous float32 [indices.length, ...row] tensor to write into (not resized). */
  out?: Tensor;
}

const rowsOp = defineOp({
  name: "rowsAsFloat",
  inputs: ["source", "indices"],
  dtype: () => "float32",
  grad: null,
});
const rowsOutOp = defineOp({
  name: "rowsAsFloat.out",
  inputs: ["out", "source", "indices"],
  dtype: () => "float32",
  grad: null,
  writesOut: true,
});

let table: { divisor: number; values: Float32Array } | null = null;

/** fround(i / divisor) for every byte value i (the last table is kept: one divisor in practice). */
function quotients(divisor: number): Float32Array {
  if (table === null || table.divisor !== divisor) {
    table = { divisor, values: Float32Array.from({ length: 256 }, (_, i) => i / divisor) };
  }
  return table.values;
}

/** Byte k of a Uint32Array word is bits 8k.. (every engine tsgrad runs on; checked anyway). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Rows of bytes through a table of their quotients, four bytes a load where the rows are
 * 4-byte aligned (an epoch of Fashion-MNIST: 91 ms through the generic loop, 51 ms here).
 * Monomorphic on purpose: the generic loop's union of array types is what made it slow.
 */
function rowsU8(
  o: Float32Array,
  oo: number,
  src: Uint8Array,
  so: number,
  rows: Int32Array,
  row: number,
  q: Float32Array,
): void {
  const aligned = LITTLE_ENDIAN && row % 4 === 0 && (src.byteOffset + so) % 4 === 0;
  const words = aligned ? new Uint32Array(src.buffer, src.byteOffset + so, (src.length - so) >> 2) : null;
  for (let k = 0; k < rows.length; k++) {
    let at = oo + k * row;
    if (words !== null) {
      const from = (rows[k]! * row) >> 2;
      for (let j = 0; j < row >> 2; j++, at += 4) {
        const w = words[from + j]!;
        o[at] = q[w & 255]!;
        o[at + 1] = q[(w >>> 8) & 255]!;
        o[at + 2] = q[(w >>> 16) & 255]!;
        o[at + 3] = q[w >>> 24]!;
      }
    } else {
      const from = so + rows[k]! * row;
      for (let j = 0; j < row; j++) o[at + j] = q[src[from + j]!]!;
    }
  }
}

/** out[k, :] = source[indices[k], :] / divisor, for contiguous source and out. */
function rowsJs(out: Tensor, source: Tensor, indices: Tensor, divisor: number): Tensor {
  const row = numelOf(source.shape.slice(1));
  const src = source.storage;
  const so = source.offset;
  const o = out.storage as Float32Array;
  const oo = out.offset;
  const idx = indices.storage;
  const io = indices.offset;
  const is = indices.strides[0] ?? 1;
  const b = indices.shape[0]!;
  const rows =
    is === 1
      ? (idx.subarray(io, io + b) as Int32Array)
      : Int32Array.from({ length: b }, (_, k) => idx[io + k * is]!);
  // Bytes take their quotient from a table: 256 divisions instead of one per value.
  if (source.dtype === "uint8") {
    rowsU8(o, oo, src as Uint8Array, so, rows, row, quotients(divisor));
    return out;
  }
  for (let k = 0; k < b; k++) {
    const from = so + rows[k]! * row;
    const at = oo + k * row;
    // A float64 quotient of small integers rounds to float32 as float32 division would.
    for (let j = 0; j < row; j++) o[at + j] = src[from + j]! / divisor;
  }
  return out;
}

registerKernel("rowsAsFloat", {
  backend: "js",
  name: "js-rows-as-float",
  accepts: () => true,
  run(c) {
    const [source, indices] = c.inputs as [Tensor, Tensor];
    const out = empty("float32", [indices.numel(), ...source.shape.slice(1)], false);
    return rowsJs(out, source, indices, c.attrs.divisor);
  },
});
registerKernel("rowsAsFloat.out", {
  backend: "js",
  name: "js-rows-as-float",
  accepts: () => true,
  run(c) {
    const [out, source, indices] = c.inputs as [Tensor, Tensor, Tensor];
    return rowsJs(out, source, indices, c.attrs.divisor);
  },
});

/**
 * The rows `indices` (int32, 1-D) of `source` (contiguous, at least 1-D) as float32 divided by
 * `divisor`: PyTorch's `source[indices].float() / divisor` in one pass; `out` receives them
 * when given. Not differentiable (a data-loading op).
 */
export function rowsAsFloat(source: Tensor, indices: Tensor, options: RowsAsFloatOptions = {}): Tensor {
  checkTensor("rowsAsFloat", "source", source);
  checkTensor("rowsAsFloat", "indices", indices);
  checkOptions("rowsAsFloat", "options", options, ["divisor", "out"]);
  const divisor = options.divisor ?? 1;
  checkNumber("rowsAsFloat", "divisor", divisor);
  if (options.out !== undefined) checkTensor("rowsAsFloat", "out", options.out);
  if (source.ndim === 0 || !source.isContiguous()) {
    throw new ShapeError(
      `rowsAsFloat: source must be a contiguous tensor of at least 1 dim, got shape ${fmtShape(source.shape)}`,
    );
  }
  if (indices.dtype !== "int32" || indices.ndim !== 1) {
    throw new DTypeError(
      `rowsAsFloat: indices must be a 1-D int32 tensor, got ${indices.dtype} ${fmtShape(indices.shape)}`,
    );
  }
  const n = source.shape[0]!;
  const idx = indices.storage;
  const is = indices.strides[0] ?? 1;
  const b = indices.shape[0]!;
  for (let k = 0; k < b; k++) {
    const i = idx[indices.offset + k * is]!;
    if (i < 0 || i >= n)
      throw new IndexError(`rowsAsFloat: index ${i} is out of bounds for dimension 0 with size ${n}`);
  }
  const shape = [b, ...source.shape.slice(1)];
  const out = options.out;
  if (out === undefined) return dispatch(rowsOp, [source, indices], { divisor });
  if (
    out.dtype !== "float32" ||
    !out.isContiguous() ||
    out.shape.length !== shape.length ||
    out.shape.some((s, i) => s !== shape[i])
  ) {
    throw new ShapeError(
      `rowsAsFloat: out must be a contiguous float32 tensor of shape ${fmtShape(shape)}, got ${out.dtype} ${fmtShape(out.shape)}`,
    );
  }
  return dispatch(rowsOutOp, [out, source, indices], { divisor });
}
