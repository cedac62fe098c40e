// rowsAsFloat: `source[indices].float() / divisor`, fused, on the JS kernel and on the wasm
// kernel that reads uint8 rows where they live (a wasm workspace), chunked or in place.
import { afterEach, describe, expect, it } from "vitest";
import {
  addDispatchHook,
  candidateKernels,
  createWasmWorkspace,
  fromTypedArray,
  getBackend,
  rowsAsFloat,
  setBackend,
  type Tensor,
  tensor,
} from "../index.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

const row = 48;
const count = 37;
const bytes = Uint8Array.from({ length: row * count }, (_, i) => (i * 97 + (i >> 3)) & 0xff);

/** The pixels in a wasm workspace (as a data loader keeps them), or null without wasm. */
function resident(
  src: Uint8Array,
  rowLength: number,
  extraBytes = 0,
): { images: Tensor; buffer: ArrayBufferLike; free: number } | null {
  const ws = createWasmWorkspace(src.length + extraBytes + 64);
  if (ws === null) return null;
  const view = new Uint8Array(ws.memory.buffer, ws.dataStart, src.length);
  view.set(src);
  const images = fromTypedArray(view, [src.length / rowLength, rowLength], { dtype: "uint8" });
  return { images, buffer: ws.memory.buffer, free: ws.dataStart + Math.ceil(src.length / 16) * 16 };
}

function expected(
  src: Uint8Array,
  rowLength: number,
  indices: readonly number[],
  divisor: number,
): Float32Array {
  const out = new Float32Array(indices.length * rowLength);
  indices.forEach((i, k) => {
    for (let j = 0; j < rowLength; j++)
      out[k * rowLength + j] = Math.fround(src[i * rowLength + j]! / divisor);
  });
  return out;
}

/** Elements that differ (a loop: deep equality of millions of elements is slow). */
function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

describe("rowsAsFloat", () => {
  const indices = [36, 0, 5, 5, 17, 1];

  it("gives exactly PyTorch's source[indices].float() / 255 from a plain array and from a workspace", () => {
    const want = expected(bytes, row, indices, 255);
    const plain = fromTypedArray(bytes, [count, row], { dtype: "uint8" });
    const idx = tensor(indices, { dtype: "int32" });
    expect(rowsAsFloat(plain, idx, { divisor: 255 }).toTypedArray()).toEqual(want);
    const r = resident(bytes, row);
    if (r !== null) {
      const x = rowsAsFloat(r.images, idx, { divisor: 255 });
      expect(x.shape).toEqual([indices.length, row]);
      expect(x.dtype).toBe("float32");
      expect(x.toTypedArray()).toEqual(want);
    }
  });

  it("converts every byte value to float32 x / 255 exactly on both backends (the wasm kernel multiplies)", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const idx = tensor(
      Array.from({ length: 16 }, (_, i) => 15 - i),
      { dtype: "int32" },
    );
    for (const backend of ["js", "wasm"] as const) {
      setBackend(backend);
      const r = resident(all, 16);
      const images = r?.images ?? fromTypedArray(all, [16, 16], { dtype: "uint8" });
      const out = rowsAsFloat(images, idx, { divisor: 255 }).toTypedArray();
      for (let k = 0; k < 16; k++)
        for (let j = 0; j < 16; j++) {
          const x = (15 - k) * 16 + j;
          expect(out[k * 16 + j], `${x} / 255 (${backend})`).toBe(Math.fround(x / 255));
        }
    }
  });

  it("writes a batch that lives in the same workspace in place, and a big batch in chunks", () => {
    const big = Array.from({ length: 3000 }, (_, k) => (k * 5) % count);
    const want = expected(bytes, row, big, 255);
    const r = resident(bytes, row, 4 * row * big.length);
    if (r === null) return;
    const view = new Float32Array(r.buffer, r.free, big.length * row);
    const out = fromTypedArray(view, [big.length, row]);
    expect(rowsAsFloat(r.images, tensor(big, { dtype: "int32" }), { divisor: 255, out })).toBe(out);
    expect(mismatches(view, want)).toBe(0);
    // 3000 rows of 48 floats (576 KB) fit the 8 MB scratch at once; 60,000 do not: chunks.
    const many = Array.from({ length: 60000 }, (_, k) => (k * 11) % count);
    const fresh = rowsAsFloat(r.images, tensor(many, { dtype: "int32" }), { divisor: 255 }).toTypedArray();
    expect(fresh.length).toBe(many.length * row);
    expect(mismatches(fresh, expected(bytes, row, many, 255))).toBe(0);
  });

  it("divides other dtypes and divisors on the JS kernel", () => {
    const src = fromTypedArray(Float32Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const x = rowsAsFloat(src, tensor([2, 0], { dtype: "int32" }), { divisor: 4 });
    expect(x.toArray()).toEqual([
      [1.25, 1.5],
      [0.25, 0.5],
    ]);
    const u8 = fromTypedArray(Uint8Array.of(3, 6, 9), [3], { dtype: "uint8" });
    expect(rowsAsFloat(u8, tensor([1, 2], { dtype: "int32" }), { divisor: 3 }).toArray()).toEqual([2, 3]);
  });

  it("reads unaligned rows, odd row lengths, offsets and strided indices on the JS kernel", () => {
    const idx = tensor(
      [
        [4, 9],
        [0, 9],
        [2, 9],
      ],
      { dtype: "int32" },
    )
      .t()
      .select(0, 0); // [4, 0, 2], stride 2
    expect(idx.strides).toEqual([2]);
    for (const [offset, rowLength] of [
      [1, 8],
      [4, 8],
      [0, 3],
      [2, 5],
    ] as const) {
      const src = bytes.subarray(offset, offset + 5 * rowLength);
      const images = fromTypedArray(src, [5, rowLength], { dtype: "uint8" });
      const out = fromTypedArray(new Float32Array(1 + 3 * rowLength).subarray(1), [3, rowLength]);
      rowsAsFloat(images, idx, { divisor: 255, out });
      const want = expected(src, rowLength, [4, 0, 2], 255);
      expect(out.toTypedArray(), `offset ${offset}, row ${rowLength}`).toEqual(want);
      expect(rowsAsFloat(images, idx, { divisor: 255 }).toTypedArray()).toEqual(want);
    }
  });

  it("runs the wasm kernel on images in a workspace whichever backend is selected", () => {
    const r = resident(bytes, row);
    if (r === null) return;
    const chosen: string[] = [];
    const remove = addDispatchHook({ before: (call) => void chosen.push(candidateKernels(call)[0]!) });
    for (const backend of ["js", "wasm"] as const) {
      setBackend(backend);
      expect(
        rowsAsFloat(r.images, tensor(indices, { dtype: "int32" }), { divisor: 255 }).toTypedArray(),
      ).toEqual(expected(bytes, row, indices, 255));
    }
    remove();
    expect(chosen.filter((k) => k.includes("rows"))).toEqual(["wasm-rows-as-float", "wasm-rows-as-float"]);
  });

  it("names the argument and what it got on bad input", () => {
    const images = fromTypedArray(bytes, [count, row], { dtype: "uint8" });
    expect(() => rowsAsFloat(images, tensor([37], { dtype: "int32" }))).toThrow(
      "rowsAsFloat: index 37 is out of bounds for dimension 0 with size 37",
    );
    expect(() => rowsAsFloat(images, tensor([1.5]))).toThrow(
      "rowsAsFloat: indices must be a 1-D int32 tensor, got float32 [1]",
    );
    expect(() => rowsAsFloat(images.t(), tensor([0], { dtype: "int32" }))).toThrow(
      "rowsAsFloat: source must be a contiguous tensor of at least 1 dim, got shape [48, 37]",
    );
    expect(() =>
      rowsAsFloat(images, tensor([0, 1], { dtype: "int32" }), {
        out: fromTypedArray(new Float32Array(row), [1, row]),
      }),
    ).toThrow(
      `rowsAsFloat: out must be a contiguous float32 tensor of shape [2, ${row}], got float32 [1, ${row}]`,
    );
  });
});
