// Fuzzing the reader: about 7,500 mutated files (truncations at every length, bit flips in the
// header, its length and the data, inserted and deleted bytes, each rule of the format broken,
// valid variations). Each must be refused with a SafetensorsError, or load exactly what the
// file says as a plain JSON.parse reader sees it.
import type { Tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { loadSafetensors, SafetensorsError } from "./safetensors.js";
import { type Case, corpus, type PlainTensor, readPlain } from "./safetensors-corpus.test-util.js";

const DTYPES: Readonly<Record<string, string>> = {
  F32: "float32",
  F64: "float64",
  I32: "int32",
  U8: "uint8",
  BOOL: "bool",
};

/** Why a loaded tensor differs from the file's, or null. */
function differs(t: Tensor | undefined, p: PlainTensor): string | null {
  if (t === undefined) return "missing";
  if (t.dtype !== DTYPES[p.dtype]) return `dtype ${t.dtype}, file ${p.dtype}`;
  if (JSON.stringify(t.shape) !== JSON.stringify(p.shape)) return `shape ${t.shape}, file ${p.shape}`;
  const data = t.toTypedArray();
  const got = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // Bit for bit (NaN payloads included); a bool is true for any nonzero byte.
  const want = p.dtype === "BOOL" ? p.data.map((b) => (b === 0 ? 0 : 1)) : p.data;
  return got.length === want.length && got.every((b, i) => b === want[i]) ? null : "data";
}

/** Whether the reader loaded the case's file, and what is wrong with its answer (or null). */
function check(c: Case): { loaded: boolean; why: string | null } {
  try {
    return { loaded: true, why: checkLoad(c, loadSafetensors(c.bytes)) };
  } catch (e) {
    if (!(e instanceof SafetensorsError)) return { loaded: false, why: `threw ${String(e)}` };
    if (!e.message.startsWith("loadSafetensors: ")) return { loaded: false, why: `message ${e.message}` };
    return { loaded: false, why: c.outcome === "load" ? `refused a valid file: ${e.message}` : null };
  }
}

function checkLoad(c: Case, loaded: ReturnType<typeof loadSafetensors>): string | null {
  if (c.outcome === "error") return "loaded an invalid file";
  const plain = readPlain(c.bytes);
  if (typeof plain === "string") return `loaded a file whose layout is wrong: ${plain}`;
  const names = Object.keys(loaded.tensors);
  if (names.length !== plain.tensors.size) return `${names.length} tensors, file ${plain.tensors.size}`;
  for (const [name, p] of plain.tensors) {
    const why = differs(loaded.tensors[name], p);
    if (why !== null) return `tensor ${JSON.stringify(name)}: ${why}`;
  }
  const meta = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());
  return meta(loaded.metadata) === meta(plain.metadata) ? null : "metadata";
}

describe("safetensors fuzzing", () => {
  const cases = corpus();

  it("covers every kind of mutation, over 5,000 files", () => {
    const kinds = new Map<string, number>();
    for (const c of cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    expect(cases.length).toBeGreaterThan(5000);
    // Every rule's violation was generated (none skipped as not fitting every spec).
    for (const [kind, n] of kinds) expect(n, kind).toBeGreaterThanOrEqual(50);
  });

  it("refuses each mutated file with a SafetensorsError or loads exactly what it says", () => {
    const failures: string[] = [];
    const loaded = new Map<string, number>();
    for (const [i, c] of cases.entries()) {
      const result = check(c);
      if (result.why !== null) failures.push(`#${i} ${c.kind}: ${result.why}`);
      if (result.loaded) loaded.set(c.kind, (loaded.get(c.kind) ?? 0) + 1);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Header bit flips land on both sides: some change a name (valid), most break the header.
    const flips = cases.filter((c) => c.kind === "header bit flip").length;
    expect(loaded.get("header bit flip")).toBeGreaterThan(0);
    expect(loaded.get("header bit flip")).toBeLessThan(flips / 2);
  }, 60_000); // about 3 s alone; a loaded two-core machine takes longer
});
