// Bilinear resizing like torchvision's Resize on tensors (torch.nn.functional.interpolate,
// mode="bilinear", align_corners=False): half-pixel centres, edges clamped. With antialias (the
// default of torchvision's Resize) a downscale averages over the footprint of each output
// pixel (a triangle filter widened by the scale, as PIL and torch's `_upsample_bilinear2d_aa`
// do); an upscale is the same plain bilinear interpolation either way.
import {
  checkBoolean,
  checkOptions,
  checkTensor,
  DTypeError,
  fmtShape,
  fmtValue,
  fromTypedArray,
  ShapeError,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";

/** The most pixels of one resized plane (and of a whole resized batch): typed array lengths. */
const MAX_PIXELS = 2 ** 31 - 1;

/** For each output index: the first input index, how many follow, and their weights. */
export interface ResampleTable {
  inSize: number;
  outSize: number;
  start: Int32Array;
  count: Int32Array;
  /** `outSize * taps` weights, row `i` for output index `i`. */
  weights: Float32Array;
  taps: number;
}

export function resampleTable(inSize: number, outSize: number, antialias: boolean): ResampleTable {
  const scale = inSize / outSize;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  if (!antialias || scale <= 1) {
    // torch's upsample_bilinear2d: src = scale * (i + 0.5) - 0.5, clamped at 0.
    const weights = new Float32Array(outSize * 2);
    for (let i = 0; i < outSize; i++) {
      const src = Math.max(scale * (i + 0.5) - 0.5, 0);
      const i0 = Math.min(Math.floor(src), inSize - 1);
      const lambda = Math.min(Math.max(src - i0, 0), 1);
      start[i] = i0;
      if (i0 < inSize - 1) {
        count[i] = 2;
        weights[2 * i] = 1 - lambda;
        weights[2 * i + 1] = lambda;
      } else {
        count[i] = 1;
        weights[2 * i] = 1;
      }
    }
    return { inSize, outSize, start, count, weights, taps: 2 };
  }
  // torch's _upsample_bilinear2d_aa for a downscale: support = scale, weights from a triangle
  // filter over the input pixels within the support, normalized to sum to 1.
  const support = scale;
  const taps = Math.ceil(support) * 2 + 1;
  const weights = new Float32Array(outSize * taps);
  const w = new Float64Array(taps);
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xsize = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let j = 0; j < xsize; j++) {
      const x = Math.abs((j + xmin - center + 0.5) / scale);
      w[j] = x < 1 ? 1 - x : 0;
      total += w[j]!;
    }
    start[i] = xmin;
    count[i] = xsize;
    for (let j = 0; j < xsize; j++) weights[i * taps + j] = total === 0 ? 0 : w[j]! / total;
  }
  return { inSize, outSize, start, count, weights, taps };
}

/**
 * Resamples one H×W plane (`src` at `srcOff`) into `dst` at `dstOff` with the row (`rows`)
 * and column (`cols`) tables: columns first into `tmp` (H × outW), then rows.
 */
export function resamplePlane(
  src: ArrayLike<number>,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  rows: ResampleTable,
  cols: ResampleTable,
  tmp: Float32Array,
): void {
  const inW = cols.inSize;
  const outW = cols.outSize;
  for (let r = 0; r < rows.inSize; r++) {
    const rowOff = srcOff + r * inW;
    for (let j = 0; j < outW; j++) {
      const s = cols.start[j]!;
      const wOff = j * cols.taps;
      let acc = 0;
      for (let k = 0, n = cols.count[j]!; k < n; k++) acc += cols.weights[wOff + k]! * src[rowOff + s + k]!;
      tmp[r * outW + j] = acc;
    }
  }
  for (let i = 0; i < rows.outSize; i++) {
    const s = rows.start[i]!;
    const n = rows.count[i]!;
    const wOff = i * rows.taps;
    const o = dstOff + i * outW;
    for (let j = 0; j < outW; j++) dst[o + j] = 0;
    for (let k = 0; k < n; k++) {
      const wk = rows.weights[wOff + k]!;
      const t = (s + k) * outW;
      for (let j = 0; j < outW; j++) dst[o + j] = dst[o + j]! + wk * tmp[t + j]!;
    }
  }
}

/** `[h, w]` from a size option (a number is a square), checked; `arg` names it in errors. */
export function sizePair(
  op: string,
  size: number | readonly [number, number],
  arg = "size",
): [number, number] {
  const pair: readonly unknown[] | null =
    typeof size === "number" ? [size, size] : Array.isArray(size) && size.length === 2 ? size : null;
  if (pair === null || !pair.every((v) => Number.isSafeInteger(v) && (v as number) > 0)) {
    throw new ValueError(`${op}: ${arg} must be a positive integer or a pair of them, got ${fmtValue(size)}`);
  }
  const [h, w] = pair as [number, number];
  if (h * w > MAX_PIXELS) {
    throw new ValueError(
      `${op}: ${arg} ${fmtValue(size)} is too large: ${h * w} pixels, more than ${MAX_PIXELS}`,
    );
  }
  return [h, w];
}

/** Options of `resize` (torchvision `Resize`'s keyword arguments). */
export interface ResizeOptions {
  /** Average over each output pixel's footprint when downscaling (default true, like torchvision). */
  antialias?: boolean;
}

/**
 * Resizes the last two dimensions of a floating point tensor `[..., H, W]` to `size` (a number
 * for a square, or `[h, w]`) with bilinear interpolation, like torchvision's `Resize` on tensors.
 * Returns a new float32 tensor `[..., h, w]`.
 */
export function resize(
  x: Tensor,
  size: number | readonly [number, number],
  options: ResizeOptions = {},
): Tensor {
  checkTensor("resize", "x", x);
  checkOptions("resize", "options", options, ["antialias"]);
  if (options.antialias !== undefined) checkBoolean("resize", "options.antialias", options.antialias);
  if (x.ndim < 2) {
    throw new ShapeError(
      `resize: expected a tensor of at least 2 dimensions [..., H, W], got shape ${fmtShape(x.shape)}`,
    );
  }
  if (x.dtype !== "float32" && x.dtype !== "float64") {
    throw new DTypeError(`resize: expected a floating point tensor, got ${x.dtype}`);
  }
  const [h, w] = sizePair("resize", size);
  const H = x.shape[x.ndim - 2]!;
  const W = x.shape[x.ndim - 1]!;
  if (H === 0 || W === 0) throw new ShapeError(`resize: input of shape ${fmtShape(x.shape)} is empty`);
  const antialias = options.antialias ?? true;
  const rows = resampleTable(H, h, antialias);
  const cols = resampleTable(W, w, antialias);
  const planes = x.numel() / (H * W);
  if (planes * h * w > MAX_PIXELS) {
    throw new ValueError(
      `resize: the result [${[...x.shape.slice(0, -2), h, w].join(", ")}] is too large: more than ${MAX_PIXELS} elements`,
    );
  }
  const src = x.toTypedArray();
  const out = new Float32Array(planes * h * w);
  const tmp = new Float32Array(H * w);
  for (let p = 0; p < planes; p++) resamplePlane(src, p * H * W, out, p * h * w, rows, cols, tmp);
  return fromTypedArray(out, [...x.shape.slice(0, -2), h, w]);
}
