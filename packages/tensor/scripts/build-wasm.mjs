#!/usr/bin/env node
// Compiles the AssemblyScript kernels in asm/ into one WebAssembly SIMD module (twice: plain and
// relaxed SIMD) and writes both, compressed and base64-encoded, to src/generated/wasm-module.ts
// (git-ignored), which src/backends/wasm-bytes.ts decodes.
// asm/manifest.json lists the entry files and every export's signature: the build checks the
// module against it and generates src/generated/wasm-kernels.ts (the WasmKernels interface and
// WASM_EXPORTS) from it, so the TypeScript side, the load-time check and the module cannot drift.
// Runs as the first step of `pnpm build` and `pnpm typecheck` in this package.
//   node scripts/build-wasm.mjs          build
//   node scripts/build-wasm.mjs --wat    also write src/generated/wasm-module.wat to read the code
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { deflateSync } from "node:zlib";
import asc from "assemblyscript/asc";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifestFile = join(pkg, "asm", "manifest.json");
const outDir = join(pkg, "src", "generated");
const outFile = join(outDir, "wasm-module.ts");
const kernelsFile = join(outDir, "wasm-kernels.ts");
const wantWat = process.argv.includes("--wat");
/** The memory's maximum, in 64 KiB pages: all of wasm32's 4 GiB (a shared memory must declare one). */
const MAX_PAGES = 65536;

function fail(message) {
  console.error(`build-wasm: ${message}`);
  process.exit(1);
}

// Parameter and result types the manifest may use: their wasm type (wasm32, so usize is i32)
// and TypeScript type. A bool parameter takes true/false from JS (ToInt32), a bool result
// comes back as the i32 0 or 1.
const TYPES = {
  i32: { wasm: "i32", param: "number", result: "number" },
  u32: { wasm: "i32", param: "number", result: "number" },
  usize: { wasm: "i32", param: "number", result: "number" },
  bool: { wasm: "i32", param: "boolean", result: "number" },
  f32: { wasm: "f32", param: "number", result: "number" },
  f64: { wasm: "f64", param: "number", result: "number" },
};

/** The manifest as [{ file, name, params: [[name, type]], result }], checked for shape. */
function readManifest() {
  let json;
  try {
    json = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch (e) {
    fail(`cannot read asm/manifest.json: ${e.message}`);
  }
  const entries = json?.entries;
  if (typeof entries !== "object" || entries === null || Object.keys(entries).length === 0) {
    fail('asm/manifest.json: "entries" must map entry files to their exports');
  }
  const kernels = [];
  const seen = new Set(["memory"]);
  for (const [file, exports] of Object.entries(entries)) {
    for (const [name, sig] of Object.entries(exports ?? {})) {
      const where = `asm/manifest.json: ${file}: ${name}`;
      if (seen.has(name)) fail(`${where}: the name is listed twice (or is "memory")`);
      seen.add(name);
      if (!Array.isArray(sig?.params)) fail(`${where}: "params" must be a list of [name, type]`);
      for (const p of sig.params) {
        if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== "string" || !(p[1] in TYPES)) {
          fail(`${where}: bad parameter ${JSON.stringify(p)} (types: ${Object.keys(TYPES).join(", ")})`);
        }
      }
      if (sig.result !== "void" && !(sig.result in TYPES)) fail(`${where}: bad result ${sig.result}`);
      kernels.push({ file, name, params: sig.params, result: sig.result });
    }
  }
  return { files: Object.keys(entries), kernels };
}

/**
 * The signature of each exported function, read from the binary's type, function and export
 * sections (the JS API cannot tell an i32 from an f64 parameter). The module imports nothing,
 * so function indices start at its own functions.
 */
function exportedSignatures(bytes) {
  const VALUE = { 127: "i32", 126: "i64", 125: "f32", 124: "f64", 123: "v128" };
  let p = 8; // magic and version
  const u32 = () => {
    let v = 0;
    let shift = 0;
    let b;
    do {
      b = bytes[p++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return v >>> 0;
  };
  const valueTypes = () => {
    const list = [];
    for (let n = u32(); n > 0; n--) list.push(VALUE[bytes[p++]] ?? "?");
    return list;
  };
  const types = [];
  const functions = [];
  const exports = new Map();
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++; // 0x60: a function type
        types.push({ params: valueTypes(), results: valueTypes() });
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) functions.push(types[u32()]);
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32();
        const name = new TextDecoder().decode(bytes.subarray(p, p + len));
        p += len;
        const kind = bytes[p++];
        const index = u32();
        exports.set(name, kind === 0 ? functions[index] : null);
      }
    }
    p = end;
  }
  return exports;
}

const wasmSignature = (params, result) =>
  `(${params.map(([, t]) => TYPES[t].wasm).join(", ")}) -> (${result === "void" ? "" : TYPES[result].wasm})`;

/** Fails the build unless `wasm` exports exactly the manifest's functions, as declared, and memory. */
function checkExports(wasm, features, kernels) {
  const module = new WebAssembly.Module(wasm);
  const imports = WebAssembly.Module.imports(module);
  if (
    imports.length !== 1 ||
    imports[0].module !== "env" ||
    imports[0].name !== "memory" ||
    imports[0].kind !== "memory"
  ) {
    fail(`the module must import env.memory and nothing else, got ${JSON.stringify(imports)}`);
  }
  const kinds = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  const wanted = new Map(kernels.map((k) => [k.name, k]));
  const missing = [...wanted.keys(), "memory"].filter((name) => !kinds.has(name));
  const extra = [...kinds.keys()].filter((name) => name !== "memory" && !wanted.has(name));
  if (missing.length > 0 || extra.length > 0) {
    fail(
      `the ${features} module's exports differ from asm/manifest.json:` +
        (missing.length > 0 ? ` missing ${missing.join(", ")};` : "") +
        (extra.length > 0 ? ` not in the manifest ${extra.join(", ")};` : "") +
        ` exports: ${[...kinds.keys()].join(", ")}`,
    );
  }
  if (kinds.get("memory") !== "memory")
    fail(`the ${features} module's "memory" export is a ${kinds.get("memory")}`);
  const signatures = exportedSignatures(wasm);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  for (const k of kernels) {
    const where = `the ${features} module's ${k.name} (asm/${k.file})`;
    const fn = instance.exports[k.name];
    if (kinds.get(k.name) !== "function" || typeof fn !== "function") fail(`${where} is not a function`);
    if (fn.length !== k.params.length) {
      fail(`${where} takes ${fn.length} arguments, asm/manifest.json lists ${k.params.length}`);
    }
    const sig = signatures.get(k.name);
    const got = sig ? `(${sig.params.join(", ")}) -> (${sig.results.join(", ")})` : "unknown";
    const want = wasmSignature(k.params, k.result);
    if (got !== want) fail(`${where} is ${got}, asm/manifest.json says ${want}`);
  }
}

async function compile(entries, features, wat) {
  const outputs = new Map();
  const args = [
    ...entries,
    "--outFile",
    "module.wasm",
    ...(wat ? ["--textFile", "module.wat"] : []),
    "-O3",
    "--converge",
    "--noAssert",
    "--runtime",
    "stub",
    "--enable",
    features,
    "--use",
    "abort=",
    "--initialMemory",
    "1",
    // The memory comes from JavaScript, declared shared so that worker threads can run the
    // kernels over one memory (src/threads/); backends/wasm-bytes.ts clears the shared flag
    // for the single-threaded instances. Each instance writes the module's constant data (if
    // any, below heapBase) into the memory it is given: the same bytes every time.
    "--importMemory",
    "--sharedMemory",
    "--maximumMemory",
    String(MAX_PAGES),
  ];
  const { error, stderr } = await asc.main(args, {
    writeFile(name, contents) {
      outputs.set(name, contents);
    },
  });
  if (error) {
    process.stderr.write(stderr.toString());
    fail(`asc (${features}) failed on ${entries.join(", ")}: ${error.message}`);
  }
  const wasm = outputs.get("module.wasm");
  if (!(wasm instanceof Uint8Array)) fail(`asc (${features}) produced no module.wasm`);
  return { wasm, wat: outputs.get("module.wat") ?? "" };
}

/** src/generated/wasm-kernels.ts: the exports' TypeScript types and names. */
function kernelsSource(kernels) {
  const lines = [
    "// Generated by scripts/build-wasm.mjs from asm/manifest.json: do not edit.",
    "// It imports nothing, so that every layer of src may use it.",
    "",
    "/** The parts of the WebAssembly.Memory API used (TypeScript's ES2022 lib does not declare it). */",
    "export interface WasmMemory {",
    "  readonly buffer: ArrayBuffer;",
    "  /** Grows the memory by `pages` 64 KiB pages and returns its previous size in pages (WebAssembly.Memory.grow). */",
    "  grow(pages: number): number;",
    "}",
    "",
    "/**",
    " * The exports of the wasm module, as asm/manifest.json declares them (the build checks the",
    " * module against it): addresses are bytes, strides count elements.",
    " */",
    "export interface WasmKernels {",
    "  readonly memory: WasmMemory;",
  ];
  for (const k of kernels) {
    const asSig = `${k.name}(${k.params.map(([n, t]) => `${n}: ${t}`).join(", ")}): ${k.result}`;
    const params = k.params.map(([n, t]) => `${n}: ${TYPES[t].param}`);
    const result = k.result === "void" ? "void" : TYPES[k.result].result;
    lines.push(`  /** asm/${k.file}: ${asSig} */`);
    const one = `  ${k.name}(${params.join(", ")}): ${result};`;
    if (one.length <= 110) lines.push(one);
    else lines.push(`  ${k.name}(`, ...params.map((p) => `    ${p},`), `  ): ${result};`);
  }
  const names = ["memory", ...kernels.map((k) => k.name)].map((n) => `  "${n}",`);
  lines.push(
    "}",
    "",
    "/** Every export's name, memory included: what backends/backend.ts checks when it instantiates the module. */",
    "export const WASM_EXPORTS: readonly (keyof WasmKernels)[] = [",
    ...names,
    "];",
    "",
  );
  return lines.join("\n");
}

/** Rewrites `file` only on change, so watchers and incremental builds see a stable file. */
function writeIfChanged(file, text) {
  let previous = "";
  try {
    previous = readFileSync(file, "utf8");
  } catch {
    previous = "";
  }
  if (previous !== text) writeFileSync(file, text);
}

const { files, kernels } = readManifest();
const entries = files.map((f) => join(pkg, "asm", f));

// Two variants of the same sources: plain SIMD, and relaxed SIMD (f32x4.relaxed_madd, a fused
// multiply-add where the CPU has one; asm/gemm.ts picks it with ASC_FEATURE_RELAXED_SIMD). The
// backend uses the relaxed one wherever the engine validates it (Chrome 114+, Node 22+).
// Node 20 validates it only with --experimental-wasm-relaxed-simd, turned on here to check it.
setFlagsFromString("--experimental-wasm-relaxed-simd");

const plain = await compile(entries, "simd,threads", wantWat);
const relaxed = await compile(entries, "simd,threads,relaxed-simd", false);
checkExports(plain.wasm, "simd", kernels);
checkExports(relaxed.wasm, "simd,relaxed-simd", kernels);
const wasm = plain.wasm;
const exported = ["memory", ...kernels.map((k) => k.name)].sort();
// Both builds in one zlib stream, the plain one first: deflate finds the relaxed build's long
// runs in the plain one it has just read, so the pair costs little more than one (two base64
// strings would not share: base64 shifts the bytes' alignment). About 9 KB of base64 instead
// of 23 KB, 3.5 KiB gzipped in a bundle instead of 6. backends/wasm-bytes.ts decompresses it.
const deflated = deflateSync(Buffer.concat([wasm, relaxed.wasm]), { level: 9 });
// The constants are typed so that the emitted .d.ts says `string` and `number`, not literals.
const text = [
  "// Generated by scripts/build-wasm.mjs from asm/manifest.json's entries: do not edit.",
  `// WebAssembly SIMD module, ${wasm.length} bytes; exports ${exported.join(", ")}.`,
  `// Then the same with relaxed SIMD (fused multiply-add), ${relaxed.wasm.length} bytes. The two,`,
  `// concatenated and compressed (zlib format), as base64: ${deflated.length} bytes.`,
  `export const WASM_MODULES_DEFLATED: string =\n  "${deflated.toString("base64")}";`,
  "/** The length of the first (plain SIMD) module in the decompressed bytes. */",
  `export const WASM_MODULE_SIMD_BYTES: number = ${wasm.length};`,
  "/** The length of both modules. */",
  `export const WASM_MODULES_BYTES: number = ${wasm.length + relaxed.wasm.length};`,
  "",
].join("\n");
mkdirSync(outDir, { recursive: true });
writeIfChanged(outFile, text);
writeIfChanged(kernelsFile, kernelsSource(kernels));
if (wantWat) writeFileSync(join(outDir, "wasm-module.wat"), plain.wat);
console.log(
  `build-wasm: ${wasm.length} bytes (relaxed SIMD: ${relaxed.wasm.length}), ${kernels.length} kernels -> ` +
    `${outFile.slice(pkg.length + 1)}, ${kernelsFile.slice(pkg.length + 1)}`,
);
