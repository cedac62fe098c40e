import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { arange, type Tensor, tensor, ValueError, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  Linear,
  loadSafetensors,
  loadSafetensorsFile,
  SafetensorsError,
  saveSafetensors,
  saveSafetensorsFile,
} from "./index.js";

const sample = () => ({
  "fc.weight": arange(6).view(2, 3).float().div(4),
  "fc.bias": tensor([0.5, -0.25], { dtype: "float32" }),
  steps: tensor([3, 4], { dtype: "int32" }),
  mask: tensor([true, false, true]),
  pixels: tensor([0, 128, 255], { dtype: "uint8" }),
  exact: tensor([1 / 3], { dtype: "float64" }),
  empty: zeros([0, 2]),
});

describe("safetensors in memory", () => {
  it("round-trips every dtype, shape and metadata", () => {
    const bytes = saveSafetensors(sample(), { epoch: "3" });
    const { tensors, metadata } = loadSafetensors(bytes);
    expect(metadata).toEqual({ epoch: "3" });
    for (const [name, t] of Object.entries(sample())) {
      expect(tensors[name]?.dtype, name).toBe(t.dtype);
      expect(tensors[name]?.shape, name).toEqual(t.shape);
      expect(tensors[name]?.toArray(), name).toEqual(t.toArray());
    }
  });

  it("writes the documented layout: u64 header length, 8-byte aligned JSON, sorted names", () => {
    const bytes = saveSafetensors({
      b: tensor([1], { dtype: "float32" }),
      a: tensor([2], { dtype: "int32" }),
    });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(Object.keys(header)).toEqual(["a", "b"]);
    expect(header.a).toEqual({ dtype: "I32", shape: [1], data_offsets: [0, 4] });
    expect(header.b).toEqual({ dtype: "F32", shape: [1], data_offsets: [4, 8] });
  });

  it("writes non-contiguous tensors by value", () => {
    const t = arange(6).view(2, 3).t();
    expect(loadSafetensors(saveSafetensors({ t })).tensors.t?.toArray()).toEqual(t.toArray());
  });
  it("reads a Node Buffer from the shared pool (whose slice is a view, not a copy)", () => {
    const w = tensor([1.5, -2, 3], { dtype: "float32" });
    const pooled = Buffer.from(saveSafetensors({ w })); // small: a slice of Buffer's pool
    expect(pooled.byteOffset).toBeGreaterThan(0);
    expect(loadSafetensors(pooled).tensors.w?.toArray()).toEqual([1.5, -2, 3]);
  });
});

describe("safetensors with corrupted input", () => {
  const good = saveSafetensors({ w: tensor([1, 2, 3], { dtype: "float32" }) });
  const withHeader = (h: object, dataBytes = 12) => {
    const json = new TextEncoder().encode(JSON.stringify(h));
    const out = new Uint8Array(8 + json.length + dataBytes);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    return out;
  };
  it("rejects a file too short for the header length", () => {
    expect(() => loadSafetensors(good.subarray(0, 5))).toThrow(
      "loadSafetensors: safetensors data is 5 bytes, too short for the 8-byte header length",
    );
  });
  it("rejects a header length beyond the file", () => {
    const bad = good.slice();
    new DataView(bad.buffer).setBigUint64(0, 1000n, true);
    expect(() => loadSafetensors(bad, "model.safetensors")).toThrow(
      `loadSafetensors: model.safetensors declares a 1000-byte header but only ${good.length - 8} bytes follow`,
    );
  });
  it("rejects truncated data", () => {
    expect(() => loadSafetensors(good.subarray(0, good.length - 4))).toThrow(
      'loadSafetensors: tensor "w" in safetensors data has data_offsets [0, 12] outside the 8 data bytes',
    );
  });
  it("rejects invalid JSON, unknown dtypes, bad shapes and size mismatches", () => {
    const garbage = good.slice();
    garbage[9] = 0x7b;
    garbage[10] = 0x7b;
    expect(() => loadSafetensors(garbage)).toThrow(
      "loadSafetensors: safetensors data has an invalid JSON header",
    );
    expect(() =>
      loadSafetensors(withHeader({ w: { dtype: "F16", shape: [3], data_offsets: [0, 6] } })),
    ).toThrow(
      'tensor "w" in safetensors data has dtype F16, which tsgrad cannot load (it loads F32, F64, I32, U8, BOOL)',
    );
    expect(() =>
      loadSafetensors(withHeader({ w: { dtype: "F32", shape: [-3], data_offsets: [0, 12] } })),
    ).toThrow(
      'tensor "w" in safetensors data has an invalid shape [-3]: it must be a list of non-negative integers',
    );
    expect(() =>
      loadSafetensors(withHeader({ w: { dtype: "F32", shape: [2, 2], data_offsets: [0, 12] } })),
    ).toThrow('tensor "w" in safetensors data has 12 bytes but shape [2, 2] of float32 needs 16');
  });
});

describe("safetensors files", () => {
  it("saves atomically and loads into a module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-st-"));
    const path = join(dir, "linear.safetensors");
    const a = new Linear(3, 2);
    await saveSafetensorsFile(path, a.stateDict());
    const b = new Linear(3, 2);
    b.loadStateDict((await loadSafetensorsFile(path)).tensors);
    expect(b.weight.toArray()).toEqual(a.weight.toArray());
    expect(b.bias?.toArray()).toEqual(a.bias?.toArray());
  });
});

// PyTorch reads what tsgrad writes and tsgrad reads what PyTorch writes. Runs where
// /usr/bin/python3 has torch; CI installs python3-torch, so there it must run.
const script = fileURLToPath(new URL("../scripts/safetensors_interop.py", import.meta.url));
const hasTorch = spawnSync("/usr/bin/python3", ["-c", "import torch"]).status === 0;
// Importing torch alone takes seconds, ten on a loaded two-core machine.
const TORCH_TIMEOUT = 60_000;

describe.runIf(hasTorch || process.env.CI === "true")("interoperability with PyTorch", () => {
  it(
    "torch loads a file written by tsgrad",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tsgrad-st-"));
      const path = join(dir, "from-tsgrad.safetensors");
      writeFileSync(path, saveSafetensors(sample(), { writer: "tsgrad" }));
      const seen = JSON.parse(execFileSync("/usr/bin/python3", [script, "read", path], { encoding: "utf8" }));
      expect(seen.__metadata__).toEqual({ writer: "tsgrad" });
      expect(seen["fc.weight"]).toEqual({
        dtype: "F32",
        shape: [2, 3],
        values: [0, 0.25, 0.5, 0.75, 1, 1.25],
      });
      expect(seen.steps).toEqual({ dtype: "I32", shape: [2], values: [3, 4] });
      expect(seen.mask).toEqual({ dtype: "BOOL", shape: [3], values: [true, false, true] });
      expect(seen.pixels).toEqual({ dtype: "U8", shape: [3], values: [0, 128, 255] });
      expect(seen.exact.values[0]).toBe(1 / 3);
      expect(seen.empty.shape).toEqual([0, 2]);
    },
    TORCH_TIMEOUT,
  );

  it(
    "tsgrad loads a file written by torch",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tsgrad-st-"));
      const path = join(dir, "from-torch.safetensors");
      execFileSync("/usr/bin/python3", [script, "write", path]);
      const { tensors, metadata } = loadSafetensors(new Uint8Array(readFileSync(path)));
      expect(metadata).toEqual({ format: "pt" });
      expect(tensors["linear.weight"]?.shape).toEqual([3, 4]);
      expect((tensors["linear.weight"]!.toArray() as number[][])[2]).toEqual([0.5, 0.625, 0.75, 0.875]);
      expect(tensors["linear.bias"]?.toArray()).toEqual([0.25, -1.5, 3]);
      expect(tensors.step?.dtype).toBe("int32");
      expect(tensors.mask?.toArray()).toEqual([
        [true, false],
        [false, true],
      ]);
      expect(tensors.precise?.toArray()).toEqual([1 / 3, -2 / 7]);
      // And into a module.
      const lin = new Linear(4, 3);
      lin.loadStateDict({ weight: tensors["linear.weight"]!, bias: tensors["linear.bias"]! });
      expect(lin.bias?.toArray()).toEqual([0.25, -1.5, 3]);
    },
    TORCH_TIMEOUT,
  );
});

describe("safetensors from plain JavaScript", () => {
  it("saveSafetensors names what is not an object of tensors, or of string metadata", () => {
    const a = () => saveSafetensors([zeros([1])] as unknown as Record<string, Tensor>);
    expect(a).toThrow(ValueError);
    expect(a).toThrow(
      "saveSafetensors: tensors must be an object of tensors by name, got [a tensor of shape [1]]",
    );
    expect(() => saveSafetensors(zeros([1]) as unknown as Record<string, Tensor>)).toThrow(
      "saveSafetensors: tensors must be an object of tensors by name, got a tensor of shape [1]",
    );
    expect(() => saveSafetensors({ w: [1, 2] } as unknown as Record<string, Tensor>)).toThrow(
      'saveSafetensors: tensors["w"] must be a tensor, got [1, 2]',
    );
    const named = () => saveSafetensors({ __metadata__: zeros([1]) });
    expect(named).toThrow(SafetensorsError);
    expect(named).toThrow(
      'saveSafetensors: a tensor cannot be named "__metadata__": the header keeps the metadata under that key',
    );
    expect(() =>
      saveSafetensors({ w: zeros([1]) }, { epoch: 3 } as unknown as Record<string, string>),
    ).toThrow('saveSafetensors: metadata["epoch"] must be a string, got 3');
    expect(() => saveSafetensors({ w: zeros([1]) }, "v1" as unknown as Record<string, string>)).toThrow(
      'saveSafetensors: metadata must be an object of strings, got "v1"',
    );
    // null is no metadata, as Python's None.
    expect(
      loadSafetensors(saveSafetensors({ w: zeros([1]) }, null as unknown as undefined)).metadata,
    ).toEqual({});
  });

  it("loadSafetensors takes bytes, and names a header that is not an object of entries", () => {
    const a = () => loadSafetensors([1, 2, 3] as unknown as Uint8Array);
    expect(a).toThrow(ValueError);
    expect(a).toThrow("loadSafetensors: bytes must be a Uint8Array, got [1, 2, 3]");
    expect(() => loadSafetensors(new Uint8Array(16), 5 as unknown as string)).toThrow(
      "loadSafetensors: source must be a string, got 5",
    );
    const withHeader = (json: string) => {
      const h = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + h.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
      out.set(h, 8);
      return out;
    };
    for (const [json, message] of [
      ["null", "loadSafetensors: safetensors data has a header that is not a JSON object: null"],
      ["[1]", "loadSafetensors: safetensors data has a header that is not a JSON object: [1]"],
      [
        '{"w": null}',
        'loadSafetensors: tensor "w" in safetensors data has an entry that is not an object: null',
      ],
      ['{"w": {"dtype": "toString", "shape": [], "data_offsets": [0, 0]}}', 'has unknown dtype "toString"'],
      [
        '{"__metadata__": {"epoch": 3}}',
        'safetensors data has metadata that is not an object of strings: "epoch" is 3',
      ],
    ]) {
      const call = () => loadSafetensors(withHeader(json!));
      expect(call).toThrow(SafetensorsError);
      expect(call).toThrow(message);
    }
  });

  it("the file functions check the path and turn file system errors into SafetensorsErrors", async () => {
    await expect(loadSafetensorsFile(undefined as unknown as string)).rejects.toThrow(
      "loadSafetensorsFile: path must be a non-empty string, got undefined",
    );
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-st-"));
    const missing = join(dir, "missing.safetensors");
    const err = await loadSafetensorsFile(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafetensorsError);
    expect((err as Error).message).toContain(`loadSafetensorsFile: cannot read ${missing}: ENOENT`);
    expect(((err as Error).cause as { code?: string }).code).toBe("ENOENT");
    // A regular file where the folder should be: the write fails, naming the path, Node's error as cause.
    writeFileSync(join(dir, "plain"), "x");
    const target = join(dir, "plain", "a.st");
    const saveErr = await saveSafetensorsFile(target, { w: zeros([1]) }).catch((e: unknown) => e);
    expect(saveErr).toBeInstanceOf(SafetensorsError);
    expect((saveErr as Error).message).toMatch(`saveSafetensorsFile: cannot write ${target}: E`);
    expect(((saveErr as Error).cause as { code?: string }).code).toMatch(/^E/);
    await expect(
      saveSafetensorsFile(join(dir, "a.st"), { w: 1 } as unknown as Record<string, Tensor>),
    ).rejects.toThrow('saveSafetensorsFile: tensors["w"] must be a tensor, got 1');
  });
});
