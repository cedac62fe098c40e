// pad: torch.nn.functional.pad in "constant" mode, built on narrow (negative pads crop) and cat
// with filled blocks, so the gradient is theirs: the input's part of the output's gradient.
import { argError } from "../args.js";
import { full } from "../create.js";
import { fmtShape, fmtValue, ShapeError, ValueError } from "../errors.js";
import { installMethods } from "../methods.js";
import { checkOptions } from "../options.js";
import { numelOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { cat } from "./join.js";
import "./views.js";

/** pad's options, as torch.nn.functional.pad's keyword arguments. */
export interface PadOptions {
  /** Only `"constant"` (the default); PyTorch's reflect, replicate and circular are not implemented. */
  mode?: "constant";
  /** The value of the padding (default 0), cast to the input's dtype. */
  value?: number;
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A copy padded with `value`, as `torch.nn.functional.pad`: `pad` lists (before, after)
     * pairs starting from the last dim, `[left, right, top, bottom]` for the last two; a
     * negative pad crops. Only `mode: "constant"`.
     */
    pad(pad: readonly number[], options?: PadOptions): Tensor;
  }
}

const MAX_NUMEL = 2 ** 31 - 1;

export function pad(x: Tensor, pads: readonly number[], options?: PadOptions): Tensor {
  if (!Array.isArray(pads) || !pads.every((p) => Number.isSafeInteger(p))) {
    throw argError("pad", "pad", "an array of integers", pads);
  }
  checkOptions("pad", "options", options, ["mode", "value"]);
  const mode = options?.mode ?? "constant";
  if (mode !== "constant") {
    throw new ValueError(`pad: mode ${fmtValue(mode)} is not implemented; only "constant" is supported`);
  }
  const value = options?.value ?? 0;
  if (typeof value !== "number") throw argError("pad", "value", "a number", value);
  if (pads.length % 2 !== 0) {
    throw new ValueError(
      `pad: padding length must be divisible by 2, got ${pads.length} (pad ${fmtShape(pads)})`,
    );
  }
  if (pads.length / 2 > x.ndim) {
    throw new ValueError(
      `pad: padding length too large: ${pads.length} values pad ${pads.length / 2} dims of an input of shape ${fmtShape(x.shape)}`,
    );
  }
  const shape = [...x.shape];
  for (let k = 0; k < pads.length / 2; k++) shape[x.ndim - 1 - k]! += pads[2 * k]! + pads[2 * k + 1]!;
  if (shape.every((n) => n >= 0) && numelOf(shape) > MAX_NUMEL) {
    throw new ValueError(
      `pad: the result of shape ${fmtShape(shape)} (${numelOf(shape)} elements) is too large to allocate`,
    );
  }
  const fill = x.dtype === "bool" ? value !== 0 : value;
  let out = x;
  for (let k = 0; k < pads.length / 2; k++) {
    const dim = x.ndim - 1 - k;
    const before = pads[2 * k]!;
    const after = pads[2 * k + 1]!;
    const size = out.shape[dim]!;
    if (size + before + after < 0 || Math.max(-before, 0) + Math.max(-after, 0) > size) {
      throw new ShapeError(
        `pad: the padded size of dim ${dim} would be negative, or it crops more than the dim holds (${size} + ${before} + ${after}) for an input of shape ${fmtShape(x.shape)}`,
      );
    }
    // Crop first (negative pads), then add the blocks.
    const start = Math.max(-before, 0);
    const end = size - Math.max(-after, 0);
    if (start > 0 || end < size) out = out.narrow(dim, start, end - start);
    const parts: Tensor[] = [];
    const block = (n: number) =>
      full(
        out.shape.map((s, d) => (d === dim ? n : s)),
        fill,
        { dtype: x.dtype },
      );
    if (before > 0) parts.push(block(before));
    parts.push(out);
    if (after > 0) parts.push(block(after));
    if (parts.length > 1) out = cat(parts, dim);
  }
  return out === x ? x.clone() : out;
}

installMethods({
  pad(pads, options) {
    return pad(this, pads, options);
  },
});
