// Node-only file helpers shared by the packages above tensor (nn's safetensors, plot's save,
// trainer's checkpoints, the data sets): Node's modules are loaded when a helper runs, so the
// rest of tsgrad bundles for the web with no configuration.
export { checkPath, removeStaleTemporaries, writeFileAtomic } from "./atomic.js";
export { nodeBuiltin, processId } from "./node.js";
export { type ReadFailure, readRegularFile } from "./read.js";
