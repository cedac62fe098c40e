// maskedSelect: the elements where a bool mask is true, as a 1-D tensor in row-major order
// (torch.masked_select). The mask and the input broadcast together; built on expand, nonzero
// and indexSelect, so the gradient scatters back to where each element came from (summed over
// the dims the input was broadcast along).
import { checkTensor } from "../args.js";
import { DTypeError } from "../errors.js";
import { installMethods } from "../methods.js";
import { broadcastShapes } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { nonzero } from "./nonzero.js";
import "./indexing.js";
import "./views.js";

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The elements where `mask` (bool, broadcast with this tensor) is true, as a 1-D tensor in
     * row-major order (torch.masked_select); the gradient flows back to the selected elements.
     */
    maskedSelect(mask: Tensor): Tensor;
  }
}

export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  checkTensor("maskedSelect", "mask", mask);
  if (mask.dtype !== "bool") {
    throw new DTypeError(`maskedSelect: expected mask to be a bool tensor, got ${mask.dtype}`);
  }
  const shape = broadcastShapes("maskedSelect", x.shape, mask.shape);
  const where = nonzero(mask.expand(shape).reshape([-1])).view(-1);
  return x.expand(shape).reshape([-1]).indexSelect(0, where);
}

installMethods({
  maskedSelect(mask) {
    return maskedSelect(this, mask);
  },
});
