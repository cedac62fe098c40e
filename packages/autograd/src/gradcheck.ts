// Finite-difference gradient checking in float64, like torch.autograd.gradcheck.
import {
  argError,
  checkFinite,
  checkFunction,
  checkOptions,
  checkTensors,
  fmtShape,
  fmtValue,
  fromTypedArray,
  Tensor,
  TsgradError,
} from "@tsgrad/tensor";
import { noGrad } from "./grad-mode.js";

/** Options of {@link gradcheck}: the step and tolerances of `torch.autograd.gradcheck`. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5): passes where |analytic − numerical| ≤ atol + rtol·|numerical|. */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
}

/**
 * Thrown by {@link gradcheck} when an analytic gradient differs from the finite difference
 * (naming the input, the element and both values), or when its inputs cannot be checked.
 */
export class GradcheckError extends TsgradError {
  override name = "GradcheckError";
}

/** One scalar per output element, summed with fixed pseudo-random weights, as the loss. */
function weightsFor(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 + ((i * 7919) % 13) / 13;
  return w;
}

function flatValues(t: Tensor): Float64Array {
  return Float64Array.from(t.toTypedArray());
}

/**
 * Compares the analytic gradient of `fn` with central finite differences, for every input that
 * requires grad (float64 tensors). `fn` may return any shape: its output is reduced by a fixed
 * random weighting, which checks the full vector-Jacobian product. Returns true or throws a
 * GradcheckError naming the input, the element and both values; like
 * `torch.autograd.gradcheck` with `raise_exception=True`. Inputs that require grad must be
 * float64 and contiguous (a GradcheckError otherwise).
 *
 * @example
 * ```ts
 * const x = randn([3, 4], { dtype: "float64", requiresGrad: true });
 * const w = randn([4, 2], { dtype: "float64", requiresGrad: true });
 * gradcheck((a, b) => a.matmul(b).tanh(), [x, w]); // true
 * ```
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): true {
  checkFunction("gradcheck", "fn", fn);
  checkTensors("gradcheck", "inputs", inputs);
  if (options instanceof Tensor) throw argError("gradcheck", "options", "an object of options", options);
  checkOptions("gradcheck", "options", options, ["eps", "atol", "rtol"]);
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  // A zero or NaN step or tolerance would make every comparison fail (or pass) meaninglessly.
  if (!(typeof eps === "number" && eps > 0 && Number.isFinite(eps))) {
    throw argError("gradcheck", "eps", "a finite number > 0", eps);
  }
  checkFinite("gradcheck", "atol", atol, 0);
  checkFinite("gradcheck", "rtol", rtol, 0);
  const checked = inputs.filter((t) => t.requiresGrad);
  if (checked.length === 0) throw new GradcheckError("gradcheck: no input requires grad");
  for (const t of checked) {
    if (t.dtype !== "float64")
      throw new GradcheckError(
        `gradcheck: inputs must be float64 for precision, got ${t.dtype} ${fmtShape(t.shape)}`,
      );
    if (!t.isContiguous())
      throw new GradcheckError(`gradcheck: inputs must be contiguous leaves (shape ${fmtShape(t.shape)})`);
  }
  const out0: unknown = fn(...inputs);
  if (!(out0 instanceof Tensor)) {
    throw new GradcheckError(`gradcheck: fn must return a tensor, got ${fmtValue(out0)}`);
  }
  const w = weightsFor(out0.numel());
  const weighted = (out: Tensor): number => {
    const v = flatValues(out);
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * w[i]!;
    return s;
  };
  // Analytic gradients via backward, without disturbing what the inputs' .grad held before.
  const before = checked.map((t) => t.grad);
  for (const t of checked) t.grad = null;
  out0.backward(fromTypedArray(w, out0.shape).to(out0.dtype));
  const analyticGrads = checked.map((t) =>
    t.grad === null ? new Float64Array(t.numel()) : flatValues(t.grad),
  );
  checked.forEach((t, k) => {
    t.grad = before[k] ?? null;
  });
  checked.forEach((t, k) => {
    const analytic = analyticGrads[k]!;
    const data = t.storage;
    for (let i = 0; i < t.numel(); i++) {
      const at = t.offset + i;
      const orig = data[at]!;
      data[at] = orig + eps;
      const fp = noGrad(() => weighted(fn(...inputs)));
      data[at] = orig - eps;
      const fm = noGrad(() => weighted(fn(...inputs)));
      data[at] = orig;
      const numeric = (fp - fm) / (2 * eps);
      const a = analytic[i]!;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        throw new GradcheckError(
          `gradcheck: Jacobian mismatch for input ${k} (shape ${fmtShape(t.shape)}) at element ${i}: analytic ${a}, numerical ${numeric}`,
        );
      }
    }
  });
  return true;
}
