// The fused softmax cross-entropy behind @tsgrad/losses' crossEntropy for [N, C] logits and
// class indices: one pass forward, (softmax − onehot)·g backward, both dispatched ops.
import { argError, checkChoice, checkInt, checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { isFloating } from "../dtype.js";
import { fmtShape, ShapeError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import {
  type CrossEntropyAttrs,
  crossEntropyBackward,
  crossEntropyForward,
  type SoftmaxRowsFn,
} from "../kernels/cross-entropy.js";
import { softmaxRows, softmaxRowsWasm } from "../kernels/softmax-rows.js";
import type { Kernel, OpAttrs } from "../op.js";
import { defineOp } from "../op.js";
import { checkOptions } from "../options.js";
import type { Tensor } from "../tensor.js";

declare module "../op.js" {
  interface OpAttrs {
    softmaxCrossEntropy: CrossEntropyAttrs;
    softmaxCrossEntropyBackward: CrossEntropyAttrs;
  }
}

const backwardOp = defineOp({
  name: "softmaxCrossEntropyBackward",
  inputs: ["input", "target", "grad"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: null,
});

const forwardOp = defineOp({
  name: "softmaxCrossEntropy",
  inputs: ["input", "target"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const [x, target] = c.save(c.inputs[0]!, c.inputs[1]!);
    const attrs = c.attrs;
    return (g) => [c.needs[0] ? dispatch(backwardOp, [x, target, g], attrs) : null, null];
  },
});

const rowsJs: SoftmaxRowsFn = (x, xo, rows, c, probs, po, shift) => {
  softmaxRows(x, xo, rows, c, probs, po, shift);
  return true;
};

const rowsWasm: SoftmaxRowsFn = (x, xo, rows, c, probs, po, shift) =>
  softmaxRowsWasm(x as Float32Array, xo, rows, c, probs as Float32Array, po, shift);

function kernels<N extends "softmaxCrossEntropy" | "softmaxCrossEntropyBackward">(
  name: N,
  run: (rows: SoftmaxRowsFn, inputs: readonly Tensor[], attrs: OpAttrs[N]) => Tensor | null,
): void {
  const js: Kernel<OpAttrs[N]> = {
    backend: "js",
    name: `js-${name}`,
    accepts: () => true,
    run: (c) => run(rowsJs, c.inputs, c.attrs),
  };
  const wasm: Kernel<OpAttrs[N]> = {
    backend: "wasm",
    name: `wasm-${name}`,
    accepts: (c) => c.inputs[0]!.dtype === "float32",
    run: (c) => run(rowsWasm, c.inputs, c.attrs),
  };
  registerKernel<N>(name, js);
  registerKernel<N>(name, wasm);
}
kernels("softmaxCrossEntropy", (rows, [x, t], a) => crossEntropyForward(rows, x!, t!, a));
kernels("softmaxCrossEntropyBackward", (rows, [x, t, g], a) => crossEntropyBackward(rows, x!, t!, g!, a));

export type { CrossEntropyAttrs };

/**
 * Cross-entropy of [N, C] float logits against int32 class indices [N] (shapes and dtypes
 * checked by the caller, @tsgrad/losses' crossEntropy; targets are range-checked here), fused:
 * logits of ±1000 give finite losses and gradients. 'mean' divides by the rows whose target is
 * not `ignoreIndex`. The kernel behind `torch.nn.functional.cross_entropy`'s common case; use
 * `crossEntropy` from @tsgrad/losses, which checks its arguments.
 */
export function softmaxCrossEntropy(input: Tensor, target: Tensor, attrs: CrossEntropyAttrs): Tensor {
  const op = "softmaxCrossEntropy";
  checkTensor(op, "input", input);
  checkTensor(op, "target", target);
  if (input.ndim !== 2 || !isFloating(input.dtype)) {
    throw new ShapeError(
      `${op}: input must be a 2-D float tensor [N, C], got ${input.dtype} ${fmtShape(input.shape)}`,
    );
  }
  if (target.dtype !== "int32" || target.ndim !== 1 || target.shape[0] !== input.shape[0]) {
    throw new ShapeError(
      `${op}: target must be a 1-D int32 tensor of ${input.shape[0]} class indices, got ${target.dtype} ${fmtShape(target.shape)}`,
    );
  }
  if (attrs === undefined) throw argError(op, "attrs", "an object { reduction, ignoreIndex }", attrs);
  checkOptions(op, "attrs", attrs, ["reduction", "ignoreIndex"]);
  checkChoice(op, "reduction", attrs.reduction, ["none", "mean", "sum"]);
  checkInt(op, "ignoreIndex", attrs.ignoreIndex);
  return dispatch(forwardOp, [input.contiguous(), target], attrs);
}
