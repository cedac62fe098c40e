// Float32 matrix multiply in WebAssembly SIMD (f32x4), compiled by scripts/build-wasm.mjs.
// No runtime, no allocation: the JS side (src/kernels/gemm.ts) copies the operands into linear
// memory above heapBase(), calls one kernel and copies C out. Pointers are byte addresses,
// strides count elements and may be zero or negative (the arithmetic wraps like the addresses).
// C is [M, N] with row stride ldc and is overwritten.
//   gemmDot:  A[i, k] = a[i * ars + k],        B[k, j] = b[j * bcs + k]   (X @ W.T)
//   gemmAxpy: A[i, k] = a[i * ars + k * acs],  B[k, j] = b[k * brs + j]   (G @ W, G.T @ X)

/** First byte after the module's static data: the JS side owns memory from here on. */
export function heapBase(): usize {
  return __heap_base;
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** acc + x·y: fused where the relaxed-SIMD build runs on a CPU with FMA (scripts/build-wasm.mjs). */
function madd(acc: v128, x: v128, y: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(x, y, acc);
  return f32x4.add(acc, f32x4.mul(x, y));
}

/** Scalar dot product of K - k0 elements starting at element k0. */
function dotTail(p: usize, q: usize, k0: i32, K: i32): f32 {
  let s: f32 = 0;
  for (let k = k0; k < K; k++) {
    const o = (<usize>k) << 2;
    s += load<f32>(p + o) * load<f32>(q + o);
  }
  return s;
}

/** C = A @ B with A's rows and B's columns contiguous along K: 4 x 2 tiles of f32x4 dot products. */
export function gemmDot(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  b: usize,
  bcs: i32,
  c: usize,
  ldc: i32,
): void {
  const K4 = K & ~3;
  const K4b = (<usize>K4) << 2;
  const as = (<usize>ars) << 2;
  const bs = (<usize>bcs) << 2;
  const cs = (<usize>ldc) << 2;
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const p0 = a + <usize>i * as;
    const p1 = p0 + as;
    const p2 = p1 + as;
    const p3 = p2 + as;
    const c0 = c + <usize>i * cs;
    let j = 0;
    for (; j + 2 <= N; j += 2) {
      const q0 = b + <usize>j * bs;
      const q1 = q0 + bs;
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0);
      let s21 = f32x4.splat(0);
      let s30 = f32x4.splat(0);
      let s31 = f32x4.splat(0);
      for (let o: usize = 0; o < K4b; o += 16) {
        const x0 = v128.load(q0 + o);
        const x1 = v128.load(q1 + o);
        const y0 = v128.load(p0 + o);
        s00 = madd(s00, y0, x0);
        s01 = madd(s01, y0, x1);
        const y1 = v128.load(p1 + o);
        s10 = madd(s10, y1, x0);
        s11 = madd(s11, y1, x1);
        const y2 = v128.load(p2 + o);
        s20 = madd(s20, y2, x0);
        s21 = madd(s21, y2, x1);
        const y3 = v128.load(p3 + o);
        s30 = madd(s30, y3, x0);
        s31 = madd(s31, y3, x1);
      }
      const cj = c0 + ((<usize>j) << 2);
      store<f32>(cj, hsum(s00) + dotTail(p0, q0, K4, K));
      store<f32>(cj + 4, hsum(s01) + dotTail(p0, q1, K4, K));
      store<f32>(cj + cs, hsum(s10) + dotTail(p1, q0, K4, K));
      store<f32>(cj + cs + 4, hsum(s11) + dotTail(p1, q1, K4, K));
      store<f32>(cj + 2 * cs, hsum(s20) + dotTail(p2, q0, K4, K));
      store<f32>(cj + 2 * cs + 4, hsum(s21) + dotTail(p2, q1, K4, K));
      store<f32>(cj + 3 * cs, hsum(s30) + dotTail(p3, q0, K4, K));
      store<f32>(cj + 3 * cs + 4, hsum(s31) + dotTail(p3, q1, K4, K));
    }
    if (j < N) {
      const q0 = b + <usize>j * bs;
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      for (let o: usize = 0; o < K4b; o += 16) {
        const x0 = v128.load(q0 + o);
        s0 = madd(s0, v128.load(p0 + o), x0);
        s1 = madd(s1, v128.load(p1 + o), x0);
        s2 = madd(s2, v128.load(p2 + o), x0);
        s3 = madd(s3, v128.load(p3 + o), x0);
      }
      const cj = c0 + ((<usize>j) << 2);
      store<f32>(cj, hsum(s0) + dotTail(p0, q0, K4, K));
      store<f32>(cj + cs, hsum(s1) + dotTail(p1, q0, K4, K));
      store<f32>(cj + 2 * cs, hsum(s2) + dotTail(p2, q0, K4, K));
      store<f32>(cj + 3 * cs, hsum(s3) + dotTail(p3, q0, K4, K));
    }
  }
  for (; i < M; i++) {
    const p0 = a + <usize>i * as;
    const c0 = c + <usize>i * cs;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const q0 = b + <usize>j * bs;
      const q1 = q0 + bs;
      const q2 = q1 + bs;
      const q3 = q2 + bs;
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      for (let o: usize = 0; o < K4b; o += 16) {
        const y0 = v128.load(p0 + o);
        s0 = madd(s0, y0, v128.load(q0 + o));
        s1 = madd(s1, y0, v128.load(q1 + o));
        s2 = madd(s2, y0, v128.load(q2 + o));
        s3 = madd(s3, y0, v128.load(q3 + o));
      }
      const cj = c0 + ((<usize>j) << 2);
      store<f32>(cj, hsum(s0) + dotTail(p0, q0, K4, K));
      store<f32>(cj + 4, hsum(s1) + dotTail(p0, q1, K4, K));
      store<f32>(cj + 8, hsum(s2) + dotTail(p0, q2, K4, K));
      store<f32>(cj + 12, hsum(s3) + dotTail(p0, q3, K4, K));
    }
    for (; j < N; j++) {
      const q0 = b + <usize>j * bs;
      let s0 = f32x4.splat(0);
      for (let o: usize = 0; o < K4b; o += 16) s0 = madd(s0, v128.load(p0 + o), v128.load(q0 + o));
      store<f32>(c0 + ((<usize>j) << 2), hsum(s0) + dotTail(p0, q0, K4, K));
    }
  }
}

/**
 * Splats rows i..i+R-1 of A into `work`: for each k, R vectors [A[i+r, k] x 4]. The tile loop
 * then loads them as plain vectors: broadcast loads in the inner loop held axpy at ~30 GFLOP/s
 * against ~37 with the values splatted once per tile.
 */
function splatRows(R: i32, a: usize, ras: usize, kas: usize, K: i32, work: usize): void {
  for (let r = 0; r < R; r++) {
    const p = a + <usize>r * ras;
    let w = work + ((<usize>r) << 4);
    let ko: usize = 0;
    const step = (<usize>R) << 4;
    for (let k = 0; k < K; k++) {
      v128.store(w, v128.load32_splat(p + ko));
      w += step;
      ko += kas;
    }
  }
}

/**
 * C = A @ B with B's rows contiguous: f32x4 vectors along N, A's elements splatted, any A strides.
 * Row tiles of 4 (then 2, then 1) outer: the tile's A values are splatted into `work` (K * 64
 * bytes) once, then every column panel of 8 (then 4, then single columns) runs over them.
 */
export function gemmAxpy(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  const ras = (<usize>ars) << 2;
  const kas = (<usize>acs) << 2;
  const kbs = (<usize>brs) << 2;
  const cs = (<usize>ldc) << 2;
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    splatRows(4, a + <usize>i * ras, ras, kas, K, work);
    const ci = c + <usize>i * cs;
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0);
      let s21 = f32x4.splat(0);
      let s30 = f32x4.splat(0);
      let s31 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let w = work;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load(q);
        const x1 = v128.load(q, 16);
        const y0 = v128.load(w);
        s00 = madd(s00, y0, x0);
        s01 = madd(s01, y0, x1);
        const y1 = v128.load(w, 16);
        s10 = madd(s10, y1, x0);
        s11 = madd(s11, y1, x1);
        const y2 = v128.load(w, 32);
        s20 = madd(s20, y2, x0);
        s21 = madd(s21, y2, x1);
        const y3 = v128.load(w, 48);
        s30 = madd(s30, y3, x0);
        s31 = madd(s31, y3, x1);
        q += kbs;
        w += 64;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s00);
      v128.store(c0, s01, 16);
      v128.store(c0 + cs, s10);
      v128.store(c0 + cs, s11, 16);
      v128.store(c0 + 2 * cs, s20);
      v128.store(c0 + 2 * cs, s21, 16);
      v128.store(c0 + 3 * cs, s30);
      v128.store(c0 + 3 * cs, s31, 16);
    }
    for (; j + 4 <= N; j += 4) {
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let w = work;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load(q);
        s0 = madd(s0, v128.load(w), x0);
        s1 = madd(s1, v128.load(w, 16), x0);
        s2 = madd(s2, v128.load(w, 32), x0);
        s3 = madd(s3, v128.load(w, 48), x0);
        q += kbs;
        w += 64;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s0);
      v128.store(c0 + cs, s1);
      v128.store(c0 + 2 * cs, s2);
      v128.store(c0 + 3 * cs, s3);
    }
    for (; j < N; j++)
      axpyColumn(4, K, a + <usize>i * ras, ras, kas, b + ((<usize>j) << 2), kbs, ci + ((<usize>j) << 2), cs);
  }
  if (i + 2 <= M) {
    splatRows(2, a + <usize>i * ras, ras, kas, K, work);
    const ci = c + <usize>i * cs;
    let j = 0;
    // 16 columns: 8 accumulators, enough independent additions to keep the adders busy (the
    // 8-column panel's 4 chains wait on the add latency).
    for (; j + 16 <= N; j += 16) {
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s02 = f32x4.splat(0);
      let s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s12 = f32x4.splat(0);
      let s13 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let w = work;
      for (let k = 0; k < K; k++) {
        const y0 = v128.load(w);
        const y1 = v128.load(w, 16);
        const x0 = v128.load(q);
        s00 = madd(s00, y0, x0);
        s10 = madd(s10, y1, x0);
        const x1 = v128.load(q, 16);
        s01 = madd(s01, y0, x1);
        s11 = madd(s11, y1, x1);
        const x2 = v128.load(q, 32);
        s02 = madd(s02, y0, x2);
        s12 = madd(s12, y1, x2);
        const x3 = v128.load(q, 48);
        s03 = madd(s03, y0, x3);
        s13 = madd(s13, y1, x3);
        q += kbs;
        w += 32;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s00);
      v128.store(c0, s01, 16);
      v128.store(c0, s02, 32);
      v128.store(c0, s03, 48);
      v128.store(c0 + cs, s10);
      v128.store(c0 + cs, s11, 16);
      v128.store(c0 + cs, s12, 32);
      v128.store(c0 + cs, s13, 48);
    }
    for (; j + 8 <= N; j += 8) {
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let w = work;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load(q);
        const x1 = v128.load(q, 16);
        const y0 = v128.load(w);
        s00 = madd(s00, y0, x0);
        s01 = madd(s01, y0, x1);
        const y1 = v128.load(w, 16);
        s10 = madd(s10, y1, x0);
        s11 = madd(s11, y1, x1);
        q += kbs;
        w += 32;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s00);
      v128.store(c0, s01, 16);
      v128.store(c0 + cs, s10);
      v128.store(c0 + cs, s11, 16);
    }
    for (; j + 4 <= N; j += 4) {
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let w = work;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load(q);
        s0 = madd(s0, v128.load(w), x0);
        s1 = madd(s1, v128.load(w, 16), x0);
        q += kbs;
        w += 32;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s0);
      v128.store(c0 + cs, s1);
    }
    for (; j < N; j++)
      axpyColumn(2, K, a + <usize>i * ras, ras, kas, b + ((<usize>j) << 2), kbs, ci + ((<usize>j) << 2), cs);
    i += 2;
  }
  if (i < M) {
    const p0 = a + <usize>i * ras;
    const ci = c + <usize>i * cs;
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let ko: usize = 0;
      for (let k = 0; k < K; k++) {
        const y0 = v128.load32_splat(p0 + ko);
        s0 = madd(s0, y0, v128.load(q));
        s1 = madd(s1, y0, v128.load(q, 16));
        q += kbs;
        ko += kas;
      }
      const c0 = ci + ((<usize>j) << 2);
      v128.store(c0, s0);
      v128.store(c0, s1, 16);
    }
    for (; j + 4 <= N; j += 4) {
      let s0 = f32x4.splat(0);
      let q = b + ((<usize>j) << 2);
      let ko: usize = 0;
      for (let k = 0; k < K; k++) {
        s0 = madd(s0, v128.load32_splat(p0 + ko), v128.load(q));
        q += kbs;
        ko += kas;
      }
      v128.store(ci + ((<usize>j) << 2), s0);
    }
    for (; j < N; j++) axpyColumn(1, K, p0, ras, kas, b + ((<usize>j) << 2), kbs, ci + ((<usize>j) << 2), cs);
  }
}

/** C[i + r, j] for r < R: one column of B against R rows of A, scalar. */
function axpyColumn(
  R: i32,
  K: i32,
  a: usize,
  ras: usize,
  kas: usize,
  q0: usize,
  kbs: usize,
  c: usize,
  cs: usize,
): void {
  for (let r = 0; r < R; r++) {
    const p = a + <usize>r * ras;
    let s: f32 = 0;
    let q = q0;
    let ko: usize = 0;
    for (let k = 0; k < K; k++) {
      s += load<f32>(p + ko) * load<f32>(q);
      q += kbs;
      ko += kas;
    }
    store<f32>(c + <usize>r * cs, s);
  }
}

/**
 * dst[j·rows + i] = src[i·cols + j]: a product computed as its transpose (the narrow X.T @ G of
 * src/kernels/gemm-wasm.ts) written back in the caller's layout, inside wasm memory, so that
 * it leaves with one contiguous copy instead of a strided JavaScript loop.
 */
export function transpose(src: usize, rows: i32, cols: i32, dst: usize): void {
  const rs = (<usize>cols) << 2;
  let d = dst;
  for (let j = 0; j < cols; j++) {
    let s = src + ((<usize>j) << 2);
    for (let i = 0; i < rows; i++) {
      store<f32>(d, load<f32>(s));
      d += 4;
      s += rs;
    }
  }
}
