// The wasm backend's elementwise kernels: float32 + − × ÷ (kernels/binary-wasm.ts) and exp,
// sigmoid (kernels/exp-wasm.ts), registered by op name.
import { registerKernel } from "../kernel-registry.js";
import { broadcastShapes, sameShape } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { binary2dFits, binaryWasm, type WasmBinaryOp } from "./binary-wasm.js";
import { planFor } from "./elementwise-js.js";
import { expWasm, sigmoidWasm } from "./exp-wasm.js";
import { WASM_MIN_ELEMENTS } from "./thresholds.js";

function allFloat32(inputs: readonly Tensor[]): boolean {
  for (const t of inputs) if (t.dtype !== "float32") return false;
  return true;
}

/** Elements of a and b broadcast together (their shapes are known to broadcast). */
function broadcastNumel(a: Tensor, b: Tensor): number {
  const as = a.shape;
  const bs = b.shape;
  let n = 1;
  for (let i = as.length - 1, j = bs.length - 1; i >= 0 || j >= 0; i--, j--) {
    const x = i >= 0 ? as[i]! : 1;
    const y = j >= 0 ? bs[j]! : 1;
    n *= Math.max(x, y);
  }
  return n;
}

function registerBinary(op: WasmBinaryOp): void {
  registerKernel(op, {
    backend: "wasm",
    name: "wasm-binary2d",
    accepts: (c) => allFloat32(c.inputs) && broadcastNumel(c.inputs[0]!, c.inputs[1]!) >= WASM_MIN_ELEMENTS,
    run(c) {
      const [a, b] = c.inputs as [Tensor, Tensor];
      const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(op, a.shape, b.shape);
      // Layouts the 2-D kernel cannot walk go to the JS loops before a result is made.
      const plan = planFor(shape, a, b);
      if (!binary2dFits(plan)) return null;
      // The kernel writes every element: no need to zero the result first.
      const out = empty("float32", shape, false);
      const ok = binaryWasm(
        op,
        plan,
        out.storage as Float32Array,
        a.storage as Float32Array,
        a.offset,
        b.storage as Float32Array,
        b.offset,
      );
      return ok ? out : null;
    },
  });
}
registerBinary("add");
registerBinary("sub");
registerBinary("mul");
registerBinary("div");

function registerMap(op: "exp" | "sigmoid", kernel: typeof expWasm): void {
  registerKernel(op, {
    backend: "wasm",
    name: `wasm-${op}`,
    accepts: (c) => c.inputs[0]!.dtype === "float32" && c.inputs[0]!.isContiguous(),
    run(c) {
      const x = c.inputs[0]!;
      const out = empty("float32", x.shape, false);
      return kernel(x.storage as Float32Array, x.offset, x.numel(), out.storage as Float32Array, 0)
        ? out
        : null;
    },
  });
}
registerMap("exp", expWasm);
registerMap("sigmoid", sigmoidWasm);
