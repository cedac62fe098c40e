/**
 * Grad mode: while enabled (the default), ops on tensors that require grad record a graph.
 * `noGrad(fn)` runs fn without recording (parameter updates, evaluation), `enableGrad(fn)`
 * turns recording back on inside it. Both are synchronous, like PyTorch's context managers.
 */
import { checkBoolean, checkFunction, ValueError } from "@tsgrad/tensor";

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

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

/** Runs `fn` without recording gradients and returns its result. */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, "noGrad", fn);
}

/** Runs `fn` with gradient recording on (inside a `noGrad`). */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, "enableGrad", fn);
}
