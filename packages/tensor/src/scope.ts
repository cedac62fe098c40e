/**
 * `tidy(fn)`: an opt-in scope that disposes the tensors `fn` creates, except what it returns
 * (or `keep()`s), and lends their memory to the next tensors of the same size (pool.ts).
 *
 * Nothing needs it: tensors are garbage-collected as always, and forgetting `tidy` never
 * leaks. It is for loops that create the same big tensors again and again (a training step, a
 * benchmark): a fresh 800 KB result costs zeroing and page faults that cost as much as the
 * product that fills it, and JavaScript cannot learn synchronously that a result died.
 *
 * Using a disposed tensor throws (dispatch.ts), so a mistake cannot read recycled memory
 * through tensor ops. Never disposed: returned tensors (they move to the enclosing scope),
 * `keep()`s, and leaves that require grad (parameters, whichever scope made them).
 */
import { allocate, type DType, type TypedArray } from "./dtype.js";
import { fmtShape, fmtValue, ValueError } from "./errors.js";
import { give, take, unpool } from "./pool.js";
import type { Tensor } from "./tensor.js";

interface Scope {
  /** Tensors created in this scope (or returned into it by an inner one). */
  tensors: Tensor[];
  /** Arrays lent to them by the pool, with their dtype. */
  storages: { dtype: DType; array: TypedArray }[];
  parent: Scope | null;
}

let top: Scope | null = null;

/** Whether a scope is open (tensors created now are tracked). */
export function inTidy(): boolean {
  return top !== null;
}

/** Called by the Tensor constructor: the open scope tracks the new tensor. */
export function track(t: Tensor): void {
  if (top !== null) top.tensors.push(t);
}

/**
 * Storage for a tensor being created: lent by the pool inside a scope, else a new array. Not
 * `zeroed` means the caller writes every element.
 */
export function allocateStorage(dtype: DType, n: number, zeroed: boolean): TypedArray {
  if (top === null || n === 0) return allocate(dtype, n);
  const array = take(dtype, n, zeroed);
  top.storages.push({ dtype, array });
  return array;
}

/**
 * Runs `fn` and disposes every tensor it created that is not in its result (a tensor, or arrays
 * and plain objects holding tensors), not kept and not a leaf that requires grad. Their memory
 * is reused by the tensors created next, in this scope's parent or a later scope. Tensors
 * returned from an inner tidy belong to the outer one. An exception still disposes.
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== "function") {
    throw new ValueError(`tidy: expected a function, got ${fn === null ? "null" : typeof fn}`);
  }
  const scope: Scope = { tensors: [], storages: [], parent: top };
  top = scope;
  let result: T;
  try {
    result = fn();
  } catch (e) {
    top = scope.parent;
    end(scope, new Set());
    throw e;
  }
  top = scope.parent;
  if (typeof (result as { then?: unknown } | null)?.then === "function") {
    end(scope, new Set());
    throw new ValueError(
      "tidy: fn returned a Promise; a scope cannot span an await (its tensors would be disposed while the async code still uses them)",
    );
  }
  end(scope, tensorsIn(result));
  return result;
}

/** Exempts `t` from disposal by every enclosing tidy (and later ones); returns it. */
export function keep<T extends Tensor>(t: T): T {
  // Tensor is only a type here (tensor.ts imports this file): a tensor is what has `kept`.
  if (typeof t !== "object" || t === null || typeof t.kept !== "boolean") {
    throw new ValueError(`keep: t must be a tensor, got ${fmtValue(t)}`);
  }
  if (t.isDisposed) throw disposedError("keep", t);
  t.kept = true;
  return t;
}

function survives(t: Tensor, returned: ReadonlySet<Tensor>): boolean {
  return t.kept || returned.has(t) || (t.requiresGrad && t.gradFn === null);
}

function end(scope: Scope, returned: ReadonlySet<Tensor>): void {
  const parent = scope.parent;
  // Storage that a surviving tensor still uses, with those tensors.
  const held = new Map<TypedArray, Tensor[]>();
  for (const t of scope.tensors) {
    if (t.isDisposed) continue;
    if (!survives(t, returned)) {
      t.dispose();
      continue;
    }
    if (parent !== null) parent.tensors.push(t);
    const users = held.get(t.storage);
    if (users === undefined) held.set(t.storage, [t]);
    else users.push(t);
  }
  for (const s of scope.storages) {
    const users = held.get(s.array);
    if (users === undefined) give(s.dtype, s.array);
    else if (parent !== null) parent.storages.push(s);
    else {
      // Out of every scope: arena memory is swapped for an ordinary array (pool.ts).
      const moved = unpool(s.dtype, s.array);
      if (moved !== s.array) for (const t of users) t.moveStorage(moved);
    }
  }
}

/** The tensors in a tidy result: a tensor, or arrays and plain objects holding tensors. */
function tensorsIn(result: unknown): Set<Tensor> {
  const found = new Set<Tensor>();
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (isTensor(v)) found.add(v);
    else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v)) visit(x);
  };
  visit(result);
  return found;
}

// Duck-typed: scope.ts is below tensor.ts, which imports it.
function isTensor(v: object): v is Tensor {
  return typeof (v as { moveStorage?: unknown }).moveStorage === "function" && "nd" in v;
}

/** The error for using a disposed tensor: which op, which argument, its shape. */
export function disposedError(op: string, t: Tensor, arg?: number): ValueError {
  const which = arg === undefined ? "its tensor" : `tensor argument ${arg}`;
  return new ValueError(
    `${op}: ${which} (shape ${fmtShape(t.shape)}) was disposed by tidy() or dispose(); return it from tidy() or keep() it to use it afterwards`,
  );
}
