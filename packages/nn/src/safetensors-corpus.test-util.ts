// Mutated safetensors files for the fuzz test, each with what a reader that enforces the format
// must do with it, and a plain reader (JSON.parse, no checks of its own beyond the layout) to
// compare a successful load against. Seeded: the same files on every run.

/** "load": valid, must load; "error": must be a SafetensorsError; "either": a load must be right. */
export type Outcome = "load" | "error" | "either";
export interface Case {
  kind: string;
  bytes: Uint8Array;
  outcome: Outcome;
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A file as text pieces, so that a mutation can write any raw JSON: keys and values are JSON
// text exactly as they go in the header.
interface Entry {
  key: string;
  fields: [key: string, value: string][];
  /** Raw JSON for the whole entry instead of { fields }. */
  raw?: string;
}
interface Spec {
  entries: Entry[];
  /** Raw JSON of __metadata__, or undefined for none. */
  metadata: string | undefined;
  data: Uint8Array;
  before: string;
  /** Padding after the JSON; undefined: spaces up to an 8-byte boundary. */
  after: string | undefined;
}

const SIZES: Readonly<Record<string, number>> = { F32: 4, F64: 8, I32: 4, U8: 1, BOOL: 1 };
const DTYPES = Object.keys(SIZES);
const NAMES = ["w", "fc.bias", "__proto__", "constructor", "toString", "", 'q"uote', "é", "😀", "0", "a\\b"];
const utf8 = new TextEncoder();

function build(spec: Spec, length?: (n: number) => bigint): Uint8Array {
  const body = [
    ...(spec.metadata === undefined ? [] : [`"__metadata__":${spec.metadata}`]),
    ...spec.entries.map((e) => `${e.key}:${e.raw ?? `{${e.fields.map(([k, v]) => `${k}:${v}`).join(",")}}`}`),
  ];
  let text = `${spec.before}{${body.join(",")}}`;
  const json = utf8.encode(text);
  text += spec.after ?? " ".repeat((8 - (json.length % 8)) % 8);
  const header = utf8.encode(text);
  const out = new Uint8Array(8 + header.length + spec.data.length);
  new DataView(out.buffer).setBigUint64(0, length?.(header.length) ?? BigInt(header.length), true);
  out.set(header, 8);
  out.set(spec.data, 8 + header.length);
  return out;
}

/** A valid file: 0 to 4 tensors of random dtypes and shapes, listed in random order. */
function randomSpec(rnd: () => number): Spec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const names = shuffle([...NAMES], rnd).slice(0, Math.floor(rnd() * 5));
  const tensors = names.map((name) => {
    const dtype = pick(DTYPES);
    const shape = Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 4));
    const bytes = shape.reduce((a, b) => a * b, 1) * (SIZES[dtype] as number);
    return { name, dtype, shape, data: Uint8Array.from({ length: bytes }, () => Math.floor(rnd() * 256)) };
  });
  const entries: Entry[] = [];
  const data = new Uint8Array(tensors.reduce((a, t) => a + t.data.length, 0));
  let at = 0;
  for (const t of tensors) {
    data.set(t.data, at);
    entries.push(
      entry(JSON.stringify(t.name), t.dtype, JSON.stringify(t.shape), `[${at},${at + t.data.length}]`),
    );
    at += t.data.length;
  }
  shuffle(entries, rnd); // the header's order need not be the data's
  const metadata = pick([undefined, undefined, '{"format":"pt"}', '{"__proto__":"x","k":"v"}', "null", "{}"]);
  const [before, after] = pick<[string, string | undefined]>([
    ["", undefined],
    ["", undefined],
    [" \n", "\t\r\n  "],
    ["", ""],
  ]);
  return { entries, metadata, data, before, after };
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

function entry(key: string, dtype: string, shape: string, offsets: string): Entry {
  return {
    key,
    fields: [
      ['"dtype"', JSON.stringify(dtype)],
      ['"shape"', shape],
      ['"data_offsets"', offsets],
    ],
  };
}

const field = (e: Entry, k: string): [string, string] =>
  e.fields.find(([f]) => f === `"${k}"`) as [string, string];
const offsetsOf = (e: Entry): [number, number] => JSON.parse(field(e, "data_offsets")[1]);
const clone = (s: Spec): Spec => ({
  ...s,
  entries: s.entries.map((e) => ({ key: e.key, fields: e.fields.map(([k, v]) => [k, v]) })),
});
const setField = (e: Entry, k: string, v: string) => {
  field(e, k)[1] = v;
};

// Each breaks one rule of the format in a valid spec with at least one non-empty tensor `e`;
// null when the spec does not fit the mutation.
type Violation = (s: Spec, e: Entry, rnd: () => number) => Spec | null;
const VIOLATIONS: Readonly<Record<string, Violation>> = {
  overlap: (s, e) => {
    // The tensors after e move one byte back, into e, and the data one byte shorter: they
    // overlap, and the offsets still end where the data does.
    const [, end] = offsetsOf(e);
    const later = s.entries.filter((x) => x !== e && offsetsOf(x)[0] >= end);
    if (!later.some((x) => offsetsOf(x)[1] > offsetsOf(x)[0])) return null;
    for (const x of later) {
      const [b, xe] = offsetsOf(x);
      setField(x, "data_offsets", `[${b - 1},${xe - 1}]`);
    }
    return { ...s, data: Uint8Array.from([...s.data.subarray(0, end - 1), ...s.data.subarray(end)]) };
  },
  "gap before": (s, e) => {
    const [at] = offsetsOf(e);
    for (const x of s.entries) {
      const [b, end] = offsetsOf(x);
      if (b >= at) setField(x, "data_offsets", `[${b + 1},${end + 1}]`);
    }
    return grow(s, at);
  },
  "trailing bytes": (s, _e, rnd) => grow(s, s.data.length, 1 + Math.floor(rnd() * 9)),
  "missing bytes": (s) => ({ ...s, data: s.data.subarray(0, s.data.length - 1) }),
  "begin after end": (s, e) => {
    const [b, end] = offsetsOf(e);
    setField(e, "data_offsets", `[${end},${b}]`);
    return s;
  },
  "size mismatch": (s, e) => {
    const shape: number[] = JSON.parse(field(e, "shape")[1]);
    setField(
      e,
      "shape",
      JSON.stringify(shape.length === 0 ? [2] : [...shape.slice(0, -1), (shape.at(-1) ?? 0) + 1]),
    );
    return s;
  },
  "unknown dtype": (s, e, rnd) => {
    setField(
      e,
      "dtype",
      JSON.stringify(["F33", "f32", "float32", "", "BOOL ", "U8\u0000"][Math.floor(rnd() * 6)]),
    );
    return s;
  },
  "dtype tsgrad lacks": (s, e) => {
    const [b, end] = offsetsOf(e);
    if ((end - b) % 2 !== 0) return null;
    setField(e, "dtype", '"F16"');
    setField(e, "shape", `[${(end - b) / 2}]`);
    return s;
  },
  "dtype not a string": (s, e, rnd) => {
    setField(e, "dtype", ["null", "4", '["F32"]', "{}"][Math.floor(rnd() * 4)] as string);
    return s;
  },
  "bad dimension": (s, e, rnd) => {
    const shape: number[] = JSON.parse(field(e, "shape")[1]);
    const d = shape.length === 0 ? 1 : (shape[0] as number);
    const bad = [
      `${d}.0`,
      `${d}e0`,
      `-${d}`,
      `"${d}"`,
      "null",
      `[${d}]`,
      "18446744073709551616",
      "-0",
      "1.5",
    ];
    const text = bad[Math.floor(rnd() * bad.length)] as string;
    setField(e, "shape", `[${[text, ...shape.slice(1)].join(",")}]`);
    return s;
  },
  "shape not a list": (s, e, rnd) => {
    setField(e, "shape", ["null", "3", '"[3]"', "{}"][Math.floor(rnd() * 4)] as string);
    return s;
  },
  "bad offsets": (s, e, rnd) => {
    const [b, end] = offsetsOf(e);
    const bad = [
      `[${b}]`,
      `[${b},${end},${end}]`,
      `[${b}.0,${end}]`,
      `[${b},${end}e0]`,
      `[-${b + 1},${end}]`,
    ];
    bad.push(`[${b},"${end}"]`, "null", `{"0":${b},"1":${end}}`, "[]", `[${b},18446744073709551616]`);
    setField(e, "data_offsets", bad[Math.floor(rnd() * bad.length)] as string);
    return s;
  },
  "missing field": (s, e, rnd) => {
    e.fields.splice(Math.floor(rnd() * 3), 1);
    return s;
  },
  "duplicate field": (s, e, rnd) => {
    e.fields.push(e.fields[Math.floor(rnd() * 3)] as [string, string]);
    return s;
  },
  "duplicate name": (s, e, rnd) => {
    // The same entry twice, or the same name written with \u escapes.
    const copy: Entry = { key: rnd() < 0.5 ? e.key : escaped(e.key), fields: e.fields };
    return { ...s, entries: [...s.entries, copy] };
  },
  "duplicate metadata": (s) => ({ ...s, metadata: '{"a":"1","a":"2"}' }),
  "metadata not strings": (s, _e, rnd) => ({
    ...s,
    metadata: ['{"epoch":3}', '"pt"', "[]", '{"a":{"b":"c"}}', '{"a":null}', "3"][Math.floor(rnd() * 6)],
  }),
  "entry not an object": (s, e, rnd) => {
    e.raw = ["null", "3", "[]", '"F32"', "true"][Math.floor(rnd() * 5)];
    return s;
  },
  "nul padding": (s) => ({ ...s, after: "\u0000" }),
  "text after the JSON": (s, _e, rnd) => ({
    ...s,
    after: ["x", "}", ",", " 0", "{}"][Math.floor(rnd() * 5)],
  }),
  "lone surrogate": (s, e, rnd) => {
    e.key = ['"\\ud800"', '"\\udc00"', '"a\\ud800b"', '"\\ud800\\u0041"', '"\\udfff\\ud800"'][
      Math.floor(rnd() * 5)
    ] as string;
    return s;
  },
  "byte order mark": (s) => ({ ...s, before: "\ufeff" }),
  "nested too deep": (s, e) => {
    e.fields.push(['"x"', `${"[".repeat(126)}${"]".repeat(126)}`]); // the 128th level
    return s;
  },
};

/** s with `count` zero bytes inserted at data offset `at`. */
function grow(s: Spec, at: number, count = 1): Spec {
  const data = new Uint8Array(s.data.length + count);
  data.set(s.data.subarray(0, at));
  data.set(s.data.subarray(at), at + count);
  return { ...s, data };
}

/** Valid variations: must load, and equal what the plain reader reads. */
const VALID: Readonly<Record<string, (s: Spec, e: Entry) => Spec>> = {
  "same-size dtype": (s, e) => {
    const d = JSON.parse(field(e, "dtype")[1]) as string;
    const twin: Record<string, string> = { F32: "I32", I32: "F32", U8: "BOOL", BOOL: "U8", F64: "F64" };
    setField(e, "dtype", JSON.stringify(twin[d]));
    return s;
  },
  "escaped name": (s, e) => {
    e.key = escaped(e.key);
    return s;
  },
  "extra field": (s, e) => {
    // Ignored, as the reference ignores it; nested to the 127th level, the deepest it reads.
    e.fields.push([
      '"extra"',
      `{"note":[1,2.5e3,null,true,"s"],"deep":${"[".repeat(124)}${"]".repeat(124)}}`,
    ]);
    return s;
  },
  "whitespace everywhere": (s) => {
    const spaced = clone(s);
    for (const x of spaced.entries) x.fields = x.fields.map(([k, v]) => [` \n${k}\t`, `\r\n ${v} `]);
    return { ...spaced, before: "\n\t ", after: " \n" };
  },
};

/** A JSON string literal written again with every UTF-16 unit as a \u escape. */
function escaped(literal: string): string {
  const s = JSON.parse(literal) as string;
  return `"${Array.from({ length: s.length }, (_, i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, "0")}`).join("")}"`;
}

/** The corpus: about 7,500 files. */
export function corpus(seed = 17): Case[] {
  const rnd = generator(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const cases: Case[] = [];
  const add = (kind: string, bytes: Uint8Array, outcome: Outcome) => cases.push({ kind, bytes, outcome });
  const specs = Array.from({ length: 400 }, () => randomSpec(rnd));
  const files = specs.map((s) => build(s));
  const dataStart = (f: Uint8Array) => 8 + Number(new DataView(f.buffer).getBigUint64(0, true));
  for (const f of files) add("valid", f, "load");

  // Truncations at every length of 20 files, from the smallest up to about 400 bytes.
  const bySize = [...files].sort((a, b) => a.length - b.length);
  for (const f of bySize.filter((_, i) => i < 10 || i % 40 === 0)) {
    for (let n = 0; n < f.length; n++) add("truncated", f.subarray(0, n), "error");
  }
  const flip = (f: Uint8Array, at: number) => {
    const g = f.slice();
    g[at] = (g[at] as number) ^ (1 << int(8));
    return g;
  };
  const withData = files.filter((f) => f.length > dataStart(f));
  for (let i = 0; i < 1000; i++) {
    const f = withData[int(withData.length)] as Uint8Array;
    add("data bit flip", flip(f, dataStart(f) + int(f.length - dataStart(f))), "load");
  }
  for (let i = 0; i < 1500; i++) {
    const f = files[int(files.length)] as Uint8Array;
    add("header bit flip", flip(f, 8 + int(dataStart(f) - 8)), "either");
  }
  for (let i = 0; i < 300; i++) {
    const f = files[int(files.length)] as Uint8Array;
    add("length bit flip", flip(f, int(8)), "error");
    const g = f.slice();
    const n = BigInt(dataStart(f) - 8);
    const lengths = [n - 1n, n - 2n, n + 1n, n + 2n, n + 8n, 100_000_001n, (1n << 64n) - 1n, n - 8n];
    const m = lengths[int(lengths.length)] as bigint;
    if (m < 0n) continue;
    new DataView(g.buffer).setBigUint64(0, m, true);
    add("length changed", g, "error");
  }
  // One byte inserted or deleted anywhere: the length field no longer matches the file.
  for (let i = 0; i < 1000; i++) {
    const f = files[int(files.length)] as Uint8Array;
    const at = int(f.length + 1);
    if (i % 2 === 0) {
      const byte = [0x20, 0x30, 0x7d, 0x22, int(256)][int(5)] as number;
      add("byte inserted", Uint8Array.from([...f.subarray(0, at), byte, ...f.subarray(at)]), "error");
    } else if (at < f.length) {
      add("byte deleted", Uint8Array.from([...f.subarray(0, at), ...f.subarray(at + 1)]), "error");
    }
  }
  // Each rule broken, 50 times, and each valid variation, 50 times.
  const usable = specs.filter((s) => s.entries.some((e) => offsetsOf(e)[1] > offsetsOf(e)[0]));
  for (const [kind, violate] of Object.entries(VIOLATIONS)) {
    for (let made = 0, tries = 0; made < 50 && tries < 1000; tries++) {
      const s = clone(usable[int(usable.length)] as Spec);
      const nonEmpty = s.entries.filter((e) => offsetsOf(e)[1] > offsetsOf(e)[0]);
      const broken = violate(s, nonEmpty[int(nonEmpty.length)] as Entry, rnd);
      if (broken === null) continue;
      add(kind, build(broken), "error");
      made++;
    }
  }
  for (const [kind, vary] of Object.entries(VALID)) {
    for (let i = 0; i < 50; i++) {
      const s = clone(usable[int(usable.length)] as Spec);
      add(kind, build(vary(s, s.entries[int(s.entries.length)] as Entry)), "load");
    }
  }
  return cases;
}

export interface PlainTensor {
  dtype: string;
  shape: number[];
  data: Uint8Array;
}

/**
 * A file read the plain way: JSON.parse, then the tensors sorted by offset must tile the data
 * exactly, each as long as its shape needs. Returns what it holds, or why it is not a file.
 */
export function readPlain(
  bytes: Uint8Array,
): { tensors: Map<string, PlainTensor>; metadata: Record<string, string> } | string {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const data = bytes.subarray(8 + n);
  const tensors = new Map<string, PlainTensor>();
  const spans: [number, number, number][] = [];
  for (const [name, e] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const [b, end] = e.data_offsets;
    spans.push([b, end, e.shape.reduce((a, d) => a * d, 1) * (SIZES[e.dtype] ?? Number.NaN)]);
    tensors.set(name, { dtype: e.dtype, shape: e.shape, data: data.subarray(b, end) });
  }
  let at = 0;
  for (const [b, end, size] of spans.sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    if (b !== at || end - b !== size) return `span [${b}, ${end}] at ${at}, size ${size}`;
    at = end;
  }
  if (at !== data.length) return `spans end at ${at} of ${data.length}`;
  const metadata = (header.__metadata__ ?? {}) as unknown as Record<string, string>;
  return { tensors, metadata };
}
