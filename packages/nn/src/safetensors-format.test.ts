// One test per rule of the safetensors format that the reader enforces, each on a hand-built
// file. The rules are those of the reference implementation (Rust `safetensors` crate), whose
// verdicts on these files were checked against it (see the README).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Tensor, tensor, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  loadSafetensors,
  loadSafetensorsFile,
  SafetensorsError,
  saveSafetensors,
  saveSafetensorsFile,
} from "./index.js";

const utf8 = new TextEncoder();

/** A file: the 8-byte length (of `header`'s UTF-8 unless given), the header text, the data. */
function file(header: string, data: number | Uint8Array = 0, length?: bigint): Uint8Array {
  const h = utf8.encode(header);
  const d = typeof data === "number" ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + h.length + d.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(d, 8 + h.length);
  return out;
}

/** A tensor entry as header text. */
const t = (dtype: string, shape: string, offsets: string) =>
  `{"dtype":${JSON.stringify(dtype)},"shape":${shape},"data_offsets":${offsets}}`;
const w = t("F32", "[3]", "[0,12]");

/** Loading `bytes` throws a SafetensorsError whose message contains `message`. */
function refuses(bytes: Uint8Array, message: string): void {
  const load = () => loadSafetensors(bytes);
  expect(load).toThrow(SafetensorsError);
  expect(load).toThrow(message);
}

describe("the header length", () => {
  const good = saveSafetensors({ w: tensor([1, 2, 3], { dtype: "float32" }) });
  const withLength = (n: bigint) => {
    const bad = good.slice();
    new DataView(bad.buffer).setBigUint64(0, n, true);
    return bad;
  };
  const n = new DataView(good.buffer).getBigUint64(0, true);

  it("is exact: 1 or 2 bytes short leaves bytes no tensor claims, even where the JSON still parses", () => {
    // Two bytes of padding absorb a shorter length, but the data section then starts early.
    const padded = file(`{"w":${w}}  `, 12);
    const m = BigInt(padded.length - 8 - 12);
    const shortBy = (k: bigint) => {
      const bad = padded.slice();
      new DataView(bad.buffer).setBigUint64(0, m - k, true);
      return bad;
    };
    refuses(shortBy(1n), "loadSafetensors: safetensors data has 1 byte after the last tensor's data");
    refuses(
      shortBy(2n),
      "has 2 bytes after the last tensor's data (the tensors cover 12 of the 14 data bytes)",
    );
    // saveSafetensors pads this header with 1 byte: 2 bytes short cuts the JSON.
    refuses(withLength(n - 1n), "has 1 byte after the last tensor's data");
    refuses(withLength(n - 2n), 'has an invalid JSON header (expected "}", found the end');
  });

  it("is exact: 1 or 2 bytes long takes data bytes into the JSON", () => {
    refuses(
      withLength(n + 1n),
      "safetensors data has an invalid JSON header (unexpected text after the JSON value",
    );
    refuses(withLength(n + 2n), "has an invalid JSON header");
  });

  it("allows JSON whitespace around the JSON, as the reference does, and nothing else", () => {
    const header = `{"w":${w}}`;
    expect(loadSafetensors(file(` \n\t${header}\r\n \t`, 12)).tensors.w?.shape).toEqual([3]);
    refuses(
      file(`${header}\u0000\u0000`, 12),
      "has an invalid JSON header (unexpected text after the JSON value",
    );
    refuses(file(`\ufeff${header}`, 12), "has an invalid JSON header (expected a JSON value, found");
  });

  it("is at most 100,000,000 bytes, refused before it is compared with the file", () => {
    refuses(
      withLength(100_000_001n),
      "declares a 100000001-byte header, more than the 100000000 bytes a header may have",
    );
    refuses(
      withLength((1n << 64n) - 1n),
      "declares a 18446744073709551615-byte header, more than the 100000000",
    );
    refuses(withLength(1000n), `declares a 1000-byte header but only ${good.length - 8} bytes follow`);
    refuses(good.subarray(0, 7), "safetensors data is 7 bytes, too short for the 8-byte header length");
  });

  it("is at most 100,000,000 bytes when written, too", () => {
    let err: unknown;
    try {
      saveSafetensors({}, { big: "a".repeat(100_000_000) }); // once: it serializes 100 MB
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SafetensorsError);
    expect((err as Error).message).toBe(
      "saveSafetensors: the header would be 100000032 bytes, more than the 100000000 a reader accepts",
    );
  }, 60_000); // under a second; several on a loaded two-core machine

  it("holds UTF-8 JSON: an object, no lone surrogate, no nesting beyond serde_json's 127 levels", () => {
    const latin1 = file('{"X":{}}');
    latin1[10] = 0xff; // the X: a byte that UTF-8 never has
    refuses(latin1, "has a header that is not valid UTF-8");
    for (const json of ["[]", "null", '"x"', "3", "true"]) {
      refuses(file(json), `safetensors data has a header that is not a JSON object: ${json}`);
    }
    refuses(file(`{"\\ud800":${w}}`, 12), "(lone leading surrogate in a \\u escape at character");
    refuses(file(`{"\\udc00":${w}}`, 12), "(lone trailing surrogate in a \\u escape at character");
    expect(Object.keys(loadSafetensors(file(`{"\\ud83d\\ude00":${w}}`, 12)).tensors)).toEqual(["😀"]);
    const nested = (levels: number) =>
      `{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12],"x":${"[".repeat(levels - 2)}${"]".repeat(levels - 2)}}}`;
    expect(loadSafetensors(file(nested(127), 12)).tensors.w?.shape).toEqual([3]);
    refuses(file(nested(128), 12), "arrays and objects nested more than 127 deep");
    // A million brackets: an error, not a stack overflow.
    refuses(file("[".repeat(1_000_000)), "nested more than 127 deep");
  });
});

describe("tensor entries", () => {
  it("name known dtypes only: tsgrad's five, and the reference's others are named as such", () => {
    refuses(
      file(`{"w":${t("F16", "[6]", "[0,12]")}}`, 12),
      'tensor "w" in safetensors data has dtype F16, which tsgrad cannot load',
    );
    refuses(
      file(`{"w":${t("F33", "[3]", "[0,12]")}}`, 12),
      'tensor "w" in safetensors data has unknown dtype "F33"',
    );
    refuses(file(`{"w":${t("constructor", "[3]", "[0,12]")}}`, 12), 'has unknown dtype "constructor"');
    refuses(
      file('{"w":{"dtype":4,"shape":[3],"data_offsets":[0,12]}}', 12),
      "has a dtype that is not a string: 4",
    );
    refuses(
      file('{"w":{"shape":[3],"data_offsets":[0,12]}}', 12),
      'tensor "w" in safetensors data has no dtype',
    );
  });

  it("have a shape of non-negative integer literals, as serde_json reads a usize", () => {
    for (const shape of [
      "[-3]",
      "[3.0]",
      "[3e0]",
      "[-0]",
      '["3"]',
      "[null]",
      "[[3]]",
      "[18446744073709551616]",
    ]) {
      refuses(
        file(`{"w":${t("F32", shape, "[0,12]")}}`, 12),
        `has an invalid shape ${shape.replace(/,/g, ", ")}: it must be a list of non-negative integers`,
      );
    }
    refuses(file(`{"w":${t("F32", "3", "[0,12]")}}`, 12), "has an invalid shape 3");
    refuses(file('{"w":{"dtype":"F32","data_offsets":[0,12]}}', 12), "has an invalid shape none");
    // A number beyond the double range is refused as serde_json refuses it, wherever it is.
    refuses(
      file(`{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12],"x":1e400}}`, 12),
      "(number 1e400 out of range",
    );
  });

  it("have data_offsets of two integers, begin <= end", () => {
    for (const offsets of [
      "[0]",
      "[0,12,12]",
      "[0.0,12]",
      "[0,1.2e1]",
      "[-1,12]",
      '[0,"12"]',
      "null",
      "{}",
    ]) {
      refuses(
        file(`{"w":${t("F32", "[3]", offsets)}}`, 12),
        'tensor "w" in safetensors data has invalid data_offsets',
      );
    }
    refuses(
      file(`{"w":${t("F32", "[3]", "[12,0]")}}`, 12),
      "has data_offsets [12, 0] that end before they begin",
    );
  });

  it("span exactly the bytes that the shape and dtype need, without overflowing 64 bits", () => {
    refuses(
      file(`{"w":${t("F32", "[2,2]", "[0,12]")}}`, 12),
      'tensor "w" in safetensors data has 12 bytes but shape [2, 2] of float32 needs 16',
    );
    refuses(
      file(`{"w":${t("F32", "[4294967296,4294967296,0]", "[0,0]")}}`),
      "whose element count overflows 64 bits",
    );
    refuses(
      file(`{"w":${t("F64", "[288230376151711744]", "[0,0]")}}`),
      "whose size in bits overflows 64 bits",
    );
    // Valid for the reference (0 elements), beyond what a JavaScript shape holds.
    refuses(
      file(`{"w":${t("F32", "[1152921504606846976,0]", "[0,0]")}}`),
      "whose dimension 1152921504606846976 is larger than tsgrad can hold",
    );
    // A scalar is one element; an empty tensor spans no bytes.
    const ok = loadSafetensors(file(`{"s":${t("I32", "[]", "[0,4]")},"e":${t("U8", "[0,5]", "[4,4]")}}`, 4));
    expect(ok.tensors.s?.shape).toEqual([]);
    expect(ok.tensors.e?.shape).toEqual([0, 5]);
  });

  it("are objects, never null, and a wrong type names the entry (no TypeError)", () => {
    for (const entry of ["null", "3", '"F32"', "[]", '["F32",[3],[0,12]]']) {
      refuses(
        file(`{"w":${entry}}`, 12),
        `tensor "w" in safetensors data has an entry that is not an object: ${entry.replace(/,/g, ", ")}`,
      );
    }
    refuses(
      file('{"w":{"dtype":null,"shape":null,"data_offsets":null}}', 12),
      "has a dtype that is not a string: null",
    );
    // Unknown fields are ignored, as the reference ignores them.
    expect(
      loadSafetensors(file(`{"w":{"note":"x","dtype":"F32","shape":[3],"data_offsets":[0,12]}}`, 12)).tensors
        .w?.shape,
    ).toEqual([3]);
  });
});

describe("the data section", () => {
  const a = t("F32", "[1]", "[0,4]");
  it("is tiled in offset order from byte 0, whatever the header's order", () => {
    const { tensors } = loadSafetensors(
      file(`{"b":${t("U8", "[2]", "[4,6]")},"a":${a}}`, Uint8Array.from([0, 0, 128, 63, 7, 9])),
    );
    expect(tensors.a?.toArray()).toEqual([1]);
    expect(tensors.b?.toArray()).toEqual([7, 9]);
    // Empty tensors may share an offset.
    expect(
      Object.keys(
        loadSafetensors(file(`{"a":${t("F32", "[0]", "[0,0]")},"b":${t("U8", "[0]", "[0,0]")}}`)).tensors,
      ),
    ).toEqual(["a", "b"]);
  });

  it("has no overlap", () => {
    refuses(
      file(`{"a":${a},"b":${t("F32", "[1]", "[2,6]")}}`, 6),
      'tensor "b" in safetensors data has data_offsets [2, 6] that overlap those of tensor "a"',
    );
    refuses(file(`{"a":${a},"b":${a}}`, 4), 'has data_offsets [0, 4] that overlap those of tensor "a"');
  });

  it("has no gap, at the start or between tensors", () => {
    refuses(
      file(`{"a":${t("F32", "[1]", "[2,6]")}}`, 6),
      'tensor "a" in safetensors data has data_offsets [2, 6] that leave data bytes 0 to 2 to no tensor',
    );
    refuses(
      file(`{"a":${a},"b":${t("F32", "[1]", "[5,9]")}}`, 9),
      "that leave data bytes 4 to 5 to no tensor",
    );
  });

  it("has no trailing bytes, and no missing ones", () => {
    refuses(
      file(`{"a":${a}}`, 5),
      "safetensors data has 1 byte after the last tensor's data (the tensors cover 4 of the 5 data bytes)",
    );
    refuses(file("{}", 3), "has 3 bytes after the last tensor's data");
    refuses(
      file(`{"a":${a}}`, 3),
      'tensor "a" in safetensors data has data_offsets [0, 4] outside the 3 data bytes',
    );
  });

  it("reads a bool as true for any nonzero byte, stored as 0 or 1", () => {
    const m = loadSafetensors(file(`{"m":${t("BOOL", "[3]", "[0,3]")}}`, Uint8Array.from([0, 1, 7]))).tensors
      .m as Tensor;
    expect(m.toArray()).toEqual([false, true, true]);
    expect([...m.toTypedArray()]).toEqual([0, 1, 1]);
    expect(m.eq(tensor([false, true, true])).toArray()).toEqual([true, true, true]);
  });
});

describe("header keys", () => {
  it("are never duplicated, however written: tensor names, fields, metadata keys", () => {
    refuses(file(`{"w":${w},"w":${w}}`, 12), 'has an invalid JSON header (duplicate key "w" at character');
    refuses(file(`{"w":${w},"\\u0077":${w}}`, 12), 'duplicate key "w"');
    refuses(
      file('{"w":{"dtype":"F32","dtype":"F32","shape":[3],"data_offsets":[0,12]}}', 12),
      'duplicate key "dtype"',
    );
    refuses(file(`{"__metadata__":{"a":"1","a":"2"},"w":${w}}`, 12), 'duplicate key "a"');
    refuses(file(`{"__metadata__":{},"__metadata__":{},"w":${w}}`, 12), 'duplicate key "__metadata__"');
    // An escaped name is the name it spells.
    expect(Object.keys(loadSafetensors(file(`{"\\u00e9":${w}}`, 12)).tensors)).toEqual(["é"]);
  });

  it("__metadata__ is an object of strings, null or absent", () => {
    expect(loadSafetensors(file(`{"__metadata__":null,"w":${w}}`, 12)).metadata).toEqual({});
    expect(loadSafetensors(file(`{"__metadata__":{"k":"v"},"w":${w}}`, 12)).metadata).toEqual({ k: "v" });
    for (const [meta, why] of [
      ['"pt"', ': "pt"'],
      ["[]", ": []"],
      ['{"epoch":3}', ': "epoch" is 3'],
      ['{"a":{"b":"c"}}', ': "a" is {"b": "c"}'],
      ['{"a":null}', ': "a" is null'],
    ]) {
      refuses(
        file(`{"__metadata__":${meta},"w":${w}}`, 12),
        `safetensors data has metadata that is not an object of strings${why}`,
      );
    }
  });

  it("are data: __proto__, constructor and the like round-trip, in null-prototype objects", () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "", 'q"uote', "a\\b", "😀"];
    const tensors: Record<string, Tensor> = Object.create(null);
    for (const [i, name] of names.entries()) tensors[name] = tensor([i], { dtype: "int32" });
    // JSON.parse makes "__proto__" an own key, as a plain object literal would not.
    const metadata = JSON.parse('{"__proto__":"p","constructor":"c"}') as Record<string, string>;
    const loaded = loadSafetensors(saveSafetensors(tensors, metadata));
    expect(Object.getPrototypeOf(loaded.tensors)).toBeNull();
    expect(Object.getPrototypeOf(loaded.metadata)).toBeNull();
    expect(Object.keys(loaded.tensors).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) expect(loaded.tensors[name]?.toArray(), name).toEqual([i]);
    expect(Object.entries(loaded.metadata)).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
    ]);
  });

  it("saving refuses a tensor named __metadata__ and names UTF-8 cannot hold", () => {
    const named = () => saveSafetensors({ __metadata__: zeros([1]) });
    expect(named).toThrow(SafetensorsError);
    expect(named).toThrow('saveSafetensors: a tensor cannot be named "__metadata__"');
    expect(() => saveSafetensors({ "a\ud800": zeros([1]) })).toThrow(
      'saveSafetensors: the tensor name "a\\ud800" has a lone surrogate, which UTF-8 cannot hold',
    );
    expect(() => saveSafetensors({}, { k: "\udc00" })).toThrow(
      'saveSafetensors: metadata["k"] "\\udc00" has a lone surrogate',
    );
  });
});

describe("safetensors files", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-st-format-"));

  it("name the function and the file in every error", async () => {
    const path = join(dir, "null-entry.safetensors");
    writeFileSync(path, file('{"w":null}'));
    await expect(loadSafetensorsFile(path)).rejects.toThrow(
      `loadSafetensorsFile: tensor "w" in ${path} has an entry that is not an object: null`,
    );
    writeFileSync(path, file("null"));
    await expect(loadSafetensorsFile(path)).rejects.toThrow(
      `loadSafetensorsFile: ${path} has a header that is not a JSON object: null`,
    );
  });

  it("refuse a FIFO without blocking, and leave no temporary file behind a save", async () => {
    const fifo = join(dir, "fifo.safetensors");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const err = await loadSafetensorsFile(fifo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafetensorsError);
    expect((err as Error).message).toBe(`loadSafetensorsFile: ${fifo} is not a regular file (it is a FIFO)`);
    const sub = join(dir, "new", "folder");
    await saveSafetensorsFile(join(sub, "m.safetensors"), { w: zeros([2]) });
    expect(readdirSync(sub)).toEqual(["m.safetensors"]);
    expect((await loadSafetensorsFile(join(sub, "m.safetensors"))).tensors.w?.toArray()).toEqual([0, 0]);
  });

  it("are read and written without a node: import or process, so that browser bundles build", () => {
    for (const name of ["safetensors.ts", "safetensors-header.ts", "safetensors-json.ts"]) {
      const source = readFileSync(new URL(name, import.meta.url), "utf8");
      expect(source, name).not.toMatch(/["']node:|\bprocess\./);
    }
  });
});
