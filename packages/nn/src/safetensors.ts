// The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian
// header length, a JSON header { name: { dtype, shape, data_offsets } , __metadata__ }, then
// the raw little-endian tensor bytes. Readable by PyTorch's and Hugging Face's tools.
import {
  argError,
  checkPath,
  checkString,
  type DType,
  fmtValue,
  fromTypedArray,
  readRegularFile,
  Tensor,
  type TypedArray,
  writeFileAtomic,
} from "@tsgrad/tensor";
import { MAX_HEADER_BYTES, METADATA_KEY, readHeader, SafetensorsError, TO_ST } from "./safetensors-header.js";

export { SafetensorsError };

/** A plain object: not null, an array or a tensor. */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

// A lone surrogate: JSON.stringify writes it as a \u escape, which the reference refuses to read.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `s` has no lone surrogate: String.prototype.isWellFormed where the runtime has it (fast). */
function wellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native === undefined ? !LONE_SURROGATE.test(s) : native.call(s);
}

/** A name or metadata string that a reader can read back. */
function checkText(fn: string, what: string, s: string): void {
  if (!wellFormed(s)) {
    const shown = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}...` : s);
    throw new SafetensorsError(`${fn}: ${what} ${shown} has a lone surrogate, which UTF-8 cannot hold`);
  }
}

/** What saveSafetensors writes: tensors by name, and string metadata (or none: undefined, null). */
function checkContents(fn: string, tensors: unknown, metadata: unknown): void {
  if (!isRecord(tensors)) throw argError(fn, "tensors", "an object of tensors by name", tensors);
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof Tensor)) throw argError(fn, `tensors[${JSON.stringify(name)}]`, "a tensor", t);
    if (name === METADATA_KEY) {
      throw new SafetensorsError(
        `${fn}: a tensor cannot be named "${METADATA_KEY}": the header keeps the metadata under that key`,
      );
    }
    checkText(fn, "the tensor name", name);
  }
  if (metadata === undefined || metadata === null) return;
  if (!isRecord(metadata)) throw argError(fn, "metadata", "an object of strings", metadata);
  for (const [key, v] of Object.entries(metadata)) {
    if (typeof v !== "string") throw argError(fn, `metadata[${JSON.stringify(key)}]`, "a string", v);
    checkText(fn, "the metadata key", key);
    checkText(fn, `metadata[${JSON.stringify(key)}]`, v);
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
  // Null prototype: a tensor named "__proto__" is a key like any other, not a prototype.
  const header: Record<string, HeaderEntry | Record<string, string>> = Object.create(null);
  if (metadata !== undefined && metadata !== null)
    header[METADATA_KEY] = Object.assign(Object.create(null), metadata);
  const parts: Uint8Array[] = [];
  let offset = 0;
  // Sorted by name, so that files are byte-identical for equal input.
  for (const name of Object.keys(tensors).sort()) {
    const t = tensors[name] as Tensor;
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
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Padded with spaces (JSON whitespace) so that the data starts 8-byte aligned.
  const headerLength = Math.ceil(json.length / 8) * 8;
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsError(
      `${fn}: the header would be ${headerLength} bytes, more than the ${MAX_HEADER_BYTES} a reader accepts`,
    );
  }
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What `loadSafetensors` and `loadSafetensorsFile` return: the tensors by name, and the metadata. */
export interface LoadedSafetensors {
  /** By name, in a null-prototype object: names such as "__proto__" are tensors like any other. */
  tensors: Record<string, Tensor>;
  /** The header's `__metadata__` (empty when it has none), also a null-prototype object. */
  metadata: Record<string, string>;
}

/**
 * Parses safetensors bytes, enforcing the format as the reference implementation does (see the
 * README): a malformed or inconsistent file is a SafetensorsError that says what is wrong.
 */
export function loadSafetensors(bytes: Uint8Array, source = "safetensors data"): LoadedSafetensors {
  if (!(bytes instanceof Uint8Array)) throw argError("loadSafetensors", "bytes", "a Uint8Array", bytes);
  checkString("loadSafetensors", "source", source);
  return decode("loadSafetensors", bytes, source);
}

function decode(fn: string, bytes: Uint8Array, source: string): LoadedSafetensors {
  const { entries, metadata, dataStart } = readHeader(bytes, { fn, source });
  const tensors: Record<string, Tensor> = Object.create(null);
  for (const { name, dtype, shape, begin, end } of entries) {
    // Copied out of the file's buffer: aligned for the typed array, and independent of it.
    // Uint8Array's slice, not the argument's: a Node Buffer's slice is a view of its pool.
    const chunk = Uint8Array.prototype.slice.call(bytes, dataStart + begin, dataStart + end);
    // Any nonzero byte is true (as PyTorch and NumPy print it); tsgrad's bool ops expect 0 or 1.
    if (dtype === "bool") for (let i = 0; i < chunk.length; i++) chunk[i] = chunk[i] === 0 ? 0 : 1;
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

/** A file system error as a SafetensorsError naming the call and the path (the original is its cause). */
function fileError(fn: string, what: string, path: string, e: unknown): SafetensorsError {
  const message = e instanceof Error ? e.message : fmtValue(e);
  return new SafetensorsError(`${fn}: cannot ${what} ${path}: ${message}`, { cause: e });
}

/**
 * Writes a safetensors file atomically (`writeFileAtomic` of @tsgrad/tensor: a temporary file
 * beside it, flushed, then renamed over it; creates the folder). Node only. A file system error
 * is a SafetensorsError whose `cause` is Node's error (with its `code`).
 */
export async function saveSafetensorsFile(
  path: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Promise<void> {
  const fn = "saveSafetensorsFile";
  checkPath(fn, "path", path);
  const bytes = encode(fn, tensors, metadata);
  try {
    await writeFileAtomic(path, bytes, fn);
  } catch (e) {
    throw fileError(fn, "write", path, e);
  }
}

/**
 * Reads a safetensors file. Node only; in the browser fetch the bytes and use loadSafetensors.
 * A FIFO or a device is refused without reading; a missing or unreadable file is a
 * SafetensorsError whose `cause` is Node's error.
 */
export async function loadSafetensorsFile(path: string): Promise<LoadedSafetensors> {
  const fn = "loadSafetensorsFile";
  checkPath(fn, "path", path);
  let bytes: Uint8Array;
  try {
    // No size limit of the format's own (only the header's): the limit is the largest buffer
    // the runtime allocates (4 GiB on Node 20), and a failed allocation is reported below.
    bytes = await readRegularFile(path, Number.MAX_SAFE_INTEGER, fn, (message, cause) =>
      cause === undefined ? new SafetensorsError(message) : new SafetensorsError(message, { cause }),
    );
  } catch (e) {
    throw e instanceof SafetensorsError ? e : fileError(fn, "read", path, e);
  }
  return decode(fn, bytes, path);
}
