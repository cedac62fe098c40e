export { getBackend, setBackend, type WasmMemory, type WasmVariant, wasmVariant } from "./backend.js";
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
  tensor,
  uniform,
  zeros,
  zerosLike,
} from "./create.js";
export { type Attrs, addDispatchHook, type DispatchHook, dispatch, type OpCall } from "./dispatch.js";
export { DTYPES, type DType, isFloating, promoteTypes, type TypedArray } from "./dtype.js";
export { DTypeError, fmtShape, IndexError, ShapeError, TsgradError, ValueError } from "./errors.js";
export { type PrintOptions, setPrintOptions } from "./format.js";
export { add, div, linear, matmul, mm, mul, oneHot, sub, where } from "./functional.js";
export { softmaxRows } from "./kernels/softmax-rows.js";
export { subScaled } from "./kernels/sub-scaled.js";
export { cat, stack } from "./ops/join.js";
export type { OutOptions } from "./ops/matmul.js";
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
export { createWasmWorkspace, type WasmWorkspace } from "./workspace.js";
