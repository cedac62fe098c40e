// In-place initializers (torch.nn.init), all seedable with an explicit Generator. They run
// under noGrad so that they may overwrite parameters that require grad.
import { noGrad } from "@tsgrad/autograd";
import {
  checkOptions,
  defaultGenerator,
  fmtShape,
  fmtValue,
  type Generator,
  normal,
  type Tensor,
  uniform,
  ValueError,
} from "@tsgrad/tensor";

export interface InitOptions {
  generator?: Generator;
}

function fill(t: Tensor, values: Tensor): Tensor {
  noGrad(() => t.copy_(values));
  return t;
}

/** fan_in and fan_out of a weight [out, in, ...receptive field]. */
export function calculateFanInAndFanOut(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) {
    throw new ValueError(
      `init: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape ${fmtShape(t.shape)})`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < t.ndim; i++) receptive *= t.shape[i]!;
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}

/** The recommended gain of a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(
  nonlinearity: "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu",
  param?: number,
): number {
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
 * each number checked (NaN or a string would fill the tensor with NaN).
 */
function twoNumbers(
  fn: string,
  names: readonly [string, string],
  defaults: readonly [number, number],
  first: unknown,
  second: unknown,
  options: InitOptions,
): { p: number; q: number; generator: Generator } {
  let values = [first, second];
  let generator = options.generator;
  if (typeof first === "object" && first !== null) {
    checkOptions(`init.${fn}`, "options", first, [...names, "generator"]);
    const o = first as Record<string, unknown> & InitOptions;
    values = [o[names[0]] ?? defaults[0], o[names[1]] ?? defaults[1]];
    generator = o.generator;
  } else checkOptions(`init.${fn}`, "options", options, ["generator"]);
  const [p, q] = values.map((v, i) => {
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new ValueError(`init.${fn}: ${names[i]} must be a number, got ${fmtValue(v)}`);
    }
    return v;
  }) as [number, number];
  return { p, q, generator: generator ?? defaultGenerator };
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
  const { p, q, generator } = twoNumbers("normal_", ["mean", "std"], [0, 1], meanOrOptions, std, options);
  return fill(t, normal(p, q, t.shape, { dtype: floatOf(t), generator }));
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
  const { p, q, generator } = twoNumbers("uniform_", ["a", "b"], [0, 1], aOrOptions, b, options);
  return fill(t, uniform(p, q, t.shape, { dtype: floatOf(t), generator }));
}

export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.fill_(value));
  return t;
}

export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  checkOptions("init.xavierUniform_", "options", options, ["generator"]);
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a, { generator: options.generator });
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only). */
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: "relu" | "leaky_relu" | "linear" | "sigmoid" | "tanh";
}

/** He uniform: U(-b, b) with b = gain * sqrt(3 / fan); PyTorch's defaults (leaky_relu, a = 0). */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  checkOptions("init.kaimingUniform_", "options", options, ["a", "mode", "nonlinearity", "generator"]);
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const fan = (options.mode ?? "fan_in") === "fan_in" ? fanIn : fanOut;
  const gain = calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  const bound = fan === 0 ? 0 : gain * Math.sqrt(3 / fan);
  return uniform_(t, -bound, bound, { generator: options.generator });
}

function floatOf(t: Tensor): "float32" | "float64" {
  if (t.dtype === "float32" || t.dtype === "float64") return t.dtype;
  throw new ValueError(`init: expected a floating point tensor, got ${t.dtype}`);
}
