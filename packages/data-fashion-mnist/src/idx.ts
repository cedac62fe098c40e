// The IDX format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one
// uint32 per dimension) followed by the data. Only unsigned bytes (type 0x08) are supported,
// which is what the labels (2049) and images (2051) files hold.
import { DataError } from "@tsgrad/data";
import { argError, checkString, fmtValue } from "@tsgrad/tensor";
import { checkBytes } from "./args.js";

/** Magic number of an IDX labels file: unsigned bytes (0x08), one dimension. */
export const IDX_LABELS_MAGIC = 2049;
/** Magic number of an IDX images file: unsigned bytes (0x08), three dimensions. */
export const IDX_IMAGES_MAGIC = 2051;
/** The element type code of unsigned bytes. */
export const IDX_UBYTE = 0x08;

/** A parsed IDX file of unsigned bytes: its magic number, dimensions and data (a view). */
export interface IdxArray {
  magic: number;
  dims: number[];
  data: Uint8Array;
}

/** An images file: `count` images of `rows` × `cols` pixels, row-major, one byte each. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
}

/** A labels file: `count` labels, one byte each. */
export interface IdxLabels {
  count: number;
  labels: Uint8Array;
}

const kind = (magic: number): string =>
  magic === IDX_LABELS_MAGIC ? "labels" : magic === IDX_IMAGES_MAGIC ? "images" : "unknown";

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

/**
 * Parses an (uncompressed) IDX file of unsigned bytes. `name` (a file name or path) is named in
 * every error. Every header field is checked against the real length before anything is
 * allocated: the data is a view of `bytes`, never a copy. `expectMagic` makes a file of the
 * other kind an error.
 */
export function parseIdx(bytes: Uint8Array, name: string, expectMagic?: number): IdxArray {
  checkBytes("parseIdx", "bytes", bytes);
  checkString("parseIdx", "name", name);
  if (
    expectMagic !== undefined &&
    !(Number.isInteger(expectMagic) && expectMagic >= 0 && expectMagic <= 0xffffffff)
  ) {
    throw argError("parseIdx", "expectMagic", "a magic number (an integer in [0, 4294967295])", expectMagic);
  }
  const fail = (what: string) => new DataError(`parseIdx: ${name} ${what}`, { file: name });
  if (bytes.length < 4) {
    throw fail(`is truncated: it has ${bytes.length} bytes, but an IDX header needs at least 4`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? " (it looks gzipped: decompress it first)" : "";
    throw fail(
      `is not an IDX file: its magic number is ${hex(magic)}, expected ${IDX_LABELS_MAGIC} (labels) or ${IDX_IMAGES_MAGIC} (images)${gz}`,
    );
  }
  if (bytes[2] !== IDX_UBYTE) {
    throw fail(
      `has element type ${hex(bytes[2]!).slice(-2)} (magic number ${magic}); only unsigned bytes (type 0x08) are supported`,
    );
  }
  if (expectMagic !== undefined && magic !== expectMagic) {
    throw fail(
      `has the wrong magic number ${magic} (${kind(magic)}), expected ${expectMagic} (${kind(expectMagic)})`,
    );
  }
  const ndims = bytes[3]!;
  if (ndims === 0) throw fail(`has 0 dimensions (magic number ${magic})`);
  const headerSize = 4 + 4 * ndims;
  if (bytes.length < headerSize) {
    throw fail(
      `is truncated: its header declares ${ndims} dimensions (${headerSize} bytes), but the file has ${bytes.length} bytes`,
    );
  }
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i);
    dims.push(d);
    size *= d;
  }
  const available = bytes.length - headerSize;
  const shape = `[${dims.join(", ")}]`;
  if (size > available) {
    throw fail(
      `is truncated: its header says ${shape} (${size} bytes of data), but only ${available} bytes follow the header`,
    );
  }
  if (size < available) {
    throw fail(
      `is oversized: ${available - size} bytes follow the ${size} bytes of data that its header ${shape} describes`,
    );
  }
  return { magic, dims, data: bytes.subarray(headerSize, headerSize + size) };
}

/** Parses an IDX images file (magic 2051: count, rows, cols). */
export function parseIdxImages(bytes: Uint8Array, name: string): IdxImages {
  checkBytes("parseIdxImages", "bytes", bytes);
  checkString("parseIdxImages", "name", name);
  const { dims, data } = parseIdx(bytes, name, IDX_IMAGES_MAGIC);
  return { count: dims[0]!, rows: dims[1]!, cols: dims[2]!, pixels: data };
}

/** Parses an IDX labels file (magic 2049: count). */
export function parseIdxLabels(bytes: Uint8Array, name: string): IdxLabels {
  checkBytes("parseIdxLabels", "bytes", bytes);
  checkString("parseIdxLabels", "name", name);
  const { dims, data } = parseIdx(bytes, name, IDX_LABELS_MAGIC);
  return { count: dims[0]!, labels: data };
}

/** An IDX file of unsigned bytes with the given dimensions (uncompressed). */
export function writeIdx(data: Uint8Array, dims: readonly number[]): Uint8Array {
  checkBytes("writeIdx", "data", data);
  if (!Array.isArray(dims)) throw argError("writeIdx", "dims", "an array of dimensions", dims);
  if (dims.length === 0 || dims.length > 255) {
    throw new DataError(`writeIdx: an IDX file has 1 to 255 dimensions, got ${dims.length}`);
  }
  let size = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff)
      throw new DataError(`writeIdx: dimension ${fmtValue(d)} is not a uint32 (dims ${fmtValue(dims)})`);
    size *= d;
  }
  if (size !== data.length) {
    throw new DataError(
      `writeIdx: dims [${dims.join(", ")}] describe ${size} bytes, but the data has ${data.length}`,
    );
  }
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, (IDX_UBYTE << 8) | dims.length);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d);
  });
  out.set(data, header);
  return out;
}

/** An IDX images file (magic 2051) of `count` images of `rows` × `cols` bytes. */
export function writeIdxImages(images: IdxImages): Uint8Array {
  if (typeof images !== "object" || images === null) {
    throw argError("writeIdxImages", "images", "IDX images { count, rows, cols, pixels }", images);
  }
  checkBytes("writeIdxImages", "images.pixels", images.pixels);
  return writeIdx(images.pixels, [images.count, images.rows, images.cols]);
}

/** An IDX labels file (magic 2049). */
export function writeIdxLabels(labels: Uint8Array): Uint8Array {
  checkBytes("writeIdxLabels", "labels", labels);
  return writeIdx(labels, [labels.length]);
}
