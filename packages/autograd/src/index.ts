import "./install.js";

// `Function` is PyTorch's name; `AutogradFunction` avoids shadowing the global Function in user code.
export { AutogradFunction, AutogradFunction as Function, type FunctionArg, FunctionCtx } from "./function.js";
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from "./grad-mode.js";
export { GradcheckError, type GradcheckOptions, gradcheck } from "./gradcheck.js";
export { memory } from "./node.js";
export { NON_DIFFERENTIABLE, RULES, type Rule, type RuleContext } from "./rules/index.js";
export { sumToShape } from "./unbroadcast.js";
