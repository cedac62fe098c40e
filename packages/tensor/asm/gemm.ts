// Float32 matrix multiply in WebAssembly SIMD (f32x4), compiled by scripts/build-wasm.mjs.
// No runtime, no allocation: the JS side (src/kernels/gemm-wasm.ts) copies the operands into linear
// memory above heapBase(), calls one kernel and copies C out. Pointers are byte addresses,
// strides count elements and may be zero or negative (the arithmetic wraps like the addresses).
// C is [M, N] with row stride ldc and is overwritten.
//   gemmDot:   A[i, k] = a[i * ars + k],        B[k, j] = b[j * bcs + k]   (X @ W.T)
//   gemmAxpy:  A[i, k] = a[i * ars + k * acs],  B[k, j] = b[k * brs + j]   (G @ W, G.T @ X),
//              or B as gemmPackB packed it (from any layout)
// Every C element is one chain of operations whose order depends on N, K and the kernel only,
// not on M or on the rows a call covers: a product split by rows of C across calls (threads)
// gives the same bits as one call.

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

/**
 * C = A @ B with A's rows and B's columns contiguous along K: dotBlock on blocks of B's columns
 * (512 KiB each), so that a block stays in L2 while every row tile of A passes over it. The
 * blocks change no bits: each C element is its own dot product.
 */
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
  const nc = max(16, (BLOCK / max(1, K)) & ~1);
  for (let jc = 0; jc < N; jc += nc) {
    const bj = b + ((<usize>jc * <usize>bcs) << 2);
    dotBlock(M, min(nc, N - jc), K, a, ars, bj, bcs, c + ((<usize>jc) << 2), ldc);
  }
}

/** C = A @ B with A's rows and B's columns contiguous along K: 4 x 2 tiles of f32x4 dot products. */
function dotBlock(M: i32, N: i32, K: i32, a: usize, ars: i32, b: usize, bcs: i32, c: usize, ldc: i32): void {
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

// The axpy kernel is cache-blocked (the loop order of BLIS): a block of B (KC steps of K by a
// few hundred columns, 512 KiB) stays in L2 while every 4-row tile of A passes over it, and the
// tile's KC splatted A values (16 KiB) stay in L1 while the block's 8-column panels of B stream
// past them. Unblocked, every row tile streamed all of B (4 MiB for a 1024 x 1024 B) from L3.
// Each C element is still one chain of multiply-adds in k order, from zero (every K block after
// the first starts its accumulators from C), so the blocking, the tile a row falls in, and M
// change no bits.

/** K steps per block: a 4-row tile's splatted A values then fill 16 KiB of L1. */
const KC = 256;
/**
 * Elements of B per block: 512 KiB, held in L2 (512 columns of KC steps, more for a short K);
 * 256 KiB blocks ran 3-6% slower (more passes over A), with a 1 MiB L2.
 */
const BLOCK = 131072;
/** Rows of A splatted in one pass (4 tiles): see splatRows. */
const MC = 16;
/** Bytes of one splatted 4-row tile of A. */
const TILE_A: usize = <usize>KC * 64;
// The work area: MC / 4 splatted A tiles, a 4 x 8 edge tile, 16 zero bytes, then B's tail panel.
const EDGE_AT: usize = (TILE_A * MC) / 4;
const ZEROS_AT: usize = EDGE_AT + 128;
const TAIL_AT: usize = ZEROS_AT + 16;

/**
 * Splats rows 0..rows-1 (rows <= 16) of A at `a` for kc steps into ceil(rows / 4) tiles of
 * TILE_A bytes at `work`: tile t holds, for each k, 4 vectors [A[4t + r, k] x 4], rows past
 * `rows` zero. The tile loops then load them as plain vectors (broadcast loads in the inner
 * loop held axpy at ~30 GFLOP/s against ~37 with the values splatted once per tile). K outer,
 * 16 rows inner: where A's rows are its columns (G.T @ X), one k touches one cache line for all
 * 16 rows; a tile at a time, with lines 4 KiB apart, fell out of cache between tiles.
 */
function splatRows(rows: i32, a: usize, ras: usize, kas: usize, kc: i32, work: usize): void {
  const quads = rows >> 2;
  for (let k = 0; k < kc; k++) {
    const p = a + <usize>k * kas;
    const w = work + ((<usize>k) << 6);
    let r = 0;
    if (ras === 4) {
      // Four rows in one load, each lane splatted.
      for (; r < quads << 2; r += 4) {
        const v = v128.load(p + ((<usize>r) << 2));
        const t = w + <usize>(r >> 2) * TILE_A;
        v128.store(t, v128.shuffle<f32>(v, v, 0, 0, 0, 0));
        v128.store(t, v128.shuffle<f32>(v, v, 1, 1, 1, 1), 16);
        v128.store(t, v128.shuffle<f32>(v, v, 2, 2, 2, 2), 32);
        v128.store(t, v128.shuffle<f32>(v, v, 3, 3, 3, 3), 48);
      }
    }
    for (; r < rows; r++) {
      v128.store(
        w + <usize>(r >> 2) * TILE_A + ((<usize>(r & 3)) << 4),
        v128.load32_splat(p + <usize>r * ras),
      );
    }
    for (; r & 3; r++) v128.store(w + <usize>(r >> 2) * TILE_A + ((<usize>(r & 3)) << 4), f32x4.splat(0));
  }
}

/**
 * C[0..4, 8p..8p+8] (+)= the splatted A tile `w` times the kc x 8 panel p of B, for n panels:
 * panel p's first K step at q + p * ps, its K steps qs bytes apart. 8 accumulators, started
 * from C (every K block after the first) or, where `zeros` is not 0, loaded from 16 zero bytes
 * there: the start is a choice of address, where a choice of values before the K loop cost
 * 5% on short K. V8 keeps this loop nest in registers; 6 x 8 or 4 x 12 tiles (12 accumulators)
 * spilled and ran at half the speed on Node 20 and 22.
 */
function panels4x8(
  n: i32,
  kc: i32,
  w0: usize,
  q0: usize,
  ps: usize,
  qs: usize,
  c: usize,
  cs: usize,
  zeros: usize,
): void {
  // Where the accumulators start: C, or the zeros (no stride, no offsets).
  const ss = select<usize>(0, cs, zeros);
  const vs: usize = zeros ? 0 : 16;
  for (let p = 0; p < n; p++, q0 += ps, c += 32) {
    const s = select<usize>(zeros, c, zeros);
    let s00 = v128.load(s);
    let s01 = v128.load(s + vs);
    let s10 = v128.load(s + ss);
    let s11 = v128.load(s + ss + vs);
    let s20 = v128.load(s + 2 * ss);
    let s21 = v128.load(s + 2 * ss + vs);
    let s30 = v128.load(s + 3 * ss);
    let s31 = v128.load(s + 3 * ss + vs);
    let q = q0;
    let w = w0;
    for (let k = 0; k < kc; k++) {
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
      q += qs;
      w += 64;
    }
    v128.store(c, s00);
    v128.store(c, s01, 16);
    v128.store(c + cs, s10);
    v128.store(c + cs, s11, 16);
    v128.store(c + 2 * cs, s20);
    v128.store(c + 2 * cs, s21, 16);
    v128.store(c + 3 * cs, s30);
    v128.store(c + 3 * cs, s31, 16);
  }
}

/**
 * The same for two rows and n pairs of panels (16 columns of C each): the rows of A that 4-row
 * tiles leave over (the 10 rows of G.T @ X) with 8 accumulators, as many as panels4x8 keeps
 * busy, instead of half of them multiplying padding.
 */
function panels2x16(
  n: i32,
  kc: i32,
  w0: usize,
  q0: usize,
  ps: usize,
  qs: usize,
  c: usize,
  cs: usize,
  zeros: usize,
): void {
  const ss = select<usize>(0, cs, zeros);
  const vs: usize = zeros ? 0 : 16;
  for (let p = 0; p < n; p++, q0 += 2 * ps, c += 64) {
    const s = select<usize>(zeros, c, zeros);
    let s00 = v128.load(s);
    let s01 = v128.load(s + vs);
    let s02 = v128.load(s + 2 * vs);
    let s03 = v128.load(s + 3 * vs);
    let s10 = v128.load(s + ss);
    let s11 = v128.load(s + ss + vs);
    let s12 = v128.load(s + ss + 2 * vs);
    let s13 = v128.load(s + ss + 3 * vs);
    let q = q0;
    let w = w0;
    for (let k = 0; k < kc; k++) {
      const y0 = v128.load(w);
      const y1 = v128.load(w, 16);
      const x0 = v128.load(q);
      s00 = madd(s00, y0, x0);
      s10 = madd(s10, y1, x0);
      const x1 = v128.load(q, 16);
      s01 = madd(s01, y0, x1);
      s11 = madd(s11, y1, x1);
      const x2 = v128.load(q + ps);
      s02 = madd(s02, y0, x2);
      s12 = madd(s12, y1, x2);
      const x3 = v128.load(q + ps, 16);
      s03 = madd(s03, y0, x3);
      s13 = madd(s13, y1, x3);
      q += qs;
      w += 64;
    }
    v128.store(c, s00);
    v128.store(c, s01, 16);
    v128.store(c, s02, 32);
    v128.store(c, s03, 48);
    v128.store(c + cs, s10);
    v128.store(c + cs, s11, 16);
    v128.store(c + cs, s12, 32);
    v128.store(c + cs, s13, 48);
  }
}

/**
 * A tile at the edge of C (rows < 4 or cols < 8): panels4x8 on a dense 4 x 8 copy `e` of it
 * (zeros outside C), so that edge elements get exactly the arithmetic of the others.
 */
function edgeTile(
  rows: i32,
  cols: i32,
  kc: i32,
  w: usize,
  q: usize,
  qs: usize,
  c: usize,
  cs: usize,
  fromC: bool,
  e: usize,
): void {
  for (let r = 0; r < 4; r++) {
    for (let j = 0; j < 8; j++) {
      const v: f32 = fromC && r < rows && j < cols ? load<f32>(c + <usize>r * cs + ((<usize>j) << 2)) : 0;
      store<f32>(e + ((<usize>(r * 8 + j)) << 2), v);
    }
  }
  panels4x8(1, kc, w, q, 0, qs, e, 32, 0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      store<f32>(c + <usize>r * cs + ((<usize>j) << 2), load<f32>(e + ((<usize>(r * 8 + j)) << 2)));
    }
  }
}

/**
 * Packs B[k, j] = b[k * brs + j * bcs] (any strides) into 8-column panels: panel p holds
 * B[0..K, 8p..8p+8] as K rows of 8 contiguous floats (columns past N zero), at dst + p * K * 32.
 * gemmAxpy reads the panels contiguously, whatever B's layout was (columns along K, a row
 * stride that maps every row to the same cache sets). Writes K * ceil(N / 8) * 8 floats.
 */
export function gemmPackB(K: i32, N: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  const ks = (<usize>brs) << 2;
  const js = (<usize>bcs) << 2;
  let d = dst;
  for (let j = 0; j < N; j += 8) {
    const cols = min(8, N - j);
    let q = b + <usize>j * js;
    if (cols === 8 && bcs === 1) {
      for (let k = 0; k < K; k++, q += ks, d += 32) {
        v128.store(d, v128.load(q));
        v128.store(d, v128.load(q, 16), 16);
      }
    } else if (cols === 8 && brs === 1) {
      // B's columns contiguous along K (the W of X @ W.T): 4 k steps of 8 columns at a time,
      // each 4 x 4 block transposed in registers.
      let k = 0;
      for (; k + 4 <= K; k += 4, q += 16, d += 128) {
        transpose4x4(q, js, d);
        transpose4x4(q + 4 * js, js, d + 16);
      }
      for (; k < K; k++, q += 4, d += 32) {
        for (let t = 0; t < 8; t++) store<f32>(d + ((<usize>t) << 2), load<f32>(q + <usize>t * js));
      }
    } else {
      for (let k = 0; k < K; k++, q += ks, d += 32) {
        for (let t = 0; t < 8; t++) {
          store<f32>(d + ((<usize>t) << 2), t < cols ? load<f32>(q + <usize>t * js) : 0);
        }
      }
    }
  }
}

/** Columns q, q + js, q + 2js, q + 3js (4 floats each) stored as 4 rows of 4 at d, d + 32, ... */
function transpose4x4(q: usize, js: usize, d: usize): void {
  const c0 = v128.load(q);
  const c1 = v128.load(q + js);
  const c2 = v128.load(q + 2 * js);
  const c3 = v128.load(q + 3 * js);
  const t0 = v128.shuffle<f32>(c0, c1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(c0, c1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(c2, c3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(c2, c3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(d + 32, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(d + 64, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(d + 96, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/**
 * C = A @ B with f32x4 vectors along N and A's elements splatted, any A strides. B is either
 * packed by gemmPackB (`packedB`: panel p at b + p * K * 32), or read in place with unit column
 * stride and row stride brs; then its last N % 8 columns are packed into the work area. `work`
 * holds TAIL_AT + K * 32 bytes (src/kernels/gemm-wasm.ts: gemmWorkElements).
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
  packedB: bool,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  const ras = (<usize>ars) << 2;
  const kas = (<usize>acs) << 2;
  const cs = (<usize>ldc) << 2;
  const edge = work + EDGE_AT;
  const tail = work + TAIL_AT;
  const zeroAt = work + ZEROS_AT;
  v128.store(zeroAt, f32x4.splat(0));
  const N8 = N & ~7;
  if (!packedB && N8 < N) gemmPackB(K, N - N8, b + ((<usize>N8) << 2), brs, 1, tail);
  // B's K steps are kbs bytes apart, and its 8-column panels ps bytes apart.
  const kbs: usize = packedB ? 32 : (<usize>brs) << 2;
  const ps: usize = packedB ? (<usize>K) << 5 : 32;
  // Columns per block, a multiple of 16 (panels2x16's pairs of panels). A few row tiles read B
  // a few times whatever the blocking: one block then, and A's tiles are splatted once.
  // K steps per block: K split into equal blocks of at most KC (784 into 3 of 262 and 261,
  // where blocks of KC would leave a last one of 16 steps paying a whole block's overheads).
  const blocksK = max(1, (K + KC - 1) / KC);
  const kb = max(1, (K + blocksK - 1) / blocksK);
  const nc = M <= 16 ? N : max(256, (BLOCK / kb) & ~15);
  for (let jc = 0; jc < N; jc += nc) {
    const jEnd = min(N, jc + nc);
    for (let pc = 0; pc < K; pc += kb) {
      const kc = min(kb, K - pc);
      // Where K step pc of the panel holding column j (a multiple of 8) starts.
      const bpc = b + <usize>pc * kbs;
      const fromC = pc > 0;
      const zeros: usize = fromC ? 0 : zeroAt;
      for (let i0 = 0; i0 < M; i0 += MC) {
        splatRows(min(MC, M - i0), a + <usize>i0 * ras + <usize>pc * kas, ras, kas, kc, work);
        for (let i = i0; i < min(M, i0 + MC); i += 4) {
          const rows = min(4, M - i);
          const w = work + <usize>((i - i0) >> 2) * TILE_A;
          const ci = c + <usize>i * cs;
          // Whole panels first (8 columns each, 16 for two rows), then the rest as edge tiles.
          let j = jc;
          const full = (min(jEnd, N8) - jc) >> 3;
          if (rows === 4) {
            panels4x8(full, kc, w, bpc + <usize>(j >> 3) * ps, ps, kbs, ci + ((<usize>j) << 2), cs, zeros);
            j += full << 3;
          } else if (rows === 2) {
            panels2x16(
              full >> 1,
              kc,
              w,
              bpc + <usize>(j >> 3) * ps,
              ps,
              kbs,
              ci + ((<usize>j) << 2),
              cs,
              zeros,
            );
            j += (full >> 1) << 4;
          }
          for (; j < jEnd; j += 8) {
            const inTail = !packedB && j >= N8;
            const q = inTail ? tail + ((<usize>pc) << 5) : bpc + <usize>(j >> 3) * ps;
            edgeTile(
              rows,
              min(8, jEnd - j),
              kc,
              w,
              q,
              inTail ? 32 : kbs,
              ci + ((<usize>j) << 2),
              cs,
              fromC,
              edge,
            );
          }
        }
      }
    }
  }
  // K = 0: no block ran; C is zeros.
  if (K === 0) for (let i = 0; i < M; i++) memory.fill(c + <usize>i * cs, 0, (<usize>N) << 2);
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
