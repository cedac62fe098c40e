// repeat: the tensor tiled `sizes[i]` times along each dim (torch.Tensor.repeat), as PyTorch
// builds it: a [r0, s0, r1, s1, ...] broadcast view (no copy), one contiguous copy (always a
// copy, as PyTorch's, even when every size is 1), and a view to [r0·s0, r1·s1, ...]. Its
// gradient is expand's: the copies summed back by the engine.
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { installMethods } from "../methods.js";
import { numelOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { clone } from "./convert.js";
import { expand, shapeArgs, view } from "./views.js";

declare module "../tensor.js" {
  interface Tensor {
    /** The tensor tiled `sizes[i]` times along dim i; extra leading sizes add dims (a copy). */
    repeat(...sizes: number[]): Tensor;
    /** `repeat` with the sizes as one array: `x.repeat([2, 3])`. */
    repeat(sizes: readonly number[]): Tensor;
  }
}

/** Elements a typed array can hold (2³¹ − 1 in V8): a bigger result is refused by name. */
const MAX_NUMEL = 2 ** 31 - 1;

export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new ShapeError(
      `repeat: number of dimensions of repeat dims (${sizes.length}) can not be smaller than number of dimensions of tensor (${x.ndim}, shape ${fmtShape(x.shape)})`,
    );
  }
  if (!sizes.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw new ValueError(`repeat: sizes must be integers >= 0, got ${fmtShape(sizes)}`);
  }
  // x's shape with leading 1s up to the number of sizes.
  const padded = [...new Array<number>(sizes.length - x.ndim).fill(1), ...x.shape];
  const out = padded.map((s, i) => s * sizes[i]!);
  if (numelOf(out) > MAX_NUMEL) {
    throw new ValueError(
      `repeat: the result of shape ${fmtShape(out)} (${numelOf(out)} elements) is too large to allocate`,
    );
  }
  const interleaved = padded.flatMap((s) => [1, s]);
  const tiled = padded.flatMap((s, i) => [sizes[i]!, s]);
  return view(clone(expand(view(x, interleaved, "repeat"), tiled)), out, "repeat");
}

installMethods({
  repeat(...sizes: (number | readonly number[])[]) {
    return repeat(this, shapeArgs("repeat", sizes));
  },
});
