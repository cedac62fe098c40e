import "./install.js";

// sumToShape moved to @tsgrad/tensor with the gradient rules; re-exported for existing callers.
export { sumToShape } from "@tsgrad/tensor";
// `Function` is PyTorch's name; `AutogradFunction` avoids shadowing the global Function in user code.
export {
  AutogradFunction,
  AutogradFunction as Function,
  type FunctionArg,
  type FunctionClass,
  FunctionCtx,
} from "./function.js";
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from "./grad-mode.js";
export { GradcheckError, type GradcheckOptions, gradcheck } from "./gradcheck.js";
export { memory } from "./node.js";
