// argmax over contiguous float32 rows in WebAssembly SIMD (src/kernels/argmax-rows.ts): the
// predictions of an accuracy count, [256, 10] per batch. Two passes per row, without the
// unpredictable branch of a running maximum: the row's maximum (f32x4.max, which propagates
// NaN), then the first index holding it, or the first NaN, as PyTorch's argmax picks.

/** out[r] = argmax of the `c` values at x + r·c·4, for r < rows (int32). */
export function argmaxRows(x: usize, rows: i32, c: i32, out: usize): void {
  const c4 = c & ~3;
  const rowBytes = (<usize>c) << 2;
  let p = x;
  for (let r = 0; r < rows; r++) {
    let m: f32;
    if (c4 > 0) {
      let v = v128.load(p);
      for (let o: usize = 16; o < (<usize>c4) << 2; o += 16) v = f32x4.max(v, v128.load(p + o));
      v = f32x4.max(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
      v = f32x4.max(v, i32x4.shuffle(v, v, 1, 0, 3, 2));
      m = f32x4.extract_lane(v, 0);
    } else {
      m = load<f32>(p);
    }
    for (let j = c4; j < c; j++) m = max<f32>(m, load<f32>(p + ((<usize>j) << 2)));
    let i = 0;
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's isNaN<f32> builtin (f32.ne), not JS's global
    if (isNaN<f32>(m)) {
      // biome-ignore lint/suspicious/noGlobalIsNan: as above
      while (!isNaN<f32>(load<f32>(p + ((<usize>i) << 2)))) i++;
    } else {
      while (load<f32>(p + ((<usize>i) << 2)) !== m) i++;
    }
    store<i32>(out + ((<usize>r) << 2), i);
    p += rowBytes;
  }
}
