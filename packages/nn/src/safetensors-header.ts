// Reading and checking a safetensors header by the rules of the reference implementation
// (Rust `safetensors` crate, `SafeTensors::read_metadata` and `Metadata::validate`): a file
// it refuses is a SafetensorsError here, and a file it accepts loads, except where tsgrad
// cannot hold the contents (a dtype or dimension it lacks) or where a header has two equal
// keys (the reference keeps the last tensor of a name; here that is refused).
import { type DType, ValueError } from "@tsgrad/tensor";
import { type Json, JsonNumber, type JsonObject, parseJson, showJson } from "./safetensors-json.js";

/** A file or bytes that break the safetensors format, or cannot be read or written. */
export class SafetensorsError extends ValueError {
  override name = "SafetensorsError";
}

export const METADATA_KEY = "__metadata__";
/** The reference refuses a larger header (HeaderTooLarge), reading or writing. */
export const MAX_HEADER_BYTES = 100_000_000;

export const TO_ST: Readonly<Record<DType, string>> = {
  float32: "F32",
  float64: "F64",
  int32: "I32",
  uint8: "U8",
  bool: "BOOL",
};
const FROM_ST = new Map(Object.entries(TO_ST).map(([dtype, st]) => [st, dtype as DType]));
export const BYTES: Readonly<Record<DType, number>> = { float32: 4, float64: 8, int32: 4, uint8: 1, bool: 1 };
// The reference's other dtypes: valid files that tsgrad has no dtype for.
const OTHER_DTYPES = new Set(
  "F4 F6_E2M3 F6_E3M2 I8 F8_E5M2 F8_E4M3 F8_E8M0 F8_E4M3FNUZ F8_E5M2FNUZ I16 U16 F16 BF16 U32 C64 I64 U64".split(
    " ",
  ),
);

/** One tensor of a checked header; offsets are into the data section. */
export interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

export interface Header {
  /** In the header's order. */
  entries: TensorEntry[];
  /** A null-prototype object: any key is data. */
  metadata: Record<string, string>;
  /** Where the data section starts in the file. */
  dataStart: number;
}

/** Who reads what, for messages: the public function and the file (or "safetensors data"). */
export interface Origin {
  fn: string;
  source: string;
}

const U64_MAX = (1n << 64n) - 1n;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // a BOM is no JSON

/** Reads the header of a whole safetensors file and checks it against the file's length. */
export function readHeader(bytes: Uint8Array, o: Origin): Header {
  const fail = (what: string) => new SafetensorsError(`${o.fn}: ${o.source} ${what}`);
  if (bytes.length < 8) throw fail(`is ${bytes.length} bytes, too short for the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) {
    throw fail(`declares a ${n}-byte header, more than the ${MAX_HEADER_BYTES} bytes a header may have`);
  }
  const dataStart = 8 + Number(n);
  if (dataStart > bytes.length) {
    throw fail(`declares a ${n}-byte header but only ${bytes.length - 8} bytes follow`);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes.subarray(8, dataStart));
  } catch {
    throw fail("has a header that is not valid UTF-8");
  }
  let header: Json;
  try {
    header = parseJson(text);
  } catch (e) {
    throw fail(`has an invalid JSON header (${(e as Error).message})`);
  }
  if (!(header instanceof Map)) throw fail(`has a header that is not a JSON object: ${showJson(header)}`);
  const raw: RawEntry[] = [];
  for (const [name, entry] of header) {
    if (name !== METADATA_KEY) raw.push(readEntry(name, entry, o));
  }
  checkLayout(raw, bytes.length - dataStart, o);
  const entries = raw.map(({ name, dtype, shape, begin, end }) => ({
    name,
    dtype,
    shape: shape.map(Number),
    begin: Number(begin),
    end: Number(end),
  }));
  return { entries, metadata: readMetadata(header, fail), dataStart };
}

/** `__metadata__`: absent or null (the reference reads it as an Option), else strings by key. */
function readMetadata(header: JsonObject, fail: (what: string) => SafetensorsError): Record<string, string> {
  const metadata: Record<string, string> = Object.create(null);
  const raw = header.get(METADATA_KEY);
  if (raw === undefined || raw === null) return metadata;
  if (!(raw instanceof Map)) throw fail(`has metadata that is not an object of strings: ${showJson(raw)}`);
  for (const [key, v] of raw) {
    if (typeof v !== "string") {
      throw fail(`has metadata that is not an object of strings: ${JSON.stringify(key)} is ${showJson(v)}`);
    }
    metadata[key] = v;
  }
  return metadata;
}

/** An unsigned integer as serde_json reads a usize: an integer literal below 2^64. */
function u64(v: Json | undefined): bigint | undefined {
  if (!(v instanceof JsonNumber) || !/^(?:0|[1-9][0-9]*)$/.test(v.text)) return undefined;
  const n = BigInt(v.text);
  return n <= U64_MAX ? n : undefined;
}

// Offsets and dimensions are exact integers (BigInt) until checked: the reference compares
// 64-bit integers, and a JavaScript number would round those above 2^53.
interface RawEntry {
  name: string;
  dtype: DType;
  shape: bigint[];
  begin: bigint;
  end: bigint;
}

function tensorError(o: Origin, name: string, what: string): SafetensorsError {
  return new SafetensorsError(`${o.fn}: tensor ${JSON.stringify(name)} in ${o.source} ${what}`);
}

/** One tensor's entry: { dtype, shape, data_offsets }; other fields are ignored, as the reference does. */
function readEntry(name: string, raw: Json, o: Origin): RawEntry {
  const fail = (what: string) => tensorError(o, name, what);
  if (!(raw instanceof Map)) throw fail(`has an entry that is not an object: ${showJson(raw)}`);
  const st = raw.get("dtype");
  if (typeof st !== "string") {
    throw fail(st === undefined ? "has no dtype" : `has a dtype that is not a string: ${showJson(st)}`);
  }
  const dtype = FROM_ST.get(st);
  if (dtype === undefined) {
    throw fail(
      OTHER_DTYPES.has(st)
        ? `has dtype ${st}, which tsgrad cannot load (it loads ${[...FROM_ST.keys()].join(", ")})`
        : `has unknown dtype ${JSON.stringify(st)}`,
    );
  }
  const shapeJson = raw.get("shape");
  const shape = Array.isArray(shapeJson) ? shapeJson.map(u64) : undefined;
  if (shape === undefined || !shape.every((d): d is bigint => d !== undefined)) {
    const got = shapeJson === undefined ? "none" : showJson(shapeJson);
    throw fail(`has an invalid shape ${got}: it must be a list of non-negative integers`);
  }
  const offsetsJson = raw.get("data_offsets");
  const offsets = Array.isArray(offsetsJson) ? offsetsJson.map(u64) : [];
  const [begin, end] = offsets;
  if (offsets.length !== 2 || begin === undefined || end === undefined) {
    const got = offsetsJson === undefined ? "none" : showJson(offsetsJson);
    throw fail(`has invalid data_offsets ${got}: they must be two non-negative integers [begin, end]`);
  }
  return { name, dtype, shape, begin, end };
}

/**
 * The reference's `validate`: sorted by offsets, the tensors tile the data section exactly,
 * from byte 0 to its end, each as long as its shape and dtype need.
 */
function checkLayout(entries: readonly RawEntry[], dataLength: number, o: Origin): void {
  const order = [...entries].sort((a, b) => cmp(a.begin, b.begin) || cmp(a.end, b.end));
  const total = BigInt(dataLength);
  let at = 0n;
  let previous: RawEntry | undefined;
  for (const t of order) {
    const fail = (what: string) => tensorError(o, t.name, `has data_offsets [${t.begin}, ${t.end}] ${what}`);
    if (t.end < t.begin) throw fail("that end before they begin");
    if (t.begin < at) throw fail(`that overlap those of tensor ${JSON.stringify(previous?.name)}`);
    if (t.begin > at) throw fail(`that leave data bytes ${at} to ${t.begin} to no tensor`);
    if (t.end > total) throw fail(`outside the ${dataLength} data bytes`);
    checkSize(t, o);
    at = t.end;
    previous = t;
  }
  if (at !== total) {
    throw new SafetensorsError(
      `${o.fn}: ${o.source} has ${total - at} byte${total - at === 1n ? "" : "s"} after the last tensor's data (the tensors cover ${at} of the ${dataLength} data bytes)`,
    );
  }
}

/** end − begin is the shape's element count times the dtype's size, computed as the reference does. */
function checkSize(t: RawEntry, o: Origin): void {
  const shape = `[${t.shape.join(", ")}]`;
  const fail = (what: string) => tensorError(o, t.name, what);
  let numel = 1n;
  for (const d of t.shape) {
    numel *= d;
    // The reference multiplies in 64 bits and refuses an overflow, even if a later dimension is 0.
    if (numel > U64_MAX) throw fail(`has shape ${shape}, whose element count overflows 64 bits`);
  }
  const bits = numel * BigInt(8 * BYTES[t.dtype]);
  if (bits > U64_MAX) throw fail(`has shape ${shape}, whose size in bits overflows 64 bits`);
  if (t.end - t.begin !== bits / 8n) {
    throw fail(`has ${t.end - t.begin} bytes but shape ${shape} of ${t.dtype} needs ${bits / 8n}`);
  }
  // Valid for the reference, but beyond a JavaScript array's dimension (only with a 0 elsewhere).
  const big = t.shape.find((d) => d > BigInt(Number.MAX_SAFE_INTEGER));
  if (big !== undefined)
    throw fail(`has shape ${shape}, whose dimension ${big} is larger than tsgrad can hold`);
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
