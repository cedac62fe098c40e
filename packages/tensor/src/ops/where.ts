// torch.where: `condition ? x : y` elementwise, all three broadcast together.
import { checkTensor, checkTensorLike } from "../args.js";
import { dispatch } from "../dispatch.js";
import { type DType, promoteTypes, promoteWithScalar } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { whereInto } from "../kernels/elementwise-js.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { broadcastShapes } from "../shape.js";
import { empty } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { asTensor } from "./promote.js";

declare module "../op.js" {
  interface OpAttrs {
    where: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** `condition ? this : other`, elementwise with broadcasting (`Tensor.where` in PyTorch). */
    where(condition: Tensor, other: TensorLike): Tensor;
  }
}

const whereOp = defineOp({
  name: "where",
  inputs: ["condition", "self", "other"],
  dtype: (inputs) => promoteTypes(inputs[1]!.dtype, inputs[2]!.dtype),
  grad: (c) => {
    const [cond] = c.save(c.inputs[0]!);
    return (g) => [null, c.needs[1] ? where(cond, g, 0) : null, c.needs[2] ? where(cond, 0, g) : null];
  },
});

registerKernel("where", {
  backend: "js",
  name: "js-where",
  accepts: () => true,
  run(c) {
    const [cond, x, y] = c.inputs as [Tensor, Tensor, Tensor];
    const out = empty(c.def.dtype(c.inputs, c.attrs), broadcastShapes("where", cond.shape, x.shape, y.shape));
    whereInto(out, cond, x, y);
    return out;
  },
});

/** `condition ? x : y` elementwise, all three broadcast together (torch.where). */
export function where(condition: Tensor, x: TensorLike, y: TensorLike): Tensor {
  checkTensor("where", "condition", condition);
  checkTensorLike("where", "input", x);
  checkTensorLike("where", "other", y);
  if (condition.dtype !== "bool") {
    throw new DTypeError(`where: expected condition to be a bool tensor, got ${condition.dtype}`);
  }
  const xt = x instanceof Tensor ? x : null;
  const yt = y instanceof Tensor ? y : null;
  let dtype: DType;
  if (xt && yt) dtype = promoteTypes(xt.dtype, yt.dtype);
  else if (xt) dtype = promoteWithScalar(xt.dtype, y as number);
  else if (yt) dtype = promoteWithScalar(yt.dtype, x as number);
  else dtype = Number.isInteger(x) && Number.isInteger(y) ? "int32" : "float32";
  const a = asTensor(x, dtype);
  const b = asTensor(y, dtype);
  broadcastShapes("where", condition.shape, a.shape, b.shape);
  return dispatch(whereOp, [condition, a, b], {});
}

installMethods({
  where(condition, other) {
    return where(condition, this, other);
  },
});
