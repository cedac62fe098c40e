/**
 * Grad mode: while enabled (the default), ops on tensors that require grad record a graph.
 * `noGrad(fn)` runs fn without recording (parameter updates, evaluation), `enableGrad(fn)`
 * turns recording back on inside it. Both are synchronous, like PyTorch's context managers.
 */
import { checkBoolean, checkFunction, ValueError } from "@tsgrad/tensor";

let enabled = true;

/** Whether ops currently record the autograd graph (`torch.is_grad_enabled`); false inside {@link noGrad}. */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Turns graph recording on or off globally (`torch.set_grad_enabled` as a function); prefer
 * {@link noGrad} / {@link enableGrad}, which restore the previous mode. Throws a `ValueError` for
 * a value that is not a boolean.
 */
export function setGradEnabled(on: boolean): void {
  // A truthy string or 1 would otherwise switch recording on or off by accident.
  checkBoolean("setGradEnabled", "on", on);
  enabled = on;
}

function withMode<T>(on: boolean, name: string, fn: () => T): T {
  checkFunction(name, "fn", fn);
  const prev = enabled;
  enabled = on;
  try {
    const out = fn();
    if (out instanceof Promise) {
      throw new ValueError(
        `${name}: fn returned a Promise; grad mode applies to synchronous code only. Await outside and wrap each synchronous step instead.`,
      );
    }
    return out;
  } finally {
    enabled = prev;
  }
}

/**
 * Runs `fn` without recording gradients and returns its result, like PyTorch's
 * `with torch.no_grad():`. `fn` must be synchronous: one returning a Promise is a
 * `ValueError`.
 *
 * @example
 * ```ts
 * const x = tensor([1, 2], { requiresGrad: true });
 * const y = noGrad(() => x.mul(2));
 * y.requiresGrad; // false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, "noGrad", fn);
}

/**
 * Runs `fn` with gradient recording on (inside a `noGrad`) and returns its result, like
 * `torch.enable_grad`; synchronous only, as {@link noGrad}.
 */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, "enableGrad", fn);
}
