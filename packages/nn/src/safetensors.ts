// The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian
// header length, a JSON header { name: { dtype, shape, data_offsets } , __metadata__ }, then
// the raw little-endian tensor bytes. Readable by PyTorch's and Hugging Face's tools.
import {
  argError,
  checkString,
  type DType,
  fmtShape,
  fmtValue,
  fromTypedArray,
  Tensor,
  type TypedArray,
  ValueError,
} from "@tsgrad/tensor";

const TO_ST: Record<DType, string> = {
  float32: "F32",
  float64: "F64",
  int32: "I32",
  uint8: "U8",
  bool: "BOOL",
};
const FROM_ST: Record<string, DType> = {
  F32: "float32",
  F64: "float64",
  I32: "int32",
  U8: "uint8",
  BOOL: "bool",
};
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint8: 1, bool: 1 };

export class SafetensorsError extends ValueError {
  override name = "SafetensorsError";
}

const METADATA_KEY = "__metadata__";

/** A plain object: not null, an array or a tensor. */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

/** What saveSafetensors writes: tensors by name, and string metadata (or none: undefined, null). */
function checkContents(fn: string, tensors: unknown, metadata: unknown): void {
  if (!isRecord(tensors)) throw argError(fn, "tensors", "an object of tensors by name", tensors);
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof Tensor)) throw argError(fn, `tensors[${JSON.stringify(name)}]`, "a tensor", t);
    if (name === METADATA_KEY) {
      throw new ValueError(
        `${fn}: "${METADATA_KEY}" is the header's metadata entry and cannot name a tensor`,
      );
    }
  }
  if (metadata === undefined || metadata === null) return;
  if (!isRecord(metadata)) throw argError(fn, "metadata", "an object of strings", metadata);
  for (const [key, v] of Object.entries(metadata)) {
    if (typeof v !== "string") throw argError(fn, `metadata[${JSON.stringify(key)}]`, "a string", v);
  }
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Serializes named tensors (and optional string metadata) to safetensors bytes. */
export function saveSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  return encode("saveSafetensors", tensors, metadata);
}

/** saveSafetensors, with errors named after `fn`. */
function encode(
  fn: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  checkContents(fn, tensors, metadata);
  const header: Record<string, HeaderEntry | Record<string, string>> = {};
  if (metadata !== undefined && metadata !== null) header[METADATA_KEY] = { ...metadata };
  const parts: Uint8Array[] = [];
  let offset = 0;
  // Sorted like the Python implementation, so that files are byte-identical for equal input.
  for (const name of Object.keys(tensors).sort()) {
    const t = tensors[name]!;
    const data = t.toTypedArray();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    header[name] = {
      dtype: TO_ST[t.dtype],
      shape: [...t.shape],
      data_offsets: [offset, offset + bytes.length],
    };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data starts 8-byte aligned.
  const enc = new TextEncoder();
  while ((enc.encode(json).length + 8) % 8 !== 0) json += " ";
  const headerBytes = enc.encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface LoadedSafetensors {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** Parses safetensors bytes; every header field is checked against the real length. */
export function loadSafetensors(bytes: Uint8Array, source = "safetensors data"): LoadedSafetensors {
  if (!(bytes instanceof Uint8Array)) throw argError("loadSafetensors", "bytes", "a Uint8Array", bytes);
  checkString("loadSafetensors", "source", source);
  if (bytes.length < 8)
    throw new SafetensorsError(`loadSafetensors: ${source} is ${bytes.length} bytes, too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) {
    throw new SafetensorsError(
      `loadSafetensors: ${source} declares a ${n}-byte header but only ${bytes.length - 8} bytes follow`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new SafetensorsError(
      `loadSafetensors: ${source} has an invalid JSON header (${(e as Error).message})`,
    );
  }
  if (!isRecord(header)) {
    throw new SafetensorsError(`loadSafetensors: ${source} has a header that is not a JSON object`);
  }
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      if (!isRecord(raw) || !Object.values(raw).every((v) => typeof v === "string")) {
        throw new SafetensorsError(
          `loadSafetensors: ${source} has metadata that is not an object of strings`,
        );
      }
      metadata = raw as Record<string, string>;
      continue;
    }
    if (!isRecord(raw)) {
      throw new SafetensorsError(
        `loadSafetensors: tensor "${name}" in ${source} has an invalid entry ${JSON.stringify(raw)}`,
      );
    }
    const e = raw as Partial<HeaderEntry>;
    // Own keys only: a dtype of "constructor" must not find Object's prototype.
    const dtype =
      typeof e.dtype === "string" && Object.hasOwn(FROM_ST, e.dtype) ? FROM_ST[e.dtype] : undefined;
    if (dtype === undefined)
      throw new SafetensorsError(
        `loadSafetensors: tensor "${name}" in ${source} has unsupported dtype ${e.dtype}`,
      );
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new SafetensorsError(
        `loadSafetensors: tensor "${name}" in ${source} has an invalid shape ${JSON.stringify(shape)}`,
      );
    }
    if (!Array.isArray(offsets) || offsets.length !== 2)
      throw new SafetensorsError(`loadSafetensors: tensor "${name}" in ${source} has no data_offsets`);
    const [begin, end] = offsets;
    const numel = shape.reduce((a, b) => a * b, 1);
    if (!(Number.isInteger(begin) && Number.isInteger(end) && begin >= 0 && end >= begin && end <= dataLen)) {
      throw new SafetensorsError(
        `loadSafetensors: tensor "${name}" in ${source} has data_offsets [${begin}, ${end}] outside the ${dataLen} data bytes`,
      );
    }
    if (end - begin !== numel * BYTES[dtype]) {
      throw new SafetensorsError(
        `loadSafetensors: tensor "${name}" in ${source} has ${end - begin} bytes but shape ${fmtShape(shape)} of ${dtype} needs ${numel * BYTES[dtype]}`,
      );
    }
    // Copy out of the file buffer: aligned, and independent of it.
    const chunk = bytes.slice(dataStart + begin, dataStart + end);
    tensors[name] = fromTypedArray(typed(dtype, chunk.buffer), shape, { dtype });
  }
  return { tensors, metadata };
}

function typed(dtype: DType, buffer: ArrayBuffer): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(buffer);
    case "float64":
      return new Float64Array(buffer);
    case "int32":
      return new Int32Array(buffer);
    case "uint8":
    case "bool":
      return new Uint8Array(buffer);
  }
}

/** A path: a non-empty string. */
function checkPath(fn: string, path: unknown): asserts path is string {
  if (typeof path !== "string" || path === "") throw argError(fn, "path", "a non-empty string", path);
}

/** A file system error as a SafetensorsError naming the call and the path (the original is its cause). */
function fileError(fn: string, what: string, path: string, e: unknown): SafetensorsError {
  return new SafetensorsError(`${fn}: cannot ${what} ${path}: ${(e as Error).message ?? fmtValue(e)}`, {
    cause: e,
  });
}

/**
 * Writes a safetensors file atomically (temporary file, then rename). Node only. A file system
 * error is a SafetensorsError whose `cause` is Node's error (with its `code`).
 */
export async function saveSafetensorsFile(
  path: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Promise<void> {
  checkPath("saveSafetensorsFile", path);
  const bytes = encode("saveSafetensorsFile", tensors, metadata);
  const { rename, rm, writeFile } = await import("node:fs/promises");
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fileError("saveSafetensorsFile", "write", path, e);
  }
}

/**
 * Reads a safetensors file. Node only; in the browser fetch the bytes and use loadSafetensors.
 * A missing or unreadable file is a SafetensorsError whose `cause` is Node's error.
 */
export async function loadSafetensorsFile(path: string): Promise<LoadedSafetensors> {
  checkPath("loadSafetensorsFile", path);
  const { readFile } = await import("node:fs/promises");
  let buf: Uint8Array;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw fileError("loadSafetensorsFile", "read", path, e);
  }
  return loadSafetensors(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path);
}
