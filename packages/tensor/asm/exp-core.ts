// e^x on f32x4 lanes in WebAssembly SIMD: the softmax rows (softmax.ts) and the elementwise
// exp of float32 tensors (exp.ts, src/kernels/exp-wasm.ts), where V8's Math.exp costs about
// 8 ns. Not an entry file of the build, so these are not module exports and the optimizer
// inlines them into the kernels' loops (an exported expDiff4 stayed a call per four lanes,
// since V8 does not inline wasm calls: 14.2 → 13.4 µs for the softmax of [256, 10]).

// e^x = 2^k · e^r with k = round(x / ln2) and |r| ≤ ln2/2; e^r from its Taylor polynomial of
// degree 7 (remainder below 6e-9, relative), 2^k built in the exponent bits. For the softmax,
// arguments are x − max(row) ≤ 0, and below -87.33 (where e^x is under float32's smallest
// normal number) the result is 0, which the caller's flush of tiny probabilities gives anyway.
const LOG2E: f32 = Mathf.LOG2E;
const LN2_HI: f32 = 0.693145752; // ln2 with 7 trailing zero bits: k * LN2_HI is exact
const LN2_LO: f32 = 1.42860677e-6;
const EXP_MIN: f32 = -87.33;
// Adding 1.5·2^23 rounds a float32 below 2^22 in magnitude to an integer (ties to even, as
// f32x4.nearest) and leaves that integer in the low mantissa bits: k = s − MAGIC, and k as an
// i32 is bits(s) − bits(MAGIC). Two adds instead of nearest and trunc_sat, which V8 lowers to
// several instructions each on SSE.
const MAGIC: f32 = 12582912.0;
const MAGIC_BITS: i32 = 0x4b400000;

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
export function expDiff4(x: v128, m: v128): v128 {
  const nm = f32x4.neg(m);
  const d = f32x4.add(x, nm);
  const bv = f32x4.sub(d, x);
  const err = f32x4.add(f32x4.sub(x, f32x4.sub(d, bv)), f32x4.sub(nm, bv));
  const s = f32x4.add(f32x4.mul(d, f32x4.splat(LOG2E)), f32x4.splat(MAGIC));
  const k = f32x4.sub(s, f32x4.splat(MAGIC));
  const r0 = f32x4.sub(f32x4.sub(d, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  const r = f32x4.add(r0, err);
  // 2^k for k in [-126, 0]: (k + 127) << 23 as float bits; lanes below EXP_MIN (where k may
  // be anything) are zeroed.
  const ki = i32x4.max_s(i32x4.sub(s, i32x4.splat(MAGIC_BITS)), i32x4.splat(-126));
  const pow2 = i32x4.shl(i32x4.add(ki, i32x4.splat(127)), 23);
  const e = f32x4.mul(expPoly(r), pow2);
  return v128.andnot(e, f32x4.lt(d, f32x4.splat(EXP_MIN)));
}

/** The same as one lane of expDiff4, so a row's result does not depend on where its tail starts. */
export function expDiff1(x: f32, m: f32): f32 {
  return f32x4.extract_lane(expDiff4(f32x4.splat(x), f32x4.splat(m)), 0);
}

/**
 * e^x on four lanes of any x: Cody-Waite reduction as above, 2^k applied in two halves so that
 * results in float32's subnormal range come out right (rounded once); +inf above 88.73, 0
 * below -103.98, NaN stays NaN.
 */
export function exp4(x: v128): v128 {
  // pmin/pmax are single SSE instructions; a NaN lane passes through both (x < c is false).
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-110.0)), f32x4.splat(100.0));
  const s = f32x4.add(f32x4.mul(xc, f32x4.splat(LOG2E)), f32x4.splat(MAGIC));
  const k = f32x4.sub(s, f32x4.splat(MAGIC));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  const ki = i32x4.sub(s, i32x4.splat(MAGIC_BITS));
  const k1 = i32x4.shr_s(ki, 1);
  const k2 = i32x4.sub(ki, k1);
  const p1 = i32x4.shl(i32x4.add(k1, i32x4.splat(127)), 23);
  const p2 = i32x4.shl(i32x4.add(k2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(expPoly(r), p1), p2);
}
