// Softmax over contiguous float32 rows in WebAssembly SIMD, for the fused softmax and
// cross-entropy (src/kernels/softmax-rows.ts stages the rows in and copies the results out).
// e^x comes from a polynomial on f32x4 lanes (the JS path calls Math.exp ten times per row of
// ten classes, most of a fused cross-entropy's time).

// e^x = 2^k · e^r with k = round(x / ln2) and |r| ≤ ln2/2; e^r from its Taylor polynomial of
// degree 7 (remainder below 6e-9, relative), 2^k built in the exponent bits. Arguments here are
// x − max(row) ≤ 0; below -87.33 (where e^x is under float32's smallest normal number) the
// result is 0, which the caller's flush of tiny probabilities would give anyway.
const LOG2E: f32 = Mathf.LOG2E;
const LN2_HI: f32 = 0.693145752; // ln2 with 7 trailing zero bits: k * LN2_HI is exact
const LN2_LO: f32 = 1.42860677e-6;
const EXP_MIN: f32 = -87.33;
const FLT_MIN: f32 = 1.17549435e-38;

function expPoly(r: v128): v128 {
  let p = f32x4.splat(1.0 / 5040.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  return f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
}

/**
 * e^(x − m) on four lanes, x ≤ m (NaN stays NaN). x − m is rounded to float32, which alone would
 * cost up to |x − m|·2^-24 of relative accuracy (1e-6 at a distance of 16): its rounding error,
 * from Knuth's TwoSum, is added back to the reduced argument, so the result is good to a few
 * float32 ulps like the float64 path's.
 */
function expDiff4(x: v128, m: v128): v128 {
  const nm = f32x4.neg(m);
  const d = f32x4.add(x, nm);
  const bv = f32x4.sub(d, x);
  const err = f32x4.add(f32x4.sub(x, f32x4.sub(d, bv)), f32x4.sub(nm, bv));
  const k = f32x4.nearest(f32x4.mul(d, f32x4.splat(LOG2E)));
  const r0 = f32x4.sub(f32x4.sub(d, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  const r = f32x4.add(r0, err);
  // 2^k for k in [-126, 0]: (k + 127) << 23 as float bits; lanes below EXP_MIN are zeroed.
  const ki = i32x4.trunc_sat_f32x4_s(f32x4.max(k, f32x4.splat(-126.0)));
  const pow2 = i32x4.shl(i32x4.add(ki, i32x4.splat(127)), 23);
  const e = f32x4.mul(expPoly(r), pow2);
  return v128.andnot(e, f32x4.lt(d, f32x4.splat(EXP_MIN)));
}

/** The same as one lane of expDiff4, so a row's result does not depend on where its tail starts. */
function expDiff1(x: f32, m: f32): f32 {
  return f32x4.extract_lane(expDiff4(f32x4.splat(x), f32x4.splat(m)), 0);
}

/**
 * For each of `n` rows of `c` float32 values at x (contiguous): p = softmax(row), with values
 * below float32's smallest normal number flushed to 0 when `flush`, and stats[2r] = max,
 * stats[2r + 1] = Σ e^(x − max), from which the caller gets log-sum-exp in float64.
 */
export function softmaxRows(x: usize, n: i32, c: i32, p: usize, stats: usize, flush: bool): void {
  const rowBytes = (<usize>c) << 2;
  const c4 = c & ~3;
  for (let r = 0; r < n; r++) {
    const xr = x + <usize>r * rowBytes;
    const pr = p + <usize>r * rowBytes;
    // max (NaN wins, as in the JS path)
    let m: f32 = -Infinity;
    let j = 0;
    if (c4 > 0) {
      let mv = v128.load(xr);
      for (j = 4; j < c4; j += 4) mv = f32x4.max(mv, v128.load(xr + ((<usize>j) << 2)));
      m = Mathf.max(
        Mathf.max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)),
        Mathf.max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)),
      );
    }
    for (j = c4; j < c; j++) m = Mathf.max(m, load<f32>(xr + ((<usize>j) << 2)));
    // A row of all -inf shifts by 0, so that it gives NaN like PyTorch.
    if (m === -Infinity) m = 0;
    const mv = f32x4.splat(m);
    let sv = f32x4.splat(0);
    for (j = 0; j < c4; j += 4) {
      const o = (<usize>j) << 2;
      const e = expDiff4(v128.load(xr + o), mv);
      v128.store(pr + o, e);
      sv = f32x4.add(sv, e);
    }
    let s: f32 =
      f32x4.extract_lane(sv, 0) +
      f32x4.extract_lane(sv, 1) +
      (f32x4.extract_lane(sv, 2) + f32x4.extract_lane(sv, 3));
    for (j = c4; j < c; j++) {
      const o = (<usize>j) << 2;
      const e = expDiff1(load<f32>(xr + o), m);
      store<f32>(pr + o, e);
      s += e;
    }
    const inv = f32x4.splat(1 / s);
    const lo = f32x4.splat(flush ? FLT_MIN : 0);
    for (j = 0; j < c4; j += 4) {
      const o = (<usize>j) << 2;
      const q = f32x4.mul(v128.load(pr + o), inv);
      v128.store(pr + o, v128.andnot(q, f32x4.lt(q, lo)));
    }
    const inv1: f32 = 1 / s;
    const lo1: f32 = flush ? FLT_MIN : 0;
    for (j = c4; j < c; j++) {
      const o = (<usize>j) << 2;
      const q = load<f32>(pr + o) * inv1;
      store<f32>(pr + o, q < lo1 ? 0 : q);
    }
    store<f32>(stats + ((<usize>r) << 3), m);
    store<f32>(stats + ((<usize>r) << 3), s, 4);
  }
}
