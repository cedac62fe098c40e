// The elementwise exp of float32 tensors (src/kernels/exp-wasm.ts) on the lanes of exp-core.ts.
import { exp4 } from "./exp-core";

/** out[i] = e^x[i] for n float32 values (out may be x). */
export function expArray(x: usize, n: i32, out: usize): void {
  const n4 = n & ~3;
  let o: usize = 0;
  const end4 = (<usize>n4) << 2;
  for (; o < end4; o += 16) v128.store(out + o, exp4(v128.load(x + o)));
  for (let i = n4; i < n; i++) {
    const b = (<usize>i) << 2;
    store<f32>(out + b, f32x4.extract_lane(exp4(f32x4.splat(load<f32>(x + b))), 0));
  }
}
