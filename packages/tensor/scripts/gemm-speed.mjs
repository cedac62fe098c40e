#!/usr/bin/env node
// GFLOP/s of the float32 gemm on the js and wasm backends, for the three products of a linear
// layer with X [256, 784], W [10, 784] (stored [out, in]) and G [256, 10]:
//   nt: X @ W.T   tn: G.T @ X   nn: G @ W
// Runs against the built dist (run `pnpm build` first): node scripts/gemm-speed.mjs [--ms 1000]
// "kernel" times gemm() alone (operand copies into wasm memory included); "matmul" times the
// public op on tensor views (dispatch and the output allocation included).
import { setBackend, tensor } from "../dist/index.js";
import { gemm } from "../dist/kernels/gemm.js";

const msArg = process.argv.indexOf("--ms");
const budgetMs = msArg > 0 ? Number(process.argv[msArg + 1]) : 1000;

function rand(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

const [B, I, O] = [256, 784, 10];
const X = rand(B * I, 1);
const W = rand(O * I, 2);
const G = rand(B * O, 3);

// [name, M, N, K, a, ars, acs, b, brs, bcs]
const cases = [
  ["nt X@W.T", B, O, I, X, I, 1, W, 1, I],
  ["tn G.T@X", O, I, B, G, 1, O, X, I, 1],
  ["nn G@W  ", B, I, O, G, O, 1, W, I, 1],
];

/** Seconds per call: the best of 5 windows of budgetMs / 5 each (the machine is shared). */
function time(fn) {
  for (let i = 0; i < 20; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 5; w++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < budgetMs / 5) {
      for (let i = 0; i < 10; i++) fn();
      reps += 10;
      t = performance.now();
    }
    best = Math.min(best, (t - t0) / 1000 / reps);
  }
  return best;
}

const x = tensor(Array.from({ length: B }, (_, i) => Array.from(X.subarray(i * I, i * I + I))));
const w = tensor(Array.from({ length: O }, (_, i) => Array.from(W.subarray(i * I, i * I + I))));
const g = tensor(Array.from({ length: B }, (_, i) => Array.from(G.subarray(i * O, i * O + O))));
const products = [() => x.matmul(w.t()), () => g.t().matmul(x), () => g.matmul(w)];

const rows = [];
for (let n = 0; n < cases.length; n++) {
  const [name, M, N, K, a, ars, acs, b, brs, bcs] = cases[n];
  const c = new Float32Array(M * N);
  const flop = 2 * M * N * K;
  const row = { shape: `${name} ${M}x${N}x${K}` };
  for (const backend of ["js", "wasm"]) {
    setBackend(backend);
    const kernel = time(() => gemm(M, N, K, a, 0, ars, acs, b, 0, brs, bcs, c, 0, N));
    const op = time(products[n]);
    row[`${backend} kernel`] = (flop / kernel / 1e9).toFixed(2);
    row[`${backend} matmul`] = (flop / op / 1e9).toFixed(2);
  }
  row["wasm/js"] = (Number(row["wasm kernel"]) / Number(row["js kernel"])).toFixed(1);
  rows.push(row);
}
console.log(`GFLOP/s, float32, node ${process.version}`);
console.table(rows);
