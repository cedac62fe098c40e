// y ← y − α·x on float32 arrays, each element computed in float64 exactly as the JavaScript
// expression `y[i] - alpha * x[i]` (promote, multiply, subtract, round once to float32), so
// the wasm and JS paths give the same bits. The update of plain SGD (src/kernels/sub-scaled.ts).

/** y[i] = f32(f64(y[i]) − α·f64(x[i])) for i < n; y and x are byte addresses. */
export function subScaled(y: usize, x: usize, n: i32, alpha: f64): void {
  const a = f64x2.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const yv = v128.load(y + o);
    const xv = v128.load(x + o);
    const lo = f64x2.sub(f64x2.promote_low_f32x4(yv), f64x2.mul(a, f64x2.promote_low_f32x4(xv)));
    const yh = i32x4.shuffle(yv, yv, 2, 3, 0, 1);
    const xh = i32x4.shuffle(xv, xv, 2, 3, 0, 1);
    const hi = f64x2.sub(f64x2.promote_low_f32x4(yh), f64x2.mul(a, f64x2.promote_low_f32x4(xh)));
    // demote gives [r0, r1, 0, 0]: the two halves' results are joined into one vector.
    const r = i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
    v128.store(y + o, r);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(y + o, <f32>(<f64>load<f32>(y + o) - alpha * <f64>load<f32>(x + o)));
  }
}
