// The elementwise logistic sigmoid of float32 tensors (src/kernels/sigmoid-wasm.ts), on the exp
// lanes of exp-core.ts. As the JS loop: with e = e^-|x| ≤ 1, 1 / (1 + e) for x ≥ 0 and
// e / (1 + e) for x < 0, so nothing overflows and tiny results keep their subnormal values.
import { exp4 } from "./exp-core";

function sigmoid4(x: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(x)));
  // One division for both signs: the numerator is 1 for x >= 0, else e. NaN lanes fail
  // x >= 0 and take e / (1 + e), which is NaN.
  const num = v128.bitselect(f32x4.splat(1.0), e, f32x4.ge(x, f32x4.splat(0.0)));
  return f32x4.div(num, f32x4.add(f32x4.splat(1.0), e));
}

/** out[i] = 1 / (1 + e^-x[i]) for n float32 values (out may be x). */
export function sigmoidArray(x: usize, n: i32, out: usize): void {
  const n4 = n & ~3;
  let o: usize = 0;
  const end4 = (<usize>n4) << 2;
  for (; o < end4; o += 16) v128.store(out + o, sigmoid4(v128.load(x + o)));
  for (let i = n4; i < n; i++) {
    const b = (<usize>i) << 2;
    store<f32>(out + b, f32x4.extract_lane(sigmoid4(f32x4.splat(load<f32>(x + b))), 0));
  }
}
