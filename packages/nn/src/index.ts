export * as F from "./functional.js";
export type { InitOptions, KaimingOptions, NormalInitOptions, UniformInitOptions } from "./init.js";
export * as init from "./init.js";
export {
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  LogSoftmax,
  ReLU,
  Sigmoid,
  SiLU,
  Softmax,
  Softplus,
  Tanh,
} from "./layers/activations.js";
export { Dropout, dropout } from "./layers/dropout.js";
export { Flatten } from "./layers/flatten.js";
export { Linear, type LinearOptions } from "./layers/linear.js";
export { type LoadStateDictResult, Module, StateDictError } from "./module.js";
export { Parameter } from "./parameter.js";
export {
  type LoadedSafetensors,
  loadSafetensors,
  loadSafetensorsFile,
  SafetensorsError,
  saveSafetensors,
  saveSafetensorsFile,
} from "./safetensors.js";
export { Sequential } from "./sequential.js";
