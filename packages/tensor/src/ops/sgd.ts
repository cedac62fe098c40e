// The SGD update as one in-place op on a parameter's storage (torch.optim.SGD's step for one
// parameter), so optimizers compute through dispatch like every op. Not differentiable.
import { argError, checkBoolean, checkFinite, checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { subScaledWasm } from "../kernels/sub-scaled.js";
import { WASM_MIN_ELEMENTS } from "../kernels/thresholds.js";
import { defineOp } from "../op.js";
import { checkOptions } from "../options.js";
import type { Tensor } from "../tensor.js";

/** torch.optim.SGD's hyper-parameters for one step, and whether the momentum buffer is new. */
export interface SgdStepAttrs {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
  /** The momentum buffer was just created: it receives the (decayed) gradient, undampened. */
  readonly firstStep: boolean;
}

declare module "../op.js" {
  interface OpAttrs {
    sgdStep_: SgdStepAttrs;
  }
}

const sgdStepOp = defineOp({
  name: "sgdStep_",
  inputs: ["param", "grad", "momentumBuffer..."],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: null,
  inplace: true,
});

registerKernel("sgdStep_", {
  backend: "js",
  name: "js-sgd-step",
  accepts: () => true,
  run(c) {
    const [p, grad, buf] = c.inputs as [Tensor, Tensor, Tensor | undefined];
    const { lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep } = c.attrs;
    const n = p.numel();
    const P = p.storage;
    const po = p.offset;
    const G = grad.storage;
    const go = grad.offset;
    const sign = maximize ? -1 : 1;
    if (buf === undefined) {
      // Written as `w - lr * g` so that it gives the wasm kernel's bits (asm/axpy.ts).
      if (weightDecay === 0) for (let i = 0; i < n; i++) P[po + i] = P[po + i]! - sign * lr * G[go + i]!;
      else
        for (let i = 0; i < n; i++) {
          const w = P[po + i]!;
          P[po + i] = w - lr * (sign * G[go + i]! + weightDecay * w);
        }
      return p;
    }
    const B = buf.storage;
    const bo = buf.offset;
    const keep = 1 - dampening;
    for (let i = 0; i < n; i++) {
      const w = P[po + i]!;
      const d = weightDecay === 0 ? sign * G[go + i]! : sign * G[go + i]! + weightDecay * w;
      B[bo + i] = firstStep ? d : momentum * B[bo + i]! + keep * d;
      const b = B[bo + i]!;
      P[po + i] = w - lr * (nesterov ? d + momentum * b : b);
    }
    // The buffer is written too: autograd's saved-tensor checks see it (dispatch bumps p's).
    buf.version++;
    return p;
  },
});

registerKernel("sgdStep_", {
  backend: "wasm",
  name: "wasm-sgd-step",
  // Plain SGD on float32: y ← y − α·x on wasm SIMD (asm/axpy.ts), the same bits as the JS loop.
  accepts: (c) =>
    c.inputs.length === 2 &&
    c.attrs.weightDecay === 0 &&
    c.inputs[0]!.dtype === "float32" &&
    c.inputs[0]!.numel() >= WASM_MIN_ELEMENTS,
  run(c) {
    const [p, grad] = c.inputs as [Tensor, Tensor];
    const alpha = (c.attrs.maximize ? -1 : 1) * c.attrs.lr;
    const ok = subScaledWasm(
      p.storage as Float32Array,
      p.offset,
      grad.storage as Float32Array,
      grad.offset,
      p.numel(),
      alpha,
    );
    return ok ? p : null;
  },
});

const SGD_NUMBERS = ["lr", "momentum", "dampening", "weightDecay"] as const;
const SGD_FLAGS = ["nesterov", "maximize", "firstStep"] as const;

function checkSgdAttrs(attrs: SgdStepAttrs): void {
  if (attrs === undefined) throw argError("sgdStep", "attrs", "an object of hyperparameters", attrs);
  checkOptions("sgdStep", "attrs", attrs, [...SGD_NUMBERS, ...SGD_FLAGS]);
  for (const k of SGD_NUMBERS) checkFinite("sgdStep", k, attrs[k]);
  for (const k of SGD_FLAGS) checkBoolean("sgdStep", k, attrs[k]);
}

/**
 * One SGD step of `param` (in place) from `grad`, with `momentumBuffer` when momentum is used:
 * exactly torch.optim.SGD's update for one parameter. param, grad and the buffer must be
 * contiguous float tensors of one dtype and size (optimizers fall back to tensor ops otherwise).
 */
export function sgdStep(
  param: Tensor,
  grad: Tensor,
  momentumBuffer: Tensor | null,
  attrs: SgdStepAttrs,
): void {
  checkTensor("sgdStep", "param", param);
  checkTensor("sgdStep", "grad", grad);
  if (momentumBuffer !== null) checkTensor("sgdStep", "momentumBuffer", momentumBuffer);
  checkSgdAttrs(attrs);
  for (const [name, t] of [
    ["grad", grad],
    ["momentumBuffer", momentumBuffer],
  ] as const) {
    if (t !== null && (t.dtype !== param.dtype || t.numel() !== param.numel() || !t.isContiguous())) {
      throw new ValueError(
        `sgdStep: ${name} must be a contiguous ${param.dtype} tensor of ${param.numel()} elements like param`,
      );
    }
  }
  if (!param.isContiguous()) throw new ValueError("sgdStep: param must be contiguous");
  dispatch(sgdStepOp, momentumBuffer === null ? [param, grad] : [param, grad, momentumBuffer], attrs);
}
