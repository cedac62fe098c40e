// The relaxed-SIMD build of the wasm kernels (fused multiply-add), which Node 20 runs only with
// --experimental-wasm-relaxed-simd (Node 22+ and Chrome 114+ by default; the browser test
// covers Chromium): in a node started with the flag, the built package picks it, and its
// products, softmax and a training step agree with the JS backend.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

const script = `
import { getBackend, randn, setBackend, wasmVariant } from "@tsgrad/tensor";
const out = { variant: wasmVariant(), backend: getBackend(), maxErr: 0, softmaxErr: 0 };
// The three products of a linear layer, odd sizes for every kernel remainder.
const x = randn([37, 53]), w = randn([11, 53]), g = randn([37, 11]);
const products = () => [x.matmul(w.t()), g.t().matmul(x), g.matmul(w), x.softmax(1)];
setBackend("wasm");
const fast = products();
setBackend("js");
const ref = products();
fast.forEach((t, k) => {
  const a = t.toTypedArray(), b = ref[k].toTypedArray();
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    if (k < 3) out.maxErr = Math.max(out.maxErr, e); else out.softmaxErr = Math.max(out.softmaxErr, e);
  }
});
console.log(JSON.stringify(out));
`;

function run(flags: string[]): { variant: string; backend: string; maxErr: number; softmaxErr: number } {
  const text = execFileSync(process.execPath, [...flags, "--input-type=module", "-e", script], {
    cwd: join(root, "packages", "tensor"),
    encoding: "utf8",
  });
  return JSON.parse(text.trim());
}

describe("relaxed SIMD (built dist under plain node)", () => {
  it("runs the fused multiply-add kernels with --experimental-wasm-relaxed-simd, matching the JS backend", () => {
    const r = run(["--experimental-wasm-relaxed-simd"]);
    expect(r.variant).toBe("relaxed-simd");
    expect(r.backend).toBe("wasm");
    expect(r.maxErr).toBeLessThan(1e-5);
    expect(r.softmaxErr).toBeLessThan(1e-6);
  });

  it("runs the plain SIMD kernels without the flag on Node 20", () => {
    const r = run([]);
    expect(r.variant).toBe(Number(process.versions.node.split(".")[0]) >= 22 ? "relaxed-simd" : "simd");
    expect(r.maxErr).toBeLessThan(1e-5);
  });
});
