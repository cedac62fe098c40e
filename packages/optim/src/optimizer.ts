import { enableGrad, noGrad } from "@tsgrad/autograd";
import {
  argError,
  checkBoolean,
  checkFunction,
  checkOptions,
  checkString,
  fmtShape,
  fmtValue,
  keep,
  Tensor,
  ValueError,
} from "@tsgrad/tensor";

/** Hyper-parameters every parameter group has; schedulers read and write `lr`. */
export interface GroupHyperparameters {
  lr: number;
  /** Set by the first learning-rate scheduler attached to the optimizer (PyTorch's `initial_lr`). */
  initialLr?: number;
}

/** A parameter group as the optimizer keeps it: the tensors and their hyper-parameters. */
export type ParamGroup<H extends GroupHyperparameters> = H & { params: Tensor[] };

/** A parameter group as given to a constructor: hyper-parameters left out take the defaults. */
export type ParamGroupInput<H extends GroupHyperparameters> = Partial<H> & {
  params: Iterable<Tensor> | Tensor;
};

/** What an optimizer takes: tensors (one group), or parameter groups. */
export type ParamsInput<H extends GroupHyperparameters> = Iterable<Tensor> | Iterable<ParamGroupInput<H>>;

/** A value of per-parameter state in a state dict: a buffer (tensor) or a counter. */
export type StateValue = Tensor | number;

/** Per-parameter state in a state dict, e.g. `{ momentumBuffer: Tensor }` or `{ step: 3, expAvg, expAvgSq }`. */
export type ParamStateDict = Record<string, StateValue>;

/**
 * An optimizer's state dict, like PyTorch's: `state` keyed by the parameter's index (its position
 * across the groups, in order), and the groups' hyper-parameters with `params` as those indices.
 * Everything but the tensors is plain JSON; `flattenStateDict` turns the whole into
 * safetensors-ready tensors plus string metadata.
 */
export interface OptimizerStateDict<H extends GroupHyperparameters = GroupHyperparameters> {
  state: Record<string, ParamStateDict>;
  paramGroups: (H & { params: number[] })[];
}

function typeName(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/** A plain object: not null, an array or a tensor. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

/** checkOptions, except that a tensor is named as one (its own keys would read as unknown options). */
export function checkOptionObject(fn: string, arg: string, v: unknown, known: readonly string[]): void {
  if (v instanceof Tensor) throw argError(fn, arg, "an object of options", v);
  checkOptions(fn, arg, v, known);
}

/** Whether `v` iterates (strings excluded: their characters are no parameters). */
function isIterableObject(v: unknown): v is Iterable<unknown> {
  return typeof v === "object" && v !== null && Symbol.iterator in v;
}

/**
 * Base class of the optimizers (torch.optim.Optimizer): parameter groups, `zeroGrad`, `step`
 * (the update runs under `noGrad`, in place on the parameters), `stateDict` / `loadStateDict`.
 *
 * A subclass passes its name and defaults to `super`, fills in and checks a group's
 * hyper-parameters in `resolveGroup`, updates one group in `updateGroup`, and rebuilds its
 * per-parameter state from a state dict in `loadState`.
 */
export abstract class Optimizer<H extends GroupHyperparameters, S extends object = object> {
  /** The optimizer's name, used in error messages (`SGD: Invalid learning rate: -1`). */
  readonly name: string;
  /** Defaults for the hyper-parameters a group leaves out. */
  readonly defaults: Readonly<Partial<H>>;
  /** The parameter groups; schedulers and users may change hyper-parameters (e.g. `lr`) in place. */
  readonly paramGroups: ParamGroup<H>[] = [];
  /** Per-parameter state (momentum buffers, moment estimates), created at the first step. */
  readonly state = new Map<Tensor, S>();
  /** The keys a parameter group may have: the hyper-parameters, `params` and `initialLr`. */
  readonly #groupKeys: readonly string[];

  protected constructor(name: string, params: ParamsInput<H>, defaults: Partial<H>) {
    // Abstract, but plain JavaScript could construct one without an update rule.
    if (new.target === Optimizer) {
      throw new ValueError(
        "Optimizer: the base class has no update rule; use SGD, Adam or AdamW, or subclass it",
      );
    }
    checkString("Optimizer", "name", name);
    if (!isRecord(defaults)) throw argError(name, "defaults", "an object of hyper-parameters", defaults);
    this.name = name;
    this.defaults = defaults;
    this.#groupKeys = [...new Set(["lr", ...Object.keys(defaults), "params", "initialLr"])];
    if (params instanceof Tensor) {
      throw new ValueError(
        `${name}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor`,
      );
    }
    if (!isIterableObject(params)) {
      throw new ValueError(
        `${name}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typeName(params)}`,
      );
    }
    const items: (Tensor | ParamGroupInput<H>)[] = [...params];
    if (items.length === 0) throw new ValueError(`${name}: optimizer got an empty parameter list`);
    if (items[0] instanceof Tensor) {
      this.#addGroup(items as Tensor[], {});
    } else {
      for (const group of items as ParamGroupInput<H>[]) this.addParamGroup(group);
    }
  }

  /** Fills in a group's hyper-parameters from the defaults and rejects invalid values. */
  protected abstract resolveGroup(group: Partial<H>): H;
  /** Updates the parameters of one group that have a gradient (called under `noGrad`). */
  protected abstract updateGroup(group: ParamGroup<H>): void;
  /** Rebuilds one parameter's state from a state dict entry (checking keys and shapes). */
  protected abstract loadState(entry: ParamStateDict, param: Tensor, where: string): S;

  /** Adds a parameter group (fine-tuning: unfreeze layers and train them at their own rate). */
  addParamGroup(group: ParamGroupInput<H>): void {
    if (!isRecord(group) || !("params" in group)) {
      throw new ValueError(
        `${this.name}: param group must be an object with a params field, got ${fmtValue(group)}`,
      );
    }
    // An unknown key (`{ params, lrr: 0.1 }`) would otherwise be ignored and the default used.
    checkOptions(this.name, "param group", group, this.#groupKeys);
    // resolveGroup picks the hyper-parameters it knows, so `params` may stay in the object.
    this.#addGroup(group.params, group);
  }

  #addGroup(raw: Iterable<Tensor> | Tensor, hyper: Partial<H>): void {
    if (!(raw instanceof Tensor) && !isIterableObject(raw)) {
      throw argError(this.name, "params of a param group", "a tensor or an iterable of tensors", raw);
    }
    if (raw instanceof Set) {
      throw new ValueError(
        `${this.name}: optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.`,
      );
    }
    const params = raw instanceof Tensor ? [raw] : [...raw];
    for (const p of params) {
      if (!(p instanceof Tensor)) {
        throw new ValueError(
          `${this.name}: optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`,
        );
      }
      if (!p.isLeaf) throw new ValueError(`${this.name}: can't optimize a non-leaf Tensor`);
    }
    if (new Set(params).size !== params.length) {
      throw new ValueError(`${this.name}: optimizer contains a parameter group with duplicate parameters`);
    }
    for (const other of this.paramGroups) {
      if (other.params.some((p) => params.includes(p))) {
        throw new ValueError(`${this.name}: some parameters appear in more than one parameter group`);
      }
    }
    const resolved = this.#resolveGroupWithInitialLr({ ...this.defaults, ...hyper });
    this.paramGroups.push({ ...resolved, params });
  }

  #resolveGroupWithInitialLr(hyper: Partial<H>): H {
    const resolved = this.resolveGroup(hyper);
    if (hyper.initialLr !== undefined)
      resolved.initialLr = finiteOption(this.name, "initialLr", hyper.initialLr);
    return resolved;
  }

  /**
   * Resets the gradients of all optimized tensors: to `null` (the default, as in PyTorch 2 and
   * `Module.zeroGrad`), or with `setToNone: false` to zeros in place (d2l's scratch code).
   * A parameter whose gradient is `null` is skipped by `step()`; one with a zero gradient is not
   * (weight decay and momentum still move it).
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const op = `${this.name}.zeroGrad`;
    checkOptionObject(op, "options", options, ["setToNone"]);
    const setToNone = options.setToNone ?? true;
    checkBoolean(op, "setToNone", setToNone);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (setToNone) {
          p.grad = null;
        } else {
          if (g.gradFn !== null) g.detach_();
          else g.requiresGrad = false;
          noGrad(() => g.zero_());
        }
      }
    }
  }

  /**
   * One optimization step over every parameter that has a gradient. With a `closure` (which
   * recomputes the loss and calls `backward()`, run with grad mode on) its result is returned.
   */
  step<T>(closure?: () => T): T | undefined {
    // null is PyTorch's step(None).
    if (closure !== undefined && closure !== null) checkFunction(`${this.name}.step`, "closure", closure);
    const loss = closure === undefined || closure === null ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const group of this.paramGroups) this.updateGroup(group);
    });
    return loss;
  }

  /**
   * The optimizer's state (a snapshot: buffers are copied) and its groups' hyper-parameters, for
   * resuming with `loadStateDict`.
   */
  stateDict(): OptimizerStateDict<H> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...hyper } = group;
      const ids = params.map((p) => {
        const id = index.size;
        index.set(p, id);
        return id;
      });
      return { ...(structuredClone(hyper) as unknown as H), params: ids };
    });
    const state: Record<string, ParamStateDict> = {};
    noGrad(() => {
      for (const [p, s] of this.state) {
        const id = index.get(p);
        if (id === undefined) continue;
        const entry: ParamStateDict = {};
        for (const [key, value] of Object.entries(s)) {
          if (value instanceof Tensor) entry[key] = value.clone();
          else if (typeof value === "number") entry[key] = value;
        }
        state[String(id)] = entry;
      }
    });
    return { state, paramGroups };
  }

  /**
   * Restores a state from `stateDict()`: the groups' hyper-parameters (the parameters stay this
   * optimizer's) and each parameter's buffers, copied and cast to the parameter's dtype. The groups
   * must have the same sizes; nothing changes when the state dict is rejected.
   */
  loadStateDict(stateDict: OptimizerStateDict<H>): void {
    const op = `${this.name}.loadStateDict`;
    if (!isRecord(stateDict) || !isRecord(stateDict.state)) {
      throw argError(op, "stateDict", "an optimizer state dict ({ state, paramGroups })", stateDict);
    }
    const saved = stateDict.paramGroups;
    if (!Array.isArray(saved) || saved.length !== this.paramGroups.length) {
      throw new ValueError(
        `${op}: loaded state dict has a different number of parameter groups: ${Array.isArray(saved) ? saved.length : 0} in the state dict, ${this.paramGroups.length} in the optimizer`,
      );
    }
    const idMap = new Map<number, Tensor>();
    const groups = this.paramGroups.map((group, i) => {
      const savedGroup: unknown = saved[i];
      const where = `stateDict.paramGroups[${i}]`;
      if (!isRecord(savedGroup)) throw argError(op, where, "an object", savedGroup);
      // Another optimizer's groups (SGD's into Adam) must not load as defaults silently.
      checkOptions(op, where, savedGroup, this.#groupKeys);
      const ids = savedGroup.params;
      if (!Array.isArray(ids) || ids.length !== group.params.length) {
        throw new ValueError(
          `${op}: loaded state dict contains a parameter group that doesn't match the size of optimizer's group: group ${i} has ${Array.isArray(ids) ? ids.length : 0} parameters in the state dict and ${group.params.length} in the optimizer`,
        );
      }
      ids.forEach((id: unknown, j) => {
        if (!Number.isSafeInteger(id) || (id as number) < 0) {
          throw argError(op, `${where}.params[${j}]`, "a parameter index (an integer >= 0)", id);
        }
        idMap.set(id as number, group.params[j]!);
      });
      const { params: _ids, ...hyper } = savedGroup;
      const resolved = this.#resolveGroupWithInitialLr(copyHyper(op, where, hyper) as Partial<H>);
      return { ...resolved, params: group.params };
    });
    const state = new Map<Tensor, S>();
    noGrad(() => {
      for (const [key, entry] of Object.entries(stateDict.state)) {
        const param = idMap.get(Number(key));
        if (param === undefined) {
          throw new ValueError(`${op}: state refers to parameter ${key}, which is in no parameter group`);
        }
        if (!isRecord(entry))
          throw argError(op, `stateDict.state[${JSON.stringify(key)}]`, "an object", entry);
        state.set(param, this.loadState(entry, param, `${op}: state ${key}`));
      }
    });
    this.paramGroups.splice(0, this.paramGroups.length, ...groups);
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
  }

  /** PyTorch-like summary: the name, then each group's hyper-parameters. */
  toString(): string {
    const lines = [`${this.name} (`];
    this.paramGroups.forEach((group, i) => {
      lines.push(`Parameter Group ${i}`);
      const { params: _params, ...hyper } = group;
      for (const key of Object.keys(hyper).sort()) {
        lines.push(`    ${key}: ${String((hyper as Record<string, unknown>)[key])}`);
      }
    });
    lines.push(")");
    return lines.join("\n");
  }
}

// ---- helpers shared by the optimizers ---------------------------------------------------------

/**
 * Guards of the protected hooks (resolveGroup, updateGroup, loadState), which plain JavaScript
 * can call too: TypeScript's protected is not enforced at run time. One check per call.
 */
export function checkHookArgs(
  name: string,
  hook: string,
  group: unknown,
  withParams: boolean,
  known?: readonly string[],
): void {
  if (!isRecord(group) || (withParams && !Array.isArray(group.params))) {
    const what = withParams
      ? "a parameter group ({ params, ...hyper-parameters })"
      : "an object of hyper-parameters";
    throw argError(`${name}.${hook}`, "group", what, group);
  }
  // resolveGroup picks the keys it knows: any other would be ignored silently.
  if (known !== undefined) checkOptions(`${name}.${hook}`, "group", group, [...known, "params", "initialLr"]);
}

/** The arguments of a loadState hook (see checkHookArgs). */
export function checkLoadStateArgs(name: string, entry: unknown, param: unknown, where: unknown): void {
  if (!isRecord(entry))
    throw argError(`${name}.loadState`, "entry", "an object of per-parameter state", entry);
  if (!(param instanceof Tensor)) throw argError(`${name}.loadState`, "param", "a tensor", param);
  checkString(`${name}.loadState`, "where", where);
}

/** A copy of loaded hyper-parameters, so that the state dict and the optimizer share nothing. */
function copyHyper(op: string, where: string, hyper: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(hyper);
  } catch {
    throw argError(op, where, "plain data (numbers, booleans, arrays)", hyper);
  }
}

/** True when the fused loops may run on `p` and `grad`: contiguous storage of one floating dtype. */
export function fusable(p: Tensor, grad: Tensor): boolean {
  return (
    (p.dtype === "float32" || p.dtype === "float64") &&
    grad.dtype === p.dtype &&
    p.isContiguous() &&
    grad.isContiguous() &&
    grad.numel() === p.numel()
  );
}

/** A state-dict tensor checked against its parameter, copied as a contiguous tensor of its dtype. */
export function loadBuffer(entry: ParamStateDict, key: string, param: Tensor, where: string): Tensor {
  const value = entry[key];
  if (!(value instanceof Tensor)) {
    throw new ValueError(`${where}: ${key} must be a Tensor, got ${typeName(value)}`);
  }
  if (value.shape.length !== param.shape.length || value.shape.some((d, i) => d !== param.shape[i])) {
    throw new ValueError(
      `${where}: ${key} has shape ${fmtShape(value.shape)}, but its parameter has shape ${fmtShape(param.shape)}`,
    );
  }
  const cast = value.dtype === param.dtype ? value : value.to(param.dtype);
  return keep(cast === value ? value.clone() : cast.contiguous());
}

/** A state-dict counter (e.g. Adam's `step`): a finite number, or a one-element tensor. */
export function loadCount(entry: ParamStateDict, key: string, where: string): number {
  const value = entry[key];
  const n = value instanceof Tensor && value.numel() === 1 ? value.item() : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    throw new ValueError(`${where}: ${key} must be a non-negative number, got ${String(n)}`);
  }
  return n;
}

/**
 * A hyper-parameter that must be a number (loaded state dicts are checked like constructors);
 * its range (finite ones included) is the optimizer's check, with PyTorch's message.
 */
export function numberOption(name: string, key: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new ValueError(`${name}: ${key} must be a number, got ${fmtValue(value)}`);
  }
  return value;
}

/** A number that must be finite and >= 0 (initialLr). */
function finiteOption(name: string, key: string, value: unknown): number {
  const v = numberOption(name, key, value);
  if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
    throw new ValueError(`${name}: ${key} must be a finite number >= 0, got ${v}`);
  }
  return v;
}

/** Whether a hyper-parameter lies in [0, ∞): NaN and Infinity do not (they make every step NaN). */
export function nonNegative(v: number): boolean {
  return v >= 0 && v < Number.POSITIVE_INFINITY;
}

/** A hyper-parameter that must be a boolean. */
export function booleanOption(name: string, key: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new ValueError(`${name}: ${key} must be a boolean, got ${fmtValue(value)}`);
  }
  return value;
}

/** `lr`, required when the defaults have none (PyTorch's `required` sentinel). */
export function requiredLr(name: string, lr: unknown): number {
  if (lr === undefined) {
    throw new ValueError(
      `${name}: parameter group didn't specify a value of required optimization parameter lr`,
    );
  }
  const v = numberOption(name, "lr", lr);
  if (!nonNegative(v)) throw new ValueError(`${name}: Invalid learning rate: ${v}`);
  return v;
}
