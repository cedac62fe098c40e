// In-place initializers (torch.nn.init), all seedable with an explicit Generator. They run
// under noGrad so that they may overwrite parameters that require grad.
import { noGrad } from "@tsgrad/autograd";
import {
  checkChoice,
  checkFinite,
  checkNumber,
  checkTensor,
  defaultGenerator,
  fmtShape,
  fmtValue,
  type Generator,
  normal,
  Tensor,
  uniform,
  ValueError,
} from "@tsgrad/tensor";
import { checkGenerator, checkOptionObject } from "./args.js";

/** Options every random initializer takes. */
export interface InitOptions {
  /** The random-number generator to draw from (default: the global one, seeded by `manualSeed`). */
  generator?: Generator;
}

function fill(t: Tensor, values: Tensor): Tensor {
  noGrad(() => t.copy_(values));
  return t;
}

/** fan_in and fan_out of a weight [out, in, ...receptive field]. */
export function calculateFanInAndFanOut(t: Tensor): { fanIn: number; fanOut: number } {
  checkTensor("init.calculateFanInAndFanOut", "tensor", t);
  if (t.ndim < 2) {
    throw new ValueError(
      `init: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape ${fmtShape(t.shape)})`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < t.ndim; i++) receptive *= t.shape[i]!;
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}

const NONLINEARITIES = ["linear", "sigmoid", "tanh", "relu", "leaky_relu"] as const;

/** The recommended gain of a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: (typeof NONLINEARITIES)[number], param?: number): number {
  checkChoice("init.calculateGain", "nonlinearity", nonlinearity, NONLINEARITIES);
  // null is PyTorch's None: the default slope.
  if (param !== undefined && param !== null) checkFinite("init.calculateGain", "param", param);
  switch (nonlinearity) {
    case "linear":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
  }
}

/** normal_'s keyword form, as torch.nn.init.normal_(t, mean=..., std=...). */
export interface NormalInitOptions extends InitOptions {
  mean?: number;
  std?: number;
}

/** uniform_'s keyword form, as torch.nn.init.uniform_(t, a=..., b=...). */
export interface UniformInitOptions extends InitOptions {
  a?: number;
  b?: number;
}

/**
 * The two numbers of normal_ / uniform_ and the generator, from PyTorch's positional form
 * `(t, p, q, { generator })` or its keyword form `(t, { [names[0]]: p, [names[1]]: q, generator })`,
 * each number checked (NaN or a string would fill the tensor with NaN, an infinity with
 * infinities or NaN).
 */
function twoNumbers(
  fn: string,
  names: readonly [string, string],
  defaults: readonly [number, number],
  first: unknown,
  second: unknown,
  options: InitOptions,
): { p: number; q: number; generator: Generator } {
  const op = `init.${fn}`;
  let values = [first, second];
  let generator: unknown;
  if (typeof first === "object" && first !== null && !(first instanceof Tensor) && !Array.isArray(first)) {
    checkOptionObject(op, "options", first, [...names, "generator"]);
    const o = first as Record<string, unknown>;
    values = [o[names[0]] ?? defaults[0], o[names[1]] ?? defaults[1]];
    generator = o.generator;
  } else {
    checkOptionObject(op, "options", options, ["generator"]);
    generator = options.generator;
  }
  checkGenerator(op, generator);
  const [p, q] = values.map((v, i) => {
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new ValueError(`${op}: ${names[i]} must be a number, got ${fmtValue(v)}`);
    }
    if (!Number.isFinite(v)) throw new ValueError(`${op}: ${names[i]} must be finite, got ${v}`);
    return v;
  }) as [number, number];
  return { p, q, generator: (generator as Generator | null | undefined) ?? defaultGenerator };
}

/** Fills t with N(mean, std²): `normal_(w, 0, 0.01)` or `normal_(w, { std: 0.01 })`. */
export function normal_(t: Tensor, options: NormalInitOptions): Tensor;
export function normal_(t: Tensor, mean?: number, std?: number, options?: InitOptions): Tensor;
export function normal_(
  t: Tensor,
  meanOrOptions: number | NormalInitOptions = 0,
  std = 1,
  options: InitOptions = {},
): Tensor {
  const dtype = floatOf("normal_", t);
  const { p, q, generator } = twoNumbers("normal_", ["mean", "std"], [0, 1], meanOrOptions, std, options);
  if (q < 0) throw new ValueError(`init.normal_: std must be >= 0, got ${q}`);
  return fill(t, normal(p, q, t.shape, { dtype, generator }));
}

/** Fills t with U(a, b): `uniform_(w, -1, 1)` or `uniform_(w, { a: -1, b: 1 })`. */
export function uniform_(t: Tensor, options: UniformInitOptions): Tensor;
export function uniform_(t: Tensor, a?: number, b?: number, options?: InitOptions): Tensor;
export function uniform_(
  t: Tensor,
  aOrOptions: number | UniformInitOptions = 0,
  b = 1,
  options: InitOptions = {},
): Tensor {
  const dtype = floatOf("uniform_", t);
  const { p, q, generator } = twoNumbers("uniform_", ["a", "b"], [0, 1], aOrOptions, b, options);
  if (p > q) throw new ValueError(`init.uniform_: expects a <= b, got a=${p}, b=${q}`);
  return fill(t, uniform(p, q, t.shape, { dtype, generator }));
}

/** Fills t with one value (NaN and infinities too, as PyTorch's constant_). */
export function constant_(t: Tensor, value: number): Tensor {
  checkTensor("init.constant_", "tensor", t);
  checkNumber("init.constant_", "val", value);
  noGrad(() => t.fill_(value));
  return t;
}

/** Fills t with zeros, in place and without recording a gradient (`torch.nn.init.zeros_`); returns t. */
export function zeros_(t: Tensor): Tensor {
  checkTensor("init.zeros_", "tensor", t);
  return constant_(t, 0);
}

/** Fills t with ones, in place and without recording a gradient (`torch.nn.init.ones_`); returns t. */
export function ones_(t: Tensor): Tensor {
  checkTensor("init.ones_", "tensor", t);
  return constant_(t, 1);
}

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const op = "init.xavierUniform_";
  checkTensor(op, "tensor", t);
  checkFinite(op, "gain", gain, 0);
  checkOptionObject(op, "options", options, ["generator"]);
  checkGenerator(op, options.generator);
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a, { generator: options.generator });
}

/** Options of {@link kaimingUniform_}, as `torch.nn.init.kaiming_uniform_`'s keyword arguments. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only). */
  a?: number;
  /**
   * Which fan the bound is computed from: "fan_in" (the default, keeps the forward pass's variance)
   * or "fan_out" (the backward's).
   */
  mode?: "fan_in" | "fan_out";
  /** The nonlinearity after this layer, for {@link calculateGain} (default "leaky_relu"). */
  nonlinearity?: "relu" | "leaky_relu" | "linear" | "sigmoid" | "tanh";
}

/** He uniform: U(-b, b) with b = gain * sqrt(3 / fan); PyTorch's defaults (leaky_relu, a = 0). */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const op = "init.kaimingUniform_";
  checkTensor(op, "tensor", t);
  checkOptionObject(op, "options", options, ["a", "mode", "nonlinearity", "generator"]);
  const { a = 0, mode = "fan_in", nonlinearity = "leaky_relu" } = options;
  checkFinite(op, "a", a);
  checkChoice(op, "mode", mode, ["fan_in", "fan_out"]);
  checkChoice(op, "nonlinearity", nonlinearity, NONLINEARITIES);
  checkGenerator(op, options.generator);
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const fan = mode === "fan_in" ? fanIn : fanOut;
  const gain = calculateGain(nonlinearity, a);
  const bound = fan === 0 ? 0 : gain * Math.sqrt(3 / fan);
  return uniform_(t, -bound, bound, { generator: options.generator });
}

/** t's dtype, which must be floating point for random values; t is checked to be a tensor first. */
function floatOf(fn: string, t: Tensor): "float32" | "float64" {
  checkTensor(`init.${fn}`, "tensor", t);
  if (t.dtype === "float32" || t.dtype === "float64") return t.dtype;
  throw new ValueError(`init: expected a floating point tensor, got ${t.dtype}`);
}
