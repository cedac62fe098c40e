/**
 * The fused softmax cross-entropy on [N, C] float logits and int32 class indices [N]: forward,
 * each row's log Σ e^(x − max) (through the softmax rows kernel) minus its target's x − max;
 * backward, (softmax − onehot)·g, divided by the number of counted rows for 'mean'. The
 * softmax rows run on `rows`: the float64 JS lanes, or the wasm kernel for float32.
 */
import { IndexError } from "../errors.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

type FloatArray = Float32Array | Float64Array;

/** probs (and, in `shift`, each row's max and log Σ e^(x − max)) of `rows` rows of `c` values at x[xo...]. */
export type SoftmaxRowsFn = (
  x: FloatArray,
  xo: number,
  rows: number,
  c: number,
  probs: FloatArray,
  po: number,
  shift: Float64Array | null,
) => boolean;

/**
 * The attributes of {@link softmaxCrossEntropy}: the reduction and the ignored target index.
 *
 * @inline
 */
export interface CrossEntropyAttrs {
  readonly reduction: "none" | "mean" | "sum";
  readonly ignoreIndex: number;
}

function newLike(like: FloatArray, n: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

export function outOfRange(op: string, t: number, c: number): IndexError {
  return new IndexError(`${op}: target ${t} is out of range for ${c} classes`);
}

/** The loss ([] or [N] for 'none'); null if `rows` could not run. `input` is contiguous. */
export function crossEntropyForward(
  rowsFn: SoftmaxRowsFn,
  input: Tensor,
  target: Tensor,
  a: CrossEntropyAttrs,
): Tensor | null {
  const [n, c] = input.shape as [number, number];
  const x = input.storage as FloatArray;
  const xo = input.offset;
  const probs = newLike(x, n * c);
  const shift = new Float64Array(2 * n);
  if (n > 0 && c > 0 && !rowsFn(x, xo, n, c, probs, 0, shift)) return null;
  const ts = target.storage;
  const to = target.offset;
  const tst = target.strides[0] ?? 1;
  const losses = a.reduction === "none" ? empty(input.dtype, [n]) : null;
  let total = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[to + i * tst]!;
    if (t === a.ignoreIndex) continue;
    if (t < 0 || t >= c) throw outOfRange("crossEntropy", t, c);
    // Not (max + log Σ) − x[t]: with tied logits of 1e30 that is 1e30 − 1e30 = 0, not log 2.
    const li = shift[2 * i + 1]! - (x[xo + i * c + t]! - shift[2 * i]!);
    total += li;
    count++;
    if (losses !== null) losses.storage[i] = li;
  }
  if (losses !== null) return losses;
  const out = empty(input.dtype, []);
  out.storage[0] = a.reduction === "sum" ? total : total / count;
  return out;
}

/** The gradient with respect to the logits for the loss's gradient `grad`; null if `rows` could not run. */
export function crossEntropyBackward(
  rowsFn: SoftmaxRowsFn,
  input: Tensor,
  target: Tensor,
  grad: Tensor,
  a: CrossEntropyAttrs,
): Tensor | null {
  const [n, c] = input.shape as [number, number];
  const out = empty(input.dtype, [n, c]);
  const probs = out.storage as FloatArray;
  // The softmax again (a few µs for a batch), rather than keeping the forward's alive.
  if (n > 0 && c > 0 && !rowsFn(input.storage as FloatArray, input.offset, n, c, probs, 0, null)) return null;
  const ts = target.storage;
  const to = target.offset;
  const tst = target.strides[0] ?? 1;
  let count = 0;
  for (let i = 0; i < n; i++) if (ts[to + i * tst]! !== a.ignoreIndex) count++;
  const gs = grad.storage;
  const go = grad.offset;
  const gst = grad.strides[0] ?? 0;
  const g0 = Number(gs[go]);
  const uniform = a.reduction === "sum" ? g0 : g0 / count;
  for (let i = 0; i < n; i++) {
    const t = ts[to + i * tst]!;
    const row = i * c;
    if (t === a.ignoreIndex) {
      probs.fill(0, row, row + c);
      continue;
    }
    const scale = a.reduction === "none" ? Number(gs[go + i * gst]) : uniform;
    const pt = probs[row + t]!;
    for (let j = 0; j < c; j++) probs[row + j] = probs[row + j]! * scale;
    probs[row + t] = (pt - 1) * scale;
  }
  return out;
}
