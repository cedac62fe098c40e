// The kernels of the tensor issue, each written once per implementation family: tsgrad,
// TensorFlow.js (one code path for its cpu and wasm backends), and where it makes sense a
// hand-written Float32Array loop (the floor a JS library can hope to reach). PyTorch versions
// of the same cases live in python/torch_kernels.py under the same ids.
import type * as tfTypes from "@tensorflow/tfjs-core";
import type { Tensor } from "@tsgrad/tensor";

export type Tf = typeof tfTypes;
export type TfTensor = tfTypes.Tensor;
export type Section = "gemm" | "gemm-mlp" | "elementwise" | "reduction";

/** Inputs by name, e.g. x("X"); each family gets the same numbers in its own representation. */
export type Inputs<T> = (name: string) => T;

/**
 * Where a hand-written loop puts its result: a fresh Float32Array per call (what a library
 * that returns new tensors pays), or one buffer reused across calls (the loop's floor).
 */
export type Alloc = (n: number) => Float32Array;

export interface InputSpec {
  name: string;
  shape: readonly number[];
}

/** What one call does, for the throughput column: floating-point ops, or elements touched. */
export type Work = { unit: "GFLOP/s"; flops: number } | { unit: "Melem/s"; elements: number };

export interface KernelCase {
  /** Stable id, shared with the PyTorch script and the JSON output. */
  id: string;
  section: Section;
  /** The row label, as a formula. */
  op: string;
  inputs: readonly InputSpec[];
  work: Work;
  tsgrad: (x: Inputs<Tensor>) => Tensor;
  tfjs: (tf: Tf, x: Inputs<TfTensor>) => TfTensor;
  loop?: (x: Inputs<Float32Array>, alloc: Alloc) => Float32Array;
  /** A "gemm-mlp" product outside issue 19's "big products" targets (the MLP's small layer). */
  small?: boolean;
}

// Softmax regression on Fashion-MNIST: a batch of 256 images of 784 pixels, 10 classes.
const B = 256;
const D = 784;
const C = 10;
const gemmWork: Work = { unit: "GFLOP/s", flops: 2 * B * C * D };
const X = { name: "X", shape: [B, D] };
const W = { name: "W", shape: [C, D] };
const G = { name: "G", shape: [B, C] };
const Y = { name: "Y", shape: [B, D] };
const ROW = { name: "row", shape: [1, D] };
const Z = { name: "Z", shape: [B, C] };
const elems = (n: number): Work => ({ unit: "Melem/s", elements: n });
const flops = (m: number, k: number, n: number): Work => ({ unit: "GFLOP/s", flops: 2 * m * k * n });

// Issue 19's products: the MLP's first layer [256, 784] x [784, 256] in its three forms
// (nn: X @ W; nt: X @ V.T, Linear's forward with the weight stored [out, in]; tn: A.T @ B, the
// weight gradient's form), its second layer [256, 256] x [256, 10], and square 512 and 1024.
// Only the tsgrad wasm backend (tidy, 1 and 2 threads), tfjs-wasm and torch (1 and 2 threads)
// time them: tfjs-cpu and the pure-JS rows would take seconds per call at 1024.
const H = 256;
const BIG: readonly KernelCase[] = [
  {
    id: "gemm.mlp_nn",
    section: "gemm-mlp",
    op: "X @ W1  [256,784]x[784,256] (nn)",
    inputs: [X, { name: "W1", shape: [D, H] }],
    work: flops(B, D, H),
    tsgrad: (x) => x("X").matmul(x("W1")),
    tfjs: (tf, x) => tf.matMul(x("X"), x("W1")),
  },
  {
    id: "gemm.mlp_nt",
    section: "gemm-mlp",
    op: "X @ V.T  [256,784]x[784,256] (nt)",
    inputs: [X, { name: "V", shape: [H, D] }],
    work: flops(B, D, H),
    tsgrad: (x) => x("X").matmul(x("V").t()),
    tfjs: (tf, x) => tf.matMul(x("X"), x("V"), false, true),
  },
  {
    id: "gemm.mlp_tn",
    section: "gemm-mlp",
    op: "A.T @ W1  [256,784]x[784,256] (tn)",
    inputs: [
      { name: "A", shape: [D, B] },
      { name: "W1", shape: [D, H] },
    ],
    work: flops(B, D, H),
    tsgrad: (x) => x("A").t().matmul(x("W1")),
    tfjs: (tf, x) => tf.matMul(x("A"), x("W1"), true, false),
  },
  {
    id: "gemm.mlp_out",
    section: "gemm-mlp",
    op: "Hd @ W2  [256,256]x[256,10]",
    inputs: [
      { name: "Hd", shape: [B, H] },
      { name: "W2", shape: [H, C] },
    ],
    work: flops(B, H, C),
    small: true,
    tsgrad: (x) => x("Hd").matmul(x("W2")),
    tfjs: (tf, x) => tf.matMul(x("Hd"), x("W2")),
  },
  ...[512, 1024].map(
    (n): KernelCase => ({
      id: `gemm.sq${n}`,
      section: "gemm-mlp",
      op: `P @ Q  [${n},${n}]x[${n},${n}]`,
      inputs: [
        { name: "P", shape: [n, n] },
        { name: "Q", shape: [n, n] },
      ],
      work: flops(n, n, n),
      tsgrad: (x) => x("P").matmul(x("Q")),
      tfjs: (tf, x) => tf.matMul(x("P"), x("Q")),
    }),
  ),
];

function map(a: Float32Array, f: (v: number) => number, alloc: Alloc): Float32Array {
  const n = a.length;
  const out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i]!);
  return out;
}

export const CASES: readonly KernelCase[] = [
  {
    id: "gemm.x_wt",
    section: "gemm",
    op: "X @ W.T  [256,784]x[784,10]",
    inputs: [X, W],
    work: gemmWork,
    tsgrad: (x) => x("X").matmul(x("W").t()),
    tfjs: (tf, x) => tf.matMul(x("X"), x("W"), false, true),
  },
  {
    id: "gemm.gt_x",
    section: "gemm",
    op: "G.T @ X  [10,256]x[256,784]",
    inputs: [G, X],
    work: gemmWork,
    tsgrad: (x) => x("G").t().matmul(x("X")),
    tfjs: (tf, x) => tf.matMul(x("G"), x("X"), true, false),
  },
  {
    id: "gemm.g_w",
    section: "gemm",
    op: "G @ W  [256,10]x[10,784]",
    inputs: [G, W],
    work: gemmWork,
    tsgrad: (x) => x("G").matmul(x("W")),
    tfjs: (tf, x) => tf.matMul(x("G"), x("W")),
  },
  ...BIG,
  {
    id: "ew.add",
    section: "elementwise",
    op: "X + Y  [256,784]",
    inputs: [X, Y],
    work: elems(B * D),
    tsgrad: (x) => x("X").add(x("Y")),
    tfjs: (tf, x) => tf.add(x("X"), x("Y")),
    loop: (x, alloc) => {
      const a = x("X");
      const b = x("Y");
      const n = a.length;
      const out = alloc(n);
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      return out;
    },
  },
  {
    id: "ew.mul",
    section: "elementwise",
    op: "X * Y  [256,784]",
    inputs: [X, Y],
    work: elems(B * D),
    tsgrad: (x) => x("X").mul(x("Y")),
    tfjs: (tf, x) => tf.mul(x("X"), x("Y")),
    loop: (x, alloc) => {
      const a = x("X");
      const b = x("Y");
      const n = a.length;
      const out = alloc(n);
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      return out;
    },
  },
  {
    id: "ew.exp",
    section: "elementwise",
    op: "exp(X)  [256,784]",
    inputs: [X],
    work: elems(B * D),
    tsgrad: (x) => x("X").exp(),
    tfjs: (tf, x) => tf.exp(x("X")),
    loop: (x, alloc) => map(x("X"), Math.exp, alloc),
  },
  {
    id: "ew.sigmoid",
    section: "elementwise",
    op: "sigmoid(X)  [256,784]",
    inputs: [X],
    work: elems(B * D),
    tsgrad: (x) => x("X").sigmoid(),
    tfjs: (tf, x) => tf.sigmoid(x("X")),
    loop: (x, alloc) => map(x("X"), (v) => 1 / (1 + Math.exp(-v)), alloc),
  },
  {
    id: "ew.add_row",
    section: "elementwise",
    op: "X + row  [256,784]+[1,784]",
    inputs: [X, ROW],
    work: elems(B * D),
    tsgrad: (x) => x("X").add(x("row")),
    tfjs: (tf, x) => tf.add(x("X"), x("row")),
    loop: (x, alloc) => {
      const a = x("X");
      const r = x("row");
      const out = alloc(a.length);
      for (let i = 0; i < B; i++) {
        const o = i * D;
        for (let j = 0; j < D; j++) out[o + j] = a[o + j]! + r[j]!;
      }
      return out;
    },
  },
  {
    id: "red.softmax",
    section: "reduction",
    op: "softmax(Z, 1)  [256,10]",
    inputs: [Z],
    work: elems(B * C),
    tsgrad: (x) => x("Z").softmax(1),
    tfjs: (tf, x) => tf.softmax(x("Z"), 1),
    loop: (x, alloc) => {
      const z = x("Z");
      const out = alloc(z.length);
      for (let i = 0; i < B; i++) {
        const o = i * C;
        let m = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < C; j++) m = Math.max(m, z[o + j]!);
        let s = 0;
        for (let j = 0; j < C; j++) {
          const e = Math.exp(z[o + j]! - m);
          out[o + j] = e;
          s += e;
        }
        const inv = 1 / s;
        for (let j = 0; j < C; j++) out[o + j] = out[o + j]! * inv;
      }
      return out;
    },
  },
  {
    id: "red.sum",
    section: "reduction",
    op: "X.sum(1)  [256,784]",
    inputs: [X],
    work: elems(B * D),
    tsgrad: (x) => x("X").sum(1),
    tfjs: (tf, x) => tf.sum(x("X"), 1),
    loop: (x, alloc) => {
      const a = x("X");
      const out = alloc(B);
      for (let i = 0; i < B; i++) {
        const o = i * D;
        let s = 0;
        for (let j = 0; j < D; j++) s += a[o + j]!;
        out[i] = s;
      }
      return out;
    },
  },
];

export const SECTION_TITLES: Record<Section, string> = {
  gemm: "GEMM, float32, softmax-regression shapes (W stored [out, in]; no materialized transposes)",
  "gemm-mlp":
    "GEMM, float32, issue 19: the MLP's products and square 512 / 1024 (tsgrad wasm, tfjs-wasm, torch; thr = threads)",
  elementwise: "Elementwise, float32 [256, 784]",
  reduction: "Softmax and reduction, float32",
};
