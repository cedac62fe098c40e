#!/usr/bin/env node
// GFLOP/s of the float32 gemm, one thread, for the products of the book's linear layers:
//   chapter 3, X [256, 784], W [10, 784] (stored [out, in]), G [256, 10]:
//     nt X @ W.T 256x10x784, tn G.T @ X 10x784x256, nn G @ W 256x784x10 (and H @ W2.T 256x10x256)
//   the MLP, Linear(784, 256) then Linear(256, 10), batch 256, in the nn, nt and tn forms of
//   [256, 784] x [784, 256] and [256, 256] x [256, 784]; square 512 and 1024; one odd shape.
// Columns: "kernel" runs callGemmKernel (and packGemmB) on operands already in wasm memory;
// "gemm" is gemmWasm, the copies into wasm memory and out included; "matmul" the public op on
// tensor views (dispatch and the output allocation included); "js" the op on the js backend
// (with --js; slow on the big shapes). The wasm build is the one this engine loads: plain SIMD
// on Node 20, relaxed SIMD (fused multiply-add) on Node 22+ or Node 20 with
// --experimental-wasm-relaxed-simd.
// "gemm" and "matmul" run on one thread unless --threads says more (TSGRAD_NUM_THREADS).
// Runs against the built dist (run `pnpm build` first):
//   node scripts/gemm-speed.mjs [--ms 400] [--only <regex>] [--js] [--threads 1]
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
// Set before the package loads, which reads the thread count from the environment.
process.env.TSGRAD_NUM_THREADS = arg("--threads", "1");
const { fromTypedArray, setBackend, wasmVariant } = await import("../dist/index.js");
const { wasmKernels } = await import("../dist/backends/backend.js");
const gemmApi = await import("../dist/kernels/gemm-wasm.js");
const { callGemmKernel, gemmPackedBElements, gemmWasm, gemmWorkElements, packGemmB } = gemmApi;
const { align4, heapTarget, reserve } = await import("../dist/kernels/wasm-heap.js");

const budgetMs = Number(arg("--ms", 400));
const only = new RegExp(arg("--only", "."));
const withJs = process.argv.includes("--js");

function rand(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

// [name, form, M, N, K]. nn: A [M, K], B [K, N]; nt: B stored [N, K] (a weight [out, in]);
// tn: A stored [K, M] (G.T @ X).
const shapes = [
  ["X@W.T   ch3", "nt", 256, 10, 784],
  ["G.T@X   ch3", "tn", 10, 784, 256],
  ["G@W     ch3", "nn", 256, 784, 10],
  ["H@W2.T  mlp", "nt", 256, 10, 256],
  ["X@W1.T  mlp", "nt", 256, 256, 784],
  ["X@W1    mlp", "nn", 256, 256, 784],
  ["X.T@Y   mlp", "tn", 256, 256, 784],
  ["G@W1    mlp", "nn", 256, 784, 256],
  ["G@W1.T  mlp", "nt", 256, 784, 256],
  ["G.T@X   mlp", "tn", 256, 784, 256],
  ["square", "nn", 512, 512, 512],
  ["square", "nt", 512, 512, 512],
  ["square", "tn", 512, 512, 512],
  ["square", "nn", 1024, 1024, 1024],
  ["square", "nt", 1024, 1024, 1024],
  ["square", "tn", 1024, 1024, 1024],
  ["odd", "nn", 257, 259, 785],
];

/**
 * Milliseconds per call: the minimum over batches of about 5 ms within budgetMs. The machine is
 * shared, and the minimum is what other work disturbs least.
 */
function time(fn) {
  const t0 = performance.now();
  fn();
  const reps = Math.max(1, Math.round(5 / Math.max(1e-3, performance.now() - t0)));
  let best = Number.POSITIVE_INFINITY;
  const end = performance.now() + budgetMs;
  do {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, (performance.now() - t) / reps);
  } while (performance.now() < end);
  return best;
}

/** The kernel calls alone, on operands placed in the backend's wasm memory as gemmWasm would. */
function kernelCall(M, N, K, A, ars, acs, B, brs, bcs) {
  // gemm-wasm.ts's choice of layout (gemmOn): dot when A's rows and B's columns run along K.
  const dot = K > 1 && (acs === 1 || M === 1) && (brs === 1 || bcs !== 1 || N <= 16);
  if (dot && N <= 16 && brs !== 1) throw new Error("narrow B not along K: gemmOn stages it first");
  const t = heapTarget(wasmKernels());
  const packed = gemmPackedBElements(dot, M, N, K);
  const aAt = align4(t.start);
  const bAt = align4(aAt + M * K);
  const cAt = align4(bAt + K * N);
  const packedAt = align4(cAt + M * N);
  const workAt = align4(packedAt + packed);
  if (!reserve(t, workAt + gemmWorkElements(dot, M, N, K))) throw new Error("no room in wasm memory");
  t.f32.set(A, aAt);
  t.f32.set(B, bAt);
  return () => {
    if (packed > 0) packGemmB(t, K, N, bAt, brs, bcs, packedAt);
    callGemmKernel(t, dot, M, N, K, aAt, ars, acs, bAt, brs, bcs, cAt, N, workAt, packed > 0 ? packedAt : -1);
  };
}

setBackend("wasm");
const rows = [];
for (const [name, form, M, N, K] of shapes) {
  const label = `${name} ${form} ${M}x${N}x${K}`;
  if (!only.test(label)) continue;
  const A = rand(M * K, 1);
  const B = rand(K * N, 2);
  const C = new Float32Array(M * N);
  const [ars, acs] = form === "tn" ? [1, M] : [K, 1];
  const [brs, bcs] = form === "nt" ? [1, K] : [N, 1];
  const a = form === "tn" ? fromTypedArray(A, [K, M]).t() : fromTypedArray(A, [M, K]);
  const b = form === "nt" ? fromTypedArray(B, [N, K]).t() : fromTypedArray(B, [K, N]);
  const gflop = (2 * M * N * K) / 1e9;
  const rate = (ms) => (gflop / (ms / 1000)).toFixed(1);
  const row = { shape: label };
  setBackend("wasm");
  row.kernel = rate(time(kernelCall(M, N, K, A, ars, acs, B, brs, bcs)));
  row.gemm = rate(time(() => gemmWasm(wasmKernels(), M, N, K, A, 0, ars, acs, B, 0, brs, bcs, C, 0, N)));
  row.matmul = rate(time(() => a.matmul(b)));
  if (withJs) {
    setBackend("js");
    row.js = rate(time(() => a.matmul(b)));
    setBackend("wasm");
  }
  rows.push(row);
}
const threads = process.env.TSGRAD_NUM_THREADS;
console.log(
  `GFLOP/s, float32, ${wasmVariant()} wasm, node ${process.version}; gemm and matmul on ${threads} thread(s)`,
);
console.table(rows);
