import { DataError } from "@tsgrad/data";
import { ValueError } from "@tsgrad/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gz } from "./fixtures.test-util.js";
import { gunzip, gunzipPortable, isGzip, maybeGunzip } from "./gunzip.js";
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
  writeIdx,
  writeIdxImages,
  writeIdxLabels,
} from "./idx.js";
import { sha256Hex } from "./sha256.js";

const images = { count: 3, rows: 2, cols: 4, pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };
const imagesFile = writeIdxImages(images);
const labelsFile = writeIdxLabels(Uint8Array.of(9, 0, 3));

function withHeader(dims: number[], dataLength: number, typeByte = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + dataLength);
  const v = new DataView(out.buffer);
  out[2] = typeByte;
  out[3] = dims.length;
  dims.forEach((d, i) => {
    v.setUint32(4 + 4 * i, d);
  });
  return out;
}

describe("IDX reader and writer", () => {
  it("names the magic numbers", () => {
    expect(IDX_LABELS_MAGIC).toBe(2049);
    expect(IDX_IMAGES_MAGIC).toBe(2051);
    expect(new DataView(imagesFile.buffer).getUint32(0)).toBe(2051);
    expect(new DataView(labelsFile.buffer).getUint32(0)).toBe(2049);
  });

  it("round-trips images and labels, as views of the input", () => {
    const back = parseIdxImages(imagesFile, "imgs");
    expect(back.count).toBe(3);
    expect(back.rows).toBe(2);
    expect(back.cols).toBe(4);
    expect(Array.from(back.pixels)).toEqual(Array.from(images.pixels));
    expect(back.pixels.buffer).toBe(imagesFile.buffer);
    expect(imagesFile.length).toBe(16 + 24);
    const labels = parseIdxLabels(labelsFile, "labels");
    expect(labels.count).toBe(3);
    expect(Array.from(labels.labels)).toEqual([9, 0, 3]);
    expect(parseIdx(writeIdx(Uint8Array.of(1, 2, 3, 4), [2, 1, 2]), "x").dims).toEqual([2, 1, 2]);
  });

  it("reads gzipped files with zlib and with fflate alike", async () => {
    const packed = gz(imagesFile);
    expect(isGzip(packed)).toBe(true);
    expect(isGzip(imagesFile)).toBe(false);
    expect(Array.from(await gunzip(packed, "f.gz"))).toEqual(Array.from(imagesFile));
    expect(Array.from(gunzipPortable(packed, "f.gz"))).toEqual(Array.from(imagesFile));
    expect(Array.from(await maybeGunzip(imagesFile, "f"))).toEqual(Array.from(imagesFile));
  });

  it("rejects truncated files, naming the file and what is missing", () => {
    const cut = imagesFile.subarray(0, imagesFile.length - 1);
    expect(() => parseIdxImages(cut, "train-images-idx3-ubyte")).toThrow(DataError);
    expect(() => parseIdxImages(cut, "train-images-idx3-ubyte")).toThrow(
      "parseIdx: train-images-idx3-ubyte is truncated: its header says [3, 2, 4] (24 bytes of data), but only 23 bytes follow the header",
    );
    expect(() => parseIdx(Uint8Array.of(0, 0, 8), "x")).toThrow(
      "parseIdx: x is truncated: it has 3 bytes, but an IDX header needs at least 4",
    );
    expect(() => parseIdx(imagesFile.subarray(0, 10), "x")).toThrow(
      "parseIdx: x is truncated: its header declares 3 dimensions (16 bytes), but the file has 10 bytes",
    );
  });

  it("rejects oversized files", () => {
    const big = new Uint8Array(labelsFile.length + 2);
    big.set(labelsFile);
    expect(() => parseIdxLabels(big, "l")).toThrow(
      "parseIdx: l is oversized: 2 bytes follow the 3 bytes of data that its header [3] describes",
    );
  });

  it("rejects a wrong magic number, a gzipped file and another element type", () => {
    expect(() => parseIdxLabels(imagesFile, "t10k-labels-idx1-ubyte")).toThrow(
      "parseIdx: t10k-labels-idx1-ubyte has the wrong magic number 2051 (images), expected 2049 (labels)",
    );
    expect(() => parseIdxImages(labelsFile, "i")).toThrow(
      "parseIdx: i has the wrong magic number 2049 (labels), expected 2051 (images)",
    );
    expect(() => parseIdx(gz(labelsFile), "l.gz")).toThrow("(it looks gzipped: decompress it first)");
    expect(() => parseIdx(Uint8Array.of(1, 2, 8, 1, 0, 0, 0, 0), "x")).toThrow(
      "parseIdx: x is not an IDX file: its magic number is 0x01020801, expected 2049 (labels) or 2051 (images)",
    );
    expect(() => parseIdx(withHeader([2], 8, 0x0d), "f")).toThrow(
      "parseIdx: f has element type 0d (magic number 3329); only unsigned bytes (type 0x08) are supported",
    );
    expect(() => parseIdx(withHeader([], 0), "z")).toThrow(
      "parseIdx: z has 0 dimensions (magic number 2048)",
    );
  });

  it("checks a huge header against the real length before allocating anything", () => {
    const forged = withHeader([0xffffffff, 0xffffffff, 0xffffffff], 10);
    expect(() => parseIdx(forged, "forged")).toThrow(
      "is truncated: its header says [4294967295, 4294967295, 4294967295]",
    );
  });

  it("rejects corrupted gzip streams and forged gzip sizes as DataError", async () => {
    const packed = gz(imagesFile);
    const bad = packed.slice();
    bad[bad.length - 8]! ^= 0xff; // CRC-32
    await expect(gunzip(bad, "bad.gz")).rejects.toThrow(DataError);
    await expect(gunzip(bad, "bad.gz")).rejects.toThrow("gunzip: bad.gz is not a valid gzip stream");
    expect(() => gunzipPortable(bad, "bad.gz")).toThrow(
      "gunzip: bad.gz is corrupted: the decompressed data does not match the gzip trailer (CRC-32 or size)",
    );
    const forged = packed.slice();
    new DataView(forged.buffer).setUint32(forged.length - 4, 0xfffffff0, true);
    expect(() => gunzipPortable(forged, "forged.gz")).toThrow(
      "gunzip: forged.gz is corrupted: its trailer claims 4294967280 decompressed bytes",
    );
    expect(() => gunzipPortable(packed.subarray(0, 10), "short.gz")).toThrow("gunzip: short.gz is truncated");
    await expect(gunzip(packed.subarray(0, packed.length - 5), "cut.gz")).rejects.toThrow(DataError);
  });

  it("gunzip and gunzipPortable stop at maxBytes, and read every member of a multi-member file", async () => {
    const packed = gz(imagesFile);
    const n = imagesFile.length;
    expect(Array.from(await gunzip(packed, "f.gz", { maxBytes: n }))).toEqual(Array.from(imagesFile));
    expect(Array.from(gunzipPortable(packed, "f.gz", { maxBytes: n }))).toEqual(Array.from(imagesFile));
    const over = `gunzip: f.gz decompresses to more than ${n - 1} bytes, the most allowed (maxBytes)`;
    await expect(gunzip(packed, "f.gz", { maxBytes: n - 1 })).rejects.toThrow(over);
    expect(() => gunzipPortable(packed, "f.gz", { maxBytes: n - 1 })).toThrow(over);
    await expect(gunzip(packed, "f.gz", { maxBytes: 0 })).rejects.toThrow("more than 0 bytes");
    expect(await gunzip(gz(new Uint8Array(0)), "empty.gz", { maxBytes: 0 })).toHaveLength(0);
    expect(gunzipPortable(gz(new Uint8Array(0)), "empty.gz", { maxBytes: 0 })).toHaveLength(0);
    // Two members (as `cat a.gz b.gz` makes): both paths give both parts, and check each one.
    const two = new Uint8Array([...gz(imagesFile.subarray(0, 10)), ...gz(imagesFile.subarray(10))]);
    expect(Array.from(await gunzip(two, "two.gz"))).toEqual(Array.from(imagesFile));
    expect(Array.from(gunzipPortable(two, "two.gz"))).toEqual(Array.from(imagesFile));
    const firstBroken = two.slice();
    firstBroken[gz(imagesFile.subarray(0, 10)).length - 8]! ^= 1; // the first member's CRC-32
    await expect(gunzip(firstBroken, "two.gz")).rejects.toThrow("gunzip: two.gz is not a valid gzip stream");
    expect(() => gunzipPortable(firstBroken, "two.gz")).toThrow(
      "gunzip: two.gz is corrupted: the decompressed data does not match the gzip trailer (CRC-32 or size)",
    );
  });

  it("writeIdx refuses dims that do not describe the data", () => {
    expect(() => writeIdx(Uint8Array.of(1, 2, 3), [2, 2])).toThrow(
      "writeIdx: dims [2, 2] describe 4 bytes, but the data has 3",
    );
    expect(() => writeIdx(Uint8Array.of(), [])).toThrow(
      "writeIdx: an IDX file has 1 to 255 dimensions, got 0",
    );
  });
});

/** Parses like the loader does: gunzip if gzipped (zlib or fflate), then parse. */
async function decode(bytes: Uint8Array, portable: boolean) {
  const raw = isGzip(bytes) ? (portable ? gunzipPortable(bytes, "f") : await gunzip(bytes, "f")) : bytes;
  return parseIdx(raw, "f");
}

describe("IDX property: any mutated file parses correctly or is a DataError", () => {
  const file = fc
    .record({
      dims: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
      seed: fc.integer({ min: 0, max: 255 }),
      gzipped: fc.boolean(),
    })
    .map(({ dims, seed, gzipped }) => {
      const size = dims.reduce((a, b) => a * b, 1);
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) & 0xff);
      const raw = writeIdx(data, dims);
      return { dims, data, raw, bytes: gzipped ? gz(raw) : raw };
    });
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("append" as const), extra: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("u32" as const), at: fc.nat(), value: fc.nat({ max: 0xffffffff }) }),
    fc.record({ kind: fc.constant("none" as const) }),
  );

  function mutate(bytes: Uint8Array, m: MutationValue): Uint8Array {
    switch (m.kind) {
      case "truncate":
        return bytes.subarray(0, m.at % (bytes.length + 1));
      case "append": {
        const out = new Uint8Array(bytes.length + m.extra.length);
        out.set(bytes);
        out.set(m.extra, bytes.length);
        return out;
      }
      case "flip": {
        const out = bytes.slice();
        if (out.length > 0) out[m.at % out.length]! ^= m.bits;
        return out;
      }
      case "u32": {
        const out = bytes.slice();
        if (out.length >= 4) new DataView(out.buffer).setUint32(m.at % (out.length - 3), m.value);
        return out;
      }
      case "none":
        return bytes;
    }
  }
  type MutationValue =
    | { kind: "truncate"; at: number }
    | { kind: "append"; extra: Uint8Array }
    | { kind: "flip"; at: number; bits: number }
    | { kind: "u32"; at: number; value: number }
    | { kind: "none" };

  for (const portable of [false, true]) {
    it(`1200 mutated files (${portable ? "fflate" : "zlib"} for the gzipped ones)`, async () => {
      let parsed = 0;
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(file, mutation, async (f, m) => {
          const bytes = mutate(f.bytes, m);
          let result: Awaited<ReturnType<typeof decode>>;
          try {
            result = await decode(bytes, portable);
          } catch (e) {
            if (!(e instanceof DataError)) throw e;
            expect(e.message).toMatch(/^(parseIdx|gunzip): f /);
            rejected++;
            return;
          }
          parsed++;
          // A parse is only accepted when it is self-consistent...
          expect(result.data.length).toBe(result.dims.reduce((a, b) => a * b, 1));
          // ...and an untouched file gives back exactly what was written.
          if (m.kind === "none") {
            expect(result.dims).toEqual(f.dims);
            expect(Array.from(result.data)).toEqual(Array.from(f.data));
          }
        }),
        { numRuns: 1200, seed: portable ? 2 : 1 },
      );
      expect(parsed).toBeGreaterThan(100);
      expect(rejected).toBeGreaterThan(100);
    });
  }
});

describe("bytes from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const labels = writeIdxLabels(Uint8Array.of(1, 2));

  it("gunzip rejects (never throws) with the argument named", async () => {
    const bad = gunzip(js("abc"), "f.gz");
    await expect(bad).rejects.toThrowError(ValueError);
    await expect(gunzip(js([31, 139]), "f.gz")).rejects.toThrowError(
      /^gunzip: bytes must be a Uint8Array, got \[31, 139\]$/,
    );
    await expect(gunzip(gz(labels), js(undefined))).rejects.toThrowError(
      "gunzip: name must be a string, got undefined",
    );
    expect(() => gunzipPortable(js(null), "f.gz")).toThrowError(
      /^gunzipPortable: bytes must be a Uint8Array, got null$/,
    );
    expect(() => gunzipPortable(gz(labels), js(2))).toThrowError(
      "gunzipPortable: name must be a string, got 2",
    );
    expect(() => isGzip(js("gz"))).toThrowError(/^isGzip: bytes must be a Uint8Array, got "gz"$/);
    await expect(gunzip(gz(labels), "f.gz", { maxBytes: -1 })).rejects.toThrowError(
      /^gunzip: options.maxBytes must be an integer in \[0, 2147483647\], got -1$/,
    );
    expect(() => gunzipPortable(gz(labels), "f.gz", js({ maxBytes: 1.5 }))).toThrowError(
      "gunzipPortable: options.maxBytes must be an integer in [0, 2147483647], got 1.5",
    );
    await expect(gunzip(gz(labels), "f.gz", js({ maxByte: 10 }))).rejects.toThrowError(
      'gunzip: unknown option "maxByte" in options; did you mean "maxBytes"?',
    );
    await expect(sha256Hex(js(undefined))).rejects.toThrowError(
      /^sha256Hex: bytes must be a Uint8Array, got undefined$/,
    );
  });

  it("parseIdx and its two forms name bytes, name and expectMagic of the wrong kind", () => {
    expect(() => parseIdx(js(labels.buffer), "f")).toThrowError(
      /^parseIdx: bytes must be a Uint8Array, got an ArrayBuffer$/,
    );
    expect(() => parseIdx(labels, js(null))).toThrowError("parseIdx: name must be a string, got null");
    expect(() => parseIdx(labels, "f", js("2049"))).toThrowError(
      'parseIdx: expectMagic must be a magic number (an integer in [0, 4294967295]), got "2049"',
    );
    expect(() => parseIdx(labels, "f", Number.NaN)).toThrowError(ValueError);
    expect(() => parseIdxImages(js(undefined), "f")).toThrowError(
      /^parseIdxImages: bytes must be a Uint8Array, got undefined$/,
    );
    expect(() => parseIdxLabels(js([0, 0, 8, 1]), "f")).toThrowError(
      "parseIdxLabels: bytes must be a Uint8Array, got [0, 0, 8, 1]",
    );
    expect(parseIdxLabels(labels, "f").count).toBe(2);
  });

  it("writeIdx and its two forms name data and dims of the wrong kind", () => {
    expect(() => writeIdx(js([1, 2]), [2])).toThrowError(
      /^writeIdx: data must be a Uint8Array, got \[1, 2\]$/,
    );
    expect(() => writeIdx(Uint8Array.of(1, 2), js(2))).toThrowError(
      /^writeIdx: dims must be an array of dimensions, got 2$/,
    );
    expect(() => writeIdx(Uint8Array.of(1, 2), js(["2"]))).toThrowError(DataError);
    expect(() => writeIdx(Uint8Array.of(1, 2), js([Symbol("d")]))).toThrowError(
      "writeIdx: dimension a Symbol is not a uint32 (dims [a Symbol])",
    );
    expect(() => writeIdx(Uint8Array.of(1, 2), [1e12])).toThrowError(DataError);
    expect(() => writeIdxImages(js(null))).toThrowError(
      /^writeIdxImages: images must be IDX images \{ count, rows, cols, pixels \}, got null$/,
    );
    expect(() => writeIdxImages(js({ count: 1, rows: 1, cols: 1, pixels: [0] }))).toThrowError(
      "writeIdxImages: images.pixels must be a Uint8Array, got [0]",
    );
    expect(() => writeIdxLabels(js("ab"))).toThrowError(
      /^writeIdxLabels: labels must be a Uint8Array, got "ab"$/,
    );
  });
});
