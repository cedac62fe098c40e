/**
 * Pure-JS matrix multiply, C = A @ B with C contiguous [M, N] (row stride ldc) and A, B given
 * by strides, so transposed views are multiplied in place, never copied:
 *   A[i, k] = a[ao + i * ars + k * acs],  B[k, j] = b[bo + k * brs + j * bcs].
 * Two register-tiled kernels cover the layouts of a linear layer:
 *   - dot:  A's rows and B's columns contiguous along K (X @ W.T with W [out, in]).
 *   - axpy: B's rows contiguous (X @ W, G @ W, and G.T @ X with any A strides).
 * Other layouts copy B once into a contiguous buffer and use axpy.
 * The wasm backend's float32 products are gemm-wasm.ts (same two layouts, f32x4 vectors),
 * chosen by the kernel registry (kernels/matmul.ts), never from here.
 */
import type { TypedArray } from "../dtype.js";

export function gemm(
  M: number,
  N: number,
  K: number,
  a: TypedArray,
  ao: number,
  ars: number,
  acs: number,
  b: TypedArray,
  bo: number,
  brs: number,
  bcs: number,
  c: TypedArray,
  co: number,
  ldc: number,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    for (let i = 0; i < M; i++) c.fill(0, co + i * ldc, co + i * ldc + N);
    return;
  }
  if (acs === 1 && brs === 1 && K > 1) gemmDot(M, N, K, a, ao, ars, b, bo, bcs, c, co, ldc);
  else if (bcs === 1 || N === 1) gemmAxpy(M, N, K, a, ao, ars, acs, b, bo, brs, c, co, ldc);
  else {
    const packed = new Float64Array(K * N);
    for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) packed[k * N + j] = b[bo + k * brs + j * bcs]!;
    gemmAxpy(M, N, K, a, ao, ars, acs, packed, 0, N, c, co, ldc);
  }
}

/** C[i, j] = dot(A row i, B column j), both contiguous along K; 4 x 2 tiles, 8 accumulators. */
function gemmDot(
  M: number,
  N: number,
  K: number,
  a: TypedArray,
  ao: number,
  ars: number,
  b: TypedArray,
  bo: number,
  bcs: number,
  c: TypedArray,
  co: number,
  ldc: number,
): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const r0 = ao + i * ars;
    const r1 = r0 + ars;
    const r2 = r1 + ars;
    const r3 = r2 + ars;
    const c0 = co + i * ldc;
    let j = 0;
    for (; j + 2 <= N; j += 2) {
      const q0 = bo + j * bcs;
      const q1 = q0 + bcs;
      let s00 = 0,
        s01 = 0,
        s10 = 0,
        s11 = 0,
        s20 = 0,
        s21 = 0,
        s30 = 0,
        s31 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = b[q0 + k]!;
        const x1 = b[q1 + k]!;
        const y0 = a[r0 + k]!;
        const y1 = a[r1 + k]!;
        const y2 = a[r2 + k]!;
        const y3 = a[r3 + k]!;
        s00 += y0 * x0;
        s01 += y0 * x1;
        s10 += y1 * x0;
        s11 += y1 * x1;
        s20 += y2 * x0;
        s21 += y2 * x1;
        s30 += y3 * x0;
        s31 += y3 * x1;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + ldc + j] = s10;
      c[c0 + ldc + j + 1] = s11;
      c[c0 + 2 * ldc + j] = s20;
      c[c0 + 2 * ldc + j + 1] = s21;
      c[c0 + 3 * ldc + j] = s30;
      c[c0 + 3 * ldc + j + 1] = s31;
    }
    for (; j < N; j++) {
      const q0 = bo + j * bcs;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = b[q0 + k]!;
        s0 += a[r0 + k]! * x0;
        s1 += a[r1 + k]! * x0;
        s2 += a[r2 + k]! * x0;
        s3 += a[r3 + k]! * x0;
      }
      c[c0 + j] = s0;
      c[c0 + ldc + j] = s1;
      c[c0 + 2 * ldc + j] = s2;
      c[c0 + 3 * ldc + j] = s3;
    }
  }
  for (; i < M; i++) {
    const r0 = ao + i * ars;
    const c0 = co + i * ldc;
    for (let j = 0; j < N; j++) {
      const q0 = bo + j * bcs;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[r0 + k]! * b[q0 + k]!;
      c[c0 + j] = s;
    }
  }
}

/** C[i, :] = sum_k A[i, k] * B[k, :], B's rows contiguous; 4 x 4 blocks of A held in registers. */
function gemmAxpy(
  M: number,
  N: number,
  K: number,
  a: TypedArray,
  ao: number,
  ars: number,
  acs: number,
  b: TypedArray | Float64Array,
  bo: number,
  brs: number,
  c: TypedArray,
  co: number,
  ldc: number,
): void {
  for (let i = 0; i < M; i++) c.fill(0, co + i * ldc, co + i * ldc + N);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const p0 = ao + i * ars;
    const p1 = p0 + ars;
    const p2 = p1 + ars;
    const p3 = p2 + ars;
    const c0 = co + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const k0 = k * acs;
      const k1 = k0 + acs;
      const k2 = k1 + acs;
      const k3 = k2 + acs;
      const a00 = a[p0 + k0]!,
        a01 = a[p0 + k1]!,
        a02 = a[p0 + k2]!,
        a03 = a[p0 + k3]!;
      const a10 = a[p1 + k0]!,
        a11 = a[p1 + k1]!,
        a12 = a[p1 + k2]!,
        a13 = a[p1 + k3]!;
      const a20 = a[p2 + k0]!,
        a21 = a[p2 + k1]!,
        a22 = a[p2 + k2]!,
        a23 = a[p2 + k3]!;
      const a30 = a[p3 + k0]!,
        a31 = a[p3 + k1]!,
        a32 = a[p3 + k2]!,
        a33 = a[p3 + k3]!;
      const b0 = bo + k * brs;
      const b1 = b0 + brs;
      const b2 = b1 + brs;
      const b3 = b2 + brs;
      for (let j = 0; j < N; j++) {
        const x0 = b[b0 + j]!;
        const x1 = b[b1 + j]!;
        const x2 = b[b2 + j]!;
        const x3 = b[b3 + j]!;
        c[c0 + j] = c[c0 + j]! + a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        c[c1 + j] = c[c1 + j]! + a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        c[c2 + j] = c[c2 + j]! + a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
        c[c3 + j] = c[c3 + j]! + a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
      }
    }
    // A remainder of 2 or 3 k's: one pass over the C rows for two of them (each pass loads and
    // stores the four rows of C, which is what a small K like G @ W's 10 is bound by).
    for (; k + 2 <= K; k += 2) {
      const k0 = k * acs;
      const k1 = k0 + acs;
      const a00 = a[p0 + k0]!,
        a01 = a[p0 + k1]!;
      const a10 = a[p1 + k0]!,
        a11 = a[p1 + k1]!;
      const a20 = a[p2 + k0]!,
        a21 = a[p2 + k1]!;
      const a30 = a[p3 + k0]!,
        a31 = a[p3 + k1]!;
      const b0 = bo + k * brs;
      const b1 = b0 + brs;
      for (let j = 0; j < N; j++) {
        const x0 = b[b0 + j]!;
        const x1 = b[b1 + j]!;
        c[c0 + j] = c[c0 + j]! + a00 * x0 + a01 * x1;
        c[c1 + j] = c[c1 + j]! + a10 * x0 + a11 * x1;
        c[c2 + j] = c[c2 + j]! + a20 * x0 + a21 * x1;
        c[c3 + j] = c[c3 + j]! + a30 * x0 + a31 * x1;
      }
    }
    for (; k < K; k++) {
      const kk = k * acs;
      const a0 = a[p0 + kk]!,
        a1 = a[p1 + kk]!,
        a2 = a[p2 + kk]!,
        a3 = a[p3 + kk]!;
      const bk = bo + k * brs;
      for (let j = 0; j < N; j++) {
        const x = b[bk + j]!;
        c[c0 + j] = c[c0 + j]! + a0 * x;
        c[c1 + j] = c[c1 + j]! + a1 * x;
        c[c2 + j] = c[c2 + j]! + a2 * x;
        c[c3 + j] = c[c3 + j]! + a3 * x;
      }
    }
  }
  // Two rows left (M = 10 in X.T @ G's transposed product): each pass over B serves both, which
  // halves the B traffic of two single-row passes.
  for (; i + 2 <= M; i += 2) {
    const p0 = ao + i * ars;
    const p1 = p0 + ars;
    const c0 = co + i * ldc;
    const c1 = c0 + ldc;
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const k0 = k * acs;
      const k1 = k0 + acs;
      const k2 = k1 + acs;
      const k3 = k2 + acs;
      const a00 = a[p0 + k0]!,
        a01 = a[p0 + k1]!,
        a02 = a[p0 + k2]!,
        a03 = a[p0 + k3]!;
      const a10 = a[p1 + k0]!,
        a11 = a[p1 + k1]!,
        a12 = a[p1 + k2]!,
        a13 = a[p1 + k3]!;
      const b0 = bo + k * brs;
      const b1 = b0 + brs;
      const b2 = b1 + brs;
      const b3 = b2 + brs;
      for (let j = 0; j < N; j++) {
        const x0 = b[b0 + j]!;
        const x1 = b[b1 + j]!;
        const x2 = b[b2 + j]!;
        const x3 = b[b3 + j]!;
        c[c0 + j] = c[c0 + j]! + a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        c[c1 + j] = c[c1 + j]! + a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
      }
    }
    for (; k < K; k++) {
      const kk = k * acs;
      const a0 = a[p0 + kk]!;
      const a1 = a[p1 + kk]!;
      const bk = bo + k * brs;
      for (let j = 0; j < N; j++) {
        const x = b[bk + j]!;
        c[c0 + j] = c[c0 + j]! + a0 * x;
        c[c1 + j] = c[c1 + j]! + a1 * x;
      }
    }
  }
  for (; i < M; i++) {
    const p0 = ao + i * ars;
    const c0 = co + i * ldc;
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const a0 = a[p0 + k * acs]!,
        a1 = a[p0 + (k + 1) * acs]!,
        a2 = a[p0 + (k + 2) * acs]!,
        a3 = a[p0 + (k + 3) * acs]!;
      const b0 = bo + k * brs;
      for (let j = 0; j < N; j++) {
        c[c0 + j] =
          c[c0 + j]! +
          a0 * b[b0 + j]! +
          a1 * b[b0 + brs + j]! +
          a2 * b[b0 + 2 * brs + j]! +
          a3 * b[b0 + 3 * brs + j]!;
      }
    }
    for (; k < K; k++) {
      const a0 = a[p0 + k * acs]!;
      const bk = bo + k * brs;
      for (let j = 0; j < N; j++) c[c0 + j] = c[c0 + j]! + a0 * b[bk + j]!;
    }
  }
}
