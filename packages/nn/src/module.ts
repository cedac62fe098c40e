// Module: the base class of layers and models (torch.nn.Module). Parameters and submodules
// are found by walking the module's own properties in definition order, so
// `this.weight = new Parameter(...)` or `this.fc = new Linear(...)` registers them, as
// attribute assignment does in PyTorch.

import { noGrad } from "@tsgrad/autograd";
import {
  argError,
  checkBoolean,
  checkFunction,
  checkString,
  checkTensor,
  fmtShape,
  fmtValue,
  keep,
  Tensor,
  TsgradError,
  ValueError,
} from "@tsgrad/tensor";
import { checkOptionObject } from "./args.js";
import { Parameter } from "./parameter.js";

/**
 * Thrown by {@link Module.loadStateDict} for a state dict that does not fit the module: missing
 * or unexpected keys (with `strict`), shape mismatches, values that are not tensors. The
 * message lists every problem, in PyTorch's wording.
 */
export class StateDictError extends TsgradError {
  override name = "StateDictError";
}

/**
 * What {@link Module.loadStateDict} returns, like PyTorch's `_IncompatibleKeys`: the keys that
 * were missing from the dict and the keys of the dict the module does not have (both empty
 * unless `strict` is false).
 */
export interface LoadStateDictResult {
  /** The module's parameter and buffer names that the dict lacks. */
  missingKeys: string[];
  /** The dict's keys that name no parameter or buffer of the module. */
  unexpectedKeys: string[];
}

/**
 * The base class of layers and models, `torch.nn.Module`. Subclasses define `forward`;
 * parameters and submodules are found by walking the module's own properties in definition
 * order, so `this.weight = new Parameter(...)` or `this.fc = new Linear(...)` registers them, as
 * attribute assignment does in PyTorch (arrays of modules count too, as `name.0`, `name.1`...).
 * Buffers (non-learnable state) are registered with {@link Module.registerBuffer}.
 *
 * The constructor takes no arguments: passing one throws a `ValueError`, as PyTorch's layers
 * without arguments refuse them.
 *
 * @example
 * ```ts
 * class Net extends Module {
 *   fc1 = new Linear(784, 256);
 *   fc2 = new Linear(256, 10);
 *   forward(x: Tensor): Tensor {
 *     return this.fc2.forward(this.fc1.forward(x.flatten(1)).relu());
 *   }
 * }
 * const net = new Net();
 * net.parameters().length; // 4
 * net.call(randn([2, 1, 28, 28])).shape; // [2, 10]
 * ```
 */
export abstract class Module {
  /** Training mode (dropout active); `eval()` turns it off for the whole tree. */
  training = true;
  // Buffers: non-learnable tensors that belong to the state (running statistics...).
  readonly #buffers = new Map<string, Tensor>();

  // No arguments: a layer without a constructor of its own would otherwise ignore them
  // (`new ReLU(true)`, `new Sigmoid(2)`), as PyTorch does not.
  constructor(...args: never[]) {
    const given = (args as unknown[]).find((a) => a !== undefined);
    if (given !== undefined)
      throw new ValueError(`${new.target.name}: takes no arguments, got ${fmtValue(given)}`);
  }

  /** The computation; subclasses define it. */
  abstract forward(...inputs: Tensor[]): Tensor;

  /** `net.call(x)` is `net(x)` in PyTorch (an alias of forward). */
  call(...inputs: Tensor[]): Tensor {
    return this.forward(...inputs);
  }

  /** Registers module state that is not learnable; kept (never disposed by `tidy`). */
  registerBuffer(name: string, tensor: Tensor): void {
    const fn = `${this.constructor.name}.registerBuffer`;
    checkString(fn, "name", name);
    // A dotted or empty name could not be told apart from a submodule's in the state dict.
    if (name === "" || name.includes(".")) throw argError(fn, "name", "a non-empty name without dots", name);
    // A property of that name (a parameter, a submodule) would take the same state-dict key.
    if (name in this && !this.#buffers.has(name))
      throw new ValueError(`${fn}: attribute "${name}" already exists`);
    checkTensor(fn, "tensor", tensor);
    this.#buffers.set(name, keep(tensor));
  }

  /** Direct submodules with their property names (arrays of modules count as `name.i`). */
  *namedChildren(): Generator<[string, Module]> {
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module) yield [key, value];
      else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (value[i] instanceof Module) yield [`${key}.${i}`, value[i] as Module];
      }
    }
  }

  /** The direct submodules (`torch.nn.Module.children`), in definition order. */
  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  /** This module and every submodule, depth first, with dotted names ("" for this one). */
  *namedModules(prefix = ""): Generator<[string, Module]> {
    checkString(`${this.constructor.name}.namedModules`, "prefix", prefix);
    yield [prefix, this];
    for (const [name, m] of this.namedChildren()) yield* m.namedModules(prefix ? `${prefix}.${name}` : name);
  }

  /** This module and every submodule, depth first (`torch.nn.Module.modules`). */
  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /** Own parameters (not recursing), by property name. */
  *#ownParameters(): Generator<[string, Parameter]> {
    for (const [key, value] of Object.entries(this)) if (value instanceof Parameter) yield [key, value];
  }

  /** Every parameter with its dotted name, each once even if shared. */
  *namedParameters(): Generator<[string, Parameter]> {
    const seen = new Set<Parameter>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [key, p] of m.#ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [prefix ? `${prefix}.${key}` : key, p];
      }
    }
  }

  /**
   * Every parameter of this module and its submodules, each once even if shared
   * (`torch.nn.Module.parameters`): what an optimizer takes.
   *
   * @example
   * ```ts
   * const net = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));
   * const optimizer = new SGD(net.parameters(), { lr: 0.1 });
   * ```
   */
  parameters(): Parameter[] {
    return [...this.namedParameters()].map(([, p]) => p);
  }

  /**
   * Every buffer of this module and its submodules with its dotted name
   * (`torch.nn.Module.named_buffers`).
   */
  *namedBuffers(): Generator<[string, Tensor]> {
    for (const [prefix, m] of this.namedModules()) {
      for (const [key, b] of m.#buffers) yield [prefix ? `${prefix}.${key}` : key, b];
    }
  }

  /** Calls fn on every submodule, then on this module (as PyTorch's apply). */
  apply(fn: (m: Module) => void): this {
    checkFunction(`${this.constructor.name}.apply`, "fn", fn);
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Sets training mode (`true`, the default) or evaluation mode (`false`) on this module and
   * every submodule, as `torch.nn.Module.train`; it changes what layers such as `Dropout` do.
   * Returns this module; throws a `ValueError` for a mode that is not a boolean.
   */
  train(mode = true): this {
    checkBoolean(`${this.constructor.name}.train`, "mode", mode);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`, as `torch.nn.Module.eval`. Returns this module. */
  eval(): this {
    return this.train(false);
  }

  /** Resets every parameter's gradient: to null by default (PyTorch 2), or to zeros. */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const fn = `${this.constructor.name}.zeroGrad`;
    checkOptionObject(fn, "options", options, ["setToNone"]);
    const setToNone = options.setToNone ?? true;
    checkBoolean(fn, "setToNone", setToNone);
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else noGrad(() => p.grad!.zero_());
    }
  }

  /** Parameters and buffers by dotted name; the tensors share storage with the module. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.detach();
    for (const [name, b] of this.namedBuffers()) out[name] = b.detach();
    return out;
  }

  /**
   * Copies values from a state dict into this module's parameters and buffers. With strict
   * (the default) missing or unexpected keys are an error; shapes must always match.
   */
  loadStateDict(
    dict: Readonly<Record<string, Tensor>>,
    options: { strict?: boolean } = {},
  ): LoadStateDictResult {
    if (typeof dict !== "object" || dict === null || Array.isArray(dict)) {
      throw new StateDictError(
        `loadStateDict: expected a state dict (an object of tensors by name), got ${fmtValue(dict)}`,
      );
    }
    checkOptionObject("loadStateDict", "options", options, ["strict"]);
    const strict = options.strict ?? true;
    checkBoolean("loadStateDict", "strict", strict);
    const own = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    const missingKeys = [...own.keys()].filter((k) => !(k in dict));
    const unexpectedKeys = Object.keys(dict).filter((k) => !own.has(k));
    const errors: string[] = [];
    if (strict && missingKeys.length > 0)
      errors.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}.`);
    if (strict && unexpectedKeys.length > 0) {
      errors.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}.`);
    }
    for (const [key, target] of own) {
      const src = dict[key];
      if (src === undefined) continue;
      if (!(src instanceof Tensor)) {
        errors.push(
          `expected a tensor for ${key}, got ${fmtValue(src)} (convert it with tensor(...) first).`,
        );
        continue;
      }
      if (src.shape.length !== target.shape.length || src.shape.some((s, i) => s !== target.shape[i])) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${fmtShape(src.shape)} from checkpoint, the shape in current model is ${fmtShape(target.shape)}.`,
        );
      }
    }
    if (errors.length > 0) {
      throw new StateDictError(
        `loadStateDict: Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join("\n\t")}`,
      );
    }
    noGrad(() => {
      for (const [key, target] of own) {
        const src = dict[key];
        if (src !== undefined) target.copy_(src);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** Extra text inside the parentheses of this module's line in the summary. */
  extraRepr(): string {
    return "";
  }

  /** A PyTorch-like summary: `Sequential(\n  (0): Flatten(...)\n  (1): Linear(...)\n)`. */
  toString(): string {
    const children = [...this.namedChildren()];
    const name = this.constructor.name;
    if (children.length === 0) return `${name}(${this.extraRepr()})`;
    const lines = children.map(([key, m]) => `  (${key}): ${m.toString().split("\n").join("\n  ")}`);
    const extra = this.extraRepr();
    return `${name}(${extra ? `\n  ${extra}` : ""}\n${lines.join("\n")}\n)`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// forward is abstract, yet plain JavaScript can construct a Module without one: give it
// PyTorch's error rather than "this.forward is not a function". Subclasses' own forward wins.
Object.defineProperty(Module.prototype, "forward", {
  value: function forward(this: Module): never {
    throw new ValueError(`${this.constructor.name}: module is missing the required "forward" function`);
  },
  writable: true,
  configurable: true,
});
