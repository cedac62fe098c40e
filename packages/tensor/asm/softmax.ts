// Softmax over contiguous float32 rows in WebAssembly SIMD, for the fused softmax and
// cross-entropy (src/kernels/softmax-rows.ts stages the rows in and copies the results out).
// e^x comes from the polynomial of exp-core.ts on f32x4 lanes (the JS path calls Math.exp ten times
// per row of ten classes, most of a fused cross-entropy's time).
import { expDiff1, expDiff4 } from "./exp-core";

const FLT_MIN: f32 = 1.17549435e-38;

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
