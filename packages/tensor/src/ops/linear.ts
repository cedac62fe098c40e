// The fused linear layer, y = x @ W.T + b with W stored [out, in] like PyTorch
// (torch.nn.functional.linear); its kernels are kernels/matmul.ts's.
import { checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, ShapeError } from "../errors.js";
import { defineOp } from "../op.js";
import type { Tensor } from "../tensor.js";

/**
 * linear's attribute: whether a bias is among its inputs.
 *
 * @inline
 */
interface LinearAttrs {
  readonly hasBias: boolean;
}

declare module "../op.js" {
  interface OpAttrs {
    linear: LinearAttrs;
  }
}

const linearOp = defineOp({
  name: "linear",
  inputs: ["input", "weight", "bias"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    // dx = g @ W, dW = g.T @ x, db = sum of g over rows; the products run on views ([rows, in]
    // and g's transpose), so nothing is copied.
    const [x, w] = c.save(c.inputs[0]!, c.inputs[1]!);
    const inF = w.shape[1]!;
    const out = w.shape[0]!;
    return (g) => {
      const g2 = g.reshape(-1, out);
      return [
        c.needs[0] ? g2.matmul(w).reshape(x.shape) : null,
        c.needs[1] ? g2.t().matmul(x.reshape(-1, inF)) : null,
        c.needs[2] ? g2.sum(0) : null,
      ];
    };
  },
});

export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkTensor("linear", "weight", weight);
  if (bias !== null) checkTensor("linear", "bias", bias);
  if (weight.ndim !== 2)
    throw new ShapeError(`linear: weight must be 2-D [out, in], got shape ${fmtShape(weight.shape)}`);
  const [out, inF] = weight.shape as [number, number];
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
    throw new ShapeError(
      `linear: input shape ${fmtShape(x.shape)} cannot be multiplied with weight shape ${fmtShape(weight.shape)} (the last dim of the input must be ${inF})`,
    );
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== out)) {
    throw new ShapeError(`linear: bias must have shape [${out}], got ${fmtShape(bias.shape)}`);
  }
  for (const [name, t] of [
    ["weight", weight],
    ["bias", bias],
  ] as const) {
    if (t !== null && t.dtype !== x.dtype) {
      throw new DTypeError(
        `linear: expected input and ${name} to have the same dtype, but got ${x.dtype} and ${t.dtype}`,
      );
    }
  }
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return dispatch(linearOp, inputs, { hasBias: bias !== null });
}
