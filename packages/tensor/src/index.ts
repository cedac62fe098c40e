// First: refuse to load beside another copy of this package (instance.ts says why).
import "./instance.js";

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
import "./ops/masked-fill.js";
import "./ops/split.js";
import "./ops/repeat.js";
import "./ops/flip.js";
import "./ops/cumsum.js";
import "./ops/sort.js";
import "./ops/triangular.js";
import "./ops/diagonal.js";
import "./ops/unflatten.js";
import "./ops/softmin.js";
import "./ops/var-mean.js";
import "./ops/nonzero.js";
import "./ops/masked-select.js";
import "./ops/norm.js";
import "./ops/scatter.js";
import "./ops/pad.js";
import "./ops/einsum.js";
import "./ops/products.js";
import "./ops/binary-math.js";
import "./ops/isclose.js";
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
  checkPath,
  nodeBuiltin,
  processId,
  type ReadFailure,
  readRegularFile,
  removeStaleTemporaries,
  writeFileAtomic,
} from "./io/index.js";
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
export type { CumsumOptions } from "./ops/cumsum.js";
export type { DivOptions } from "./ops/division.js";
export { einsum } from "./ops/einsum.js";
export {
  add,
  div,
  eq,
  floorDivide,
  fmod,
  ge,
  gt,
  le,
  linear,
  lt,
  matmul,
  max,
  maximum,
  min,
  minimum,
  mm,
  mul,
  ne,
  oneHot,
  pow,
  remainder,
  sub,
} from "./ops/functional.js";
export {
  abs,
  all,
  allclose,
  amax,
  amin,
  any,
  argmax,
  argmin,
  argsort,
  atan2,
  bmm,
  ceil,
  chunk,
  clamp,
  clone,
  copysign,
  cos,
  cumsum,
  diag,
  diagonal,
  dot,
  elu,
  erf,
  exp,
  exp2,
  flatten,
  flip,
  floor,
  gather,
  gelu,
  indexSelect,
  isclose,
  isfinite,
  isinf,
  isnan,
  leakyRelu,
  lerp,
  log,
  log1p,
  log2,
  log10,
  logaddexp,
  logSoftmax,
  logsumexp,
  maskedFill,
  maskedSelect,
  mean,
  narrow,
  neg,
  nonzero,
  norm,
  numel,
  outer,
  pad,
  permute,
  prod,
  reciprocal,
  relu,
  reshape,
  round,
  rsqrt,
  scatter,
  scatterAdd,
  select,
  sigmoid,
  sign,
  silu,
  sin,
  softmax,
  softmin,
  sort,
  split,
  sqrt,
  square,
  squeeze,
  std,
  stdMean,
  sum,
  t,
  tan,
  tanh,
  topk,
  transpose,
  tril,
  triu,
  trunc,
  unflatten,
  unsqueeze,
  var,
  varMean,
} from "./ops/functions.js";
export type { IsCloseOptions } from "./ops/isclose.js";
export { cat, stack } from "./ops/join.js";
export type { OutOptions } from "./ops/matmul.js";
export type { PadOptions } from "./ops/pad.js";
export { type SumOptions, sumToShape } from "./ops/reduce.js";
export { type RowsAsFloatOptions, rowsAsFloat } from "./ops/rows-as-float.js";
export { type SgdStepAttrs, sgdStep } from "./ops/sgd.js";
export { logSigmoid, type SoftplusOptions, softplus } from "./ops/unary.js";
export type { VarMeanOptions } from "./ops/var-mean.js";
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
export { getNumThreads, setNumThreads } from "./threads/num-threads.js";
export { type ThreadPoolStats, threadPoolStats } from "./threads/pool.js";
export { wasmReady } from "./threads/ready.js";
