// Elementwise add, sub, mul and div of float32 operands in WebAssembly SIMD
// (src/kernels/binary-wasm.ts). Each result is the IEEE float32 operation, which equals the
// JavaScript path's float64 operation rounded to float32 (float64 carries more than twice
// float32's precision, so the second rounding never changes +, −, ×, ÷), so both backends give
// the same bits.

const ADD = 0;
const SUB = 1;
const MUL = 2;

function op4(op: i32, x: v128, y: v128): v128 {
  if (op === ADD) return f32x4.add(x, y);
  if (op === SUB) return f32x4.sub(x, y);
  if (op === MUL) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}

function op1(op: i32, x: f32, y: f32): f32 {
  if (op === ADD) return x + y;
  if (op === SUB) return x - y;
  if (op === MUL) return x * y;
  return x / y;
}

/**
 * out[r·n + j] = a[r·as1 + j·as0] op b[r·bs1 + j·bs0] for r < m, j < n, with the inner
 * strides as0, bs0 each 0 (broadcast) or 1 (contiguous); strides count elements, addresses
 * are bytes; op: 0 add, 1 sub, 2 mul, 3 div.
 */
export function binary2d(
  op: i32,
  out: usize,
  m: i32,
  n: i32,
  a: usize,
  as1: i32,
  as0: i32,
  b: usize,
  bs1: i32,
  bs0: i32,
): void {
  const n4 = n & ~3;
  let o = out;
  for (let r = 0; r < m; r++) {
    const pa = a + ((<usize>(r * as1)) << 2);
    const pb = b + ((<usize>(r * bs1)) << 2);
    const av = v128.load32_splat(pa);
    const bv = v128.load32_splat(pb);
    for (let j = 0; j < n4; j += 4) {
      const off = (<usize>j) << 2;
      const x = as0 === 0 ? av : v128.load(pa + off);
      const y = bs0 === 0 ? bv : v128.load(pb + off);
      v128.store(o + off, op4(op, x, y));
    }
    for (let j = n4; j < n; j++) {
      const x = load<f32>(pa + ((<usize>(j * as0)) << 2));
      const y = load<f32>(pb + ((<usize>(j * bs0)) << 2));
      store<f32>(o + ((<usize>j) << 2), op1(op, x, y));
    }
    o += (<usize>n) << 2;
  }
}
