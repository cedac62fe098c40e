import { checkInt, checkTensor, fmtValue, IndexError, type Tensor, ValueError } from "@tsgrad/tensor";
import { Module } from "./module.js";

/**
 * Modules applied in order, `torch.nn.Sequential`: `forward(x)` passes x through each module
 * in turn. Indexable (`net.at(0)`, `net.at(-1)`; also `net[0]`) and iterable; its submodules
 * are named "0", "1", ... like PyTorch's. Throws a `ValueError` for an argument that is not a
 * Module (pass the modules as separate arguments, not as an array).
 *
 * @example
 * ```ts
 * const net = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));
 * net.call(randn([2, 1, 28, 28])).shape; // [2, 10]
 * net.at(-1); // the last Linear
 * ```
 */
export class Sequential extends Module {
  readonly [index: number]: Module;

  /** The modules in order (kept apart from the indexed properties so forward needs no lookup). */
  readonly #layers: readonly Module[];

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) {
        // An array is the likely slip: PyTorch's Sequential takes the modules as arguments too.
        const hint = Array.isArray(m)
          ? "; pass the modules as separate arguments: new Sequential(...layers)"
          : "";
        throw new ValueError(`Sequential: modules[${i}] must be a Module, got ${fmtValue(m)}${hint}`);
      }
      Object.defineProperty(this, String(i), { value: m, enumerable: true, writable: false });
    });
    this.#layers = modules;
  }

  get length(): number {
    return this.#layers.length;
  }

  /**
   * The module at `index`; negative indices count from the end, as in PyTorch
   * (`net.at(-1)` is the last). Throws an `IndexError` out of range.
   */
  at(index: number): Module {
    checkInt("Sequential.at", "index", index);
    const n = this.length;
    const i = index < 0 ? index + n : index;
    const m = i >= 0 && i < n ? this[i] : undefined;
    if (m === undefined) throw new IndexError(`Sequential: index ${index} is out of range for ${n} modules`);
    return m;
  }

  /** Iterates over the modules in order (`for (const m of net)`). */
  *[Symbol.iterator](): Iterator<Module> {
    yield* this.children();
  }

  forward(x: Tensor): Tensor {
    checkTensor("Sequential.forward", "input", x);
    let out = x;
    for (const m of this.#layers) out = m.forward(out);
    return out;
  }
}
