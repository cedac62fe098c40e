// Rows of uint8 values picked by index, converted to float32 and scaled: the hot loop of every
// Fashion-MNIST batch (src/kernels/rows-wasm.ts, the wasm kernel of the rowsAsFloat op). Each
// step widens 16 bytes u8 → u16 → u32, converts to f32 and scales without a division:
// y = x·m, out = y + y·k (with m = 1/256, k = fround(1/255 − 1/256)·256 this is exactly float32
// x / 255 for every byte: the tests check all 256), four divides per 16 values having bound it.

/**
 * Rows are read in shuffled order, so the hardware prefetcher only catches on within a row;
 * touching one byte per cache line of the row TOUCH_AHEAD rows ahead keeps those misses in
 * flight while the current row converts (a gathered epoch: 34 ms → 21 ms on the bench machine).
 */
const TOUCH_AHEAD = 3;

// Small enough that Binaryen inlines it into the loop (-O3), like exp-core.ts's helpers.
function scaled(v: v128, m: v128, k: v128): v128 {
  const y = f32x4.mul(f32x4.convert_i32x4_s(v), m);
  return f32x4.add(y, f32x4.mul(y, k));
}

/**
 * For r < count: the `row` bytes (a multiple of 16) at src + idx[r]·row → `row` float32 at
 * dst + r·row·4, each x·m + x·m·k. Returns the sum of the bytes touched ahead, so that those
 * loads are not optimized away (the caller ignores it).
 */
export function rowsU8ToF32(src: usize, idx: usize, count: i32, row: i32, dst: usize, m: f32, k: f32): i32 {
  const mv = f32x4.splat(m);
  const kv = f32x4.splat(k);
  const rowBytes = <usize>row;
  let touched: i32 = 0;
  for (let r = 0; r < count; r++) {
    const from = src + <usize>load<i32>(idx + ((<usize>r) << 2)) * rowBytes;
    if (r + TOUCH_AHEAD < count) {
      let p = src + <usize>load<i32>(idx + ((<usize>(r + TOUCH_AHEAD)) << 2)) * rowBytes;
      const end = p + rowBytes;
      for (; p < end; p += 64) touched += <i32>load<u8>(p);
    }
    const to = dst + ((<usize>r * rowBytes) << 2);
    for (let j: usize = 0; j < rowBytes; j += 16) {
      const v = v128.load(from + j);
      const lo = i16x8.extend_low_i8x16_u(v);
      const hi = i16x8.extend_high_i8x16_u(v);
      const o = to + (j << 2);
      v128.store(o, scaled(i32x4.extend_low_i16x8_u(lo), mv, kv));
      v128.store(o + 16, scaled(i32x4.extend_high_i16x8_u(lo), mv, kv));
      v128.store(o + 32, scaled(i32x4.extend_low_i16x8_u(hi), mv, kv));
      v128.store(o + 48, scaled(i32x4.extend_high_i16x8_u(hi), mv, kv));
    }
  }
  return touched;
}
