// The wasm backend's reduction kernel: float32 argmax over contiguous rows (kernels/argmax-rows.ts),
// registered by op name.
import { registerKernel } from "../kernel-registry.js";
import { empty } from "../storage.js";
import { argmaxRowsWasm } from "./argmax-rows.js";
import { argInput, argShape } from "./reduce-js.js";
import { WASM_MIN_ELEMENTS } from "./thresholds.js";

registerKernel("argmax", {
  backend: "wasm",
  name: "wasm-argmax-rows",
  accepts(c) {
    const x = c.inputs[0]!;
    if (x.dtype !== "float32" || x.numel() < WASM_MIN_ELEMENTS || x.ndim === 0) return false;
    // Over the flattened values (copied contiguous), or along a contiguous last dim.
    return (
      c.attrs.dim === undefined ||
      (c.attrs.dim === x.ndim - 1 && x.isContiguous() && x.shape[c.attrs.dim]! > 0)
    );
  },
  run(c) {
    const t = c.inputs[0]!;
    const { dim, keepdim } = c.attrs;
    const x = argInput(t, dim);
    const d = dim ?? 0;
    const out = empty("int32", argShape(t, dim, keepdim));
    const size = x.shape[d]!;
    const rows = x.numel() / size;
    const ok = argmaxRowsWasm(x.storage as Float32Array, x.offset, rows, size, out.storage as Int32Array, 0);
    return ok ? out : null;
  },
});
