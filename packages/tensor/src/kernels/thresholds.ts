/**
 * Where the wasm kernels start to pay, in one place. Below these sizes, copying the operands
 * into wasm memory and the result out, and the call itself, cost more than the JavaScript loop.
 */

/** Elements: elementwise maps and arithmetic, argmax rows, the SGD update. */
export const WASM_MIN_ELEMENTS = 256;

/**
 * Multiply-adds (M·N·K) of a matrix product: a [10, 2] @ [2, 1] product takes 0.75 µs in JS,
 * 1.7 µs on wasm.
 */
export const WASM_MIN_MACS = 512;
