export {
  argError,
  checkBoolean,
  checkChoice,
  checkFinite,
  checkFunction,
  checkInt,
  checkNumber,
  checkString,
  checkTensor,
  checkTensorLike,
  checkTensors,
} from "./args.js";
export {
  getBackend,
  setBackend,
  type WasmMemory,
  type WasmVariant,
  wasmVariant,
} from "./backends/backend.js";
export {
  arange,
  type CreateOptions,
  eye,
  fromTypedArray,
  full,
  fullLike,
  linspace,
  normal,
  ones,
  onesLike,
  type RandomOptions,
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  randperm,
  type SizeArgs,
  tensor,
  uniform,
  zeros,
  zerosLike,
} from "./create.js";

// The op modules install Tensor's methods and register their kernels when imported; the
// wasm backend's kernels register by op name (kernels/*-wasm.ts).
import "./ops/arithmetic.js";
import "./ops/compare.js";
import "./ops/clamp.js";
import "./ops/fill.js";
import "./ops/unary.js";
import "./ops/math.js";
import "./ops/predicates.js";
import "./ops/activations.js";
import "./ops/where.js";
import "./ops/reduce.js";
import "./ops/softmax.js";
import "./ops/matmul.js";
import "./ops/linear.js";
import "./ops/views.js";
import "./ops/indexing.js";
import "./ops/join.js";
import "./ops/convert.js";
import "./ops/cross-entropy.js";
import "./ops/sgd.js";
import "./ops/rows-as-float.js";
import "./kernels/elementwise-wasm.js";
import "./kernels/reduce-wasm.js";
import "./kernels/matmul.js";
import "./kernels/rows-wasm.js";

export { createWasmWorkspace, type WasmWorkspace } from "./backends/workspace.js";
export type { DispatchHook } from "./dispatch.js";
export { DTYPES, type DType, isFloating, promoteTypes, type TypedArray } from "./dtype.js";
export {
  AutogradError,
  DTypeError,
  fmtShape,
  fmtValue,
  IndexError,
  ShapeError,
  TsgradError,
  ValueError,
} from "./errors.js";
export {
  addDispatchHook,
  candidateKernels,
  defineOp,
  dispatch,
  inplaceOf,
  registerKernel,
} from "./extend.js";
export { type PrintOptions, setPrintOptions } from "./format.js";
export {
  type BackwardFn,
  catalogueOps,
  type GradContext,
  type GradRule,
  type Kernel,
  type NoAttrs,
  type OpAttrs,
  type OpCall,
  type OpDef,
  type OpName,
  type OpSpec,
} from "./op.js";
export type { EluOptions, GeluOptions } from "./ops/activations.js";
export { softmaxCrossEntropy } from "./ops/cross-entropy.js";
export { add, div, linear, matmul, mm, mul, oneHot, sub } from "./ops/functional.js";
export {
  abs,
  ceil,
  cos,
  elu,
  erf,
  exp,
  exp2,
  floor,
  gelu,
  isfinite,
  isinf,
  isnan,
  leakyRelu,
  log,
  log1p,
  log2,
  log10,
  neg,
  reciprocal,
  relu,
  round,
  rsqrt,
  sigmoid,
  sign,
  silu,
  sin,
  sqrt,
  square,
  tan,
  tanh,
  trunc,
} from "./ops/functions.js";
export { cat, stack } from "./ops/join.js";
export type { OutOptions } from "./ops/matmul.js";
export { sumToShape } from "./ops/reduce.js";
export { type RowsAsFloatOptions, rowsAsFloat } from "./ops/rows-as-float.js";
export { type SgdStepAttrs, sgdStep } from "./ops/sgd.js";
export { logSigmoid, type SoftplusOptions, softplus } from "./ops/unary.js";
export { where } from "./ops/where.js";
export { checkOptions, isPlainObject, nearest } from "./options.js";
export { defaultGenerator, Generator, manualSeed } from "./random.js";
export { keep, tidy } from "./scope.js";
export { broadcastShapes } from "./shape.js";
export {
  type BackwardEngine,
  type BackwardOptions,
  type GradFn,
  type NestedArray,
  type ShapeLike,
  setBackwardEngine,
  Tensor,
  type TensorLike,
} from "./tensor.js";
