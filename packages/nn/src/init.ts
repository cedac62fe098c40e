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

/** A number argument of an initializer, checked (NaN would fill the tensor with NaN). */
function num(fn: string, arg: string, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v)) {
    throw new ValueError(`init.${fn}: ${arg} must be a number, got ${fmtValue(v)}`);
  }
  return v;
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
  if (typeof meanOrOptions === "object" && meanOrOptions !== null) {
    checkOptions("init.normal_", "options", meanOrOptions, ["mean", "std", "generator"]);
    const { mean = 0, std: s = 1, generator } = meanOrOptions;
    return normal_(t, mean, s, { generator });
  }
  checkOptions("init.normal_", "options", options, ["generator"]);
  const mean = num("normal_", "mean", meanOrOptions);
  num("normal_", "std", std);
  return fill(
    t,
    normal(mean, std, t.shape, { dtype: floatOf(t), generator: options.generator ?? defaultGenerator }),
  );
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
  if (typeof aOrOptions === "object" && aOrOptions !== null) {
    checkOptions("init.uniform_", "options", aOrOptions, ["a", "b", "generator"]);
    const { a: lo = 0, b: hi = 1, generator } = aOrOptions;
    return uniform_(t, lo, hi, { generator });
  }
  checkOptions("init.uniform_", "options", options, ["generator"]);
  const a = num("uniform_", "a", aOrOptions);
  num("uniform_", "b", b);
  return fill(
    t,
    uniform(a, b, t.shape, { dtype: floatOf(t), generator: options.generator ?? defaultGenerator }),
  );
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
  return uniform_(t, -a, a, options);
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
