// The op catalogue and the kernel registry: every op has a JS kernel, in-place ops derive from
// their base, dispatch runs the first kernel of the active backend that accepts a call, a
// kernel that declines passes the call on, and an op declared outside the package works the same.
import { afterEach, describe, expect, it } from "vitest";
import { getBackend, setBackend } from "./backends/backend.js";
import {
  addDispatchHook,
  candidateKernels,
  catalogueOps,
  defineOp,
  dispatch,
  fromTypedArray,
  inplaceOf,
  type NoAttrs,
  type OpCall,
  registerKernel,
  type Tensor,
  tensor,
  zeros,
} from "./index.js";
import { empty } from "./storage.js";

declare module "./op.js" {
  interface OpAttrs {
    "test.double": NoAttrs;
    "test.double_": NoAttrs;
    "test.declines": NoAttrs;
  }
}

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

/** The kernels a call would try, as dispatch sees it (the hook runs before any kernel). */
function kernelsFor(run: () => unknown, op: string): string[] {
  let names: string[] = [];
  const remove = addDispatchHook({
    before(call: OpCall) {
      if (call.op === op) names = candidateKernels(call);
    },
  });
  try {
    run();
  } finally {
    remove();
  }
  return names;
}

describe("the op catalogue", () => {
  it("declares every op once, each with a js kernel, so that any backend can run it", () => {
    const ops = [...catalogueOps().values()];
    expect(ops.length).toBeGreaterThan(60);
    for (const def of ops) {
      expect(
        def.kernels.some((k) => k.backend === "js"),
        `${def.name} has a js kernel`,
      ).toBe(true);
      // js kernels come last: more specialised backends are tried first.
      const firstJs = def.kernels.findIndex((k) => k.backend === "js");
      expect(
        def.kernels.slice(firstJs).every((k) => k.backend === "js"),
        def.name,
      ).toBe(true);
    }
    expect(() => defineOp({ name: "add", inputs: ["x"], dtype: () => "float32", grad: null })).toThrow(
      "defineOp: op 'add' is declared twice",
    );
  });

  it("derives in-place ops from their out-of-place op: same gradient rule, marked in-place", () => {
    const ops = catalogueOps();
    for (const name of ["add_", "sub_", "mul_", "div_", "clamp_", "copy_", "fill_", "zero_"]) {
      const def = ops.get(name)!;
      expect(def.inplace, name).toBe(true);
      expect(def.base, name).not.toBeNull();
      expect(def.grad, name).toBe(def.base!.grad);
    }
    expect(ops.get("argmax")!.grad).toBeNull();
    expect(ops.get("eq")!.grad).toBeNull();
  });

  it("installs op methods on Tensor non-enumerably (a tensor's own keys are its state)", () => {
    const t = tensor([1, 2]);
    expect(Object.keys(t)).not.toContain("add");
    expect(typeof t.add).toBe("function");
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(t), "add")!.enumerable).toBe(false);
    expect(t.T.shape).toEqual([2]);
  });
});

describe("kernel selection", () => {
  it("runs float32 arithmetic of 256 elements or more on the wasm kernel, smaller or other dtypes on js", () => {
    setBackend("wasm");
    const big = zeros([256, 784]);
    expect(kernelsFor(() => big.add(big), "add")).toEqual(["wasm-binary2d", "js-binary"]);
    const small = zeros([4]);
    expect(kernelsFor(() => small.add(small), "add")).toEqual(["js-binary"]);
    const f64 = zeros([256, 784], { dtype: "float64" });
    expect(kernelsFor(() => f64.add(f64), "add")).toEqual(["js-binary"]);
    setBackend("js");
    expect(kernelsFor(() => big.add(big), "add")).toEqual(["js-binary"]);
  });

  it("picks the wasm gemm from WASM_MIN_MACS multiply-adds", () => {
    setBackend("wasm");
    const a = zeros([8, 8]);
    expect(kernelsFor(() => a.matmul(zeros([8, 8])), "matmul")).toEqual(["wasm-matmul", "js-matmul"]);
    expect(kernelsFor(() => zeros([10, 2]).matmul(zeros([2, 1])), "matmul")).toEqual(["js-matmul"]);
  });
});

describe("an op declared outside the catalogue's modules", () => {
  const double = defineOp({
    name: "test.double",
    inputs: ["self"],
    dtype: (inputs) => inputs[0]!.dtype,
    grad: () => (g) => [g.mul(2)],
  });
  const double_ = inplaceOf(double, "test.double_");
  const twice = (x: Tensor, out: Tensor): Tensor => {
    const xs = x.toTypedArray();
    for (let i = 0; i < xs.length; i++) out.storage[i] = 2 * xs[i]!;
    return out;
  };
  registerKernel("test.double", {
    backend: "js",
    name: "js-double",
    accepts: () => true,
    run: (c) => twice(c.inputs[0]!, empty(c.inputs[0]!.dtype, c.inputs[0]!.shape)),
  });
  registerKernel("test.double_", {
    backend: "js",
    name: "js-double-inplace",
    accepts: () => true,
    run: (c) => twice(c.inputs[0]!, c.inputs[0]!),
  });

  it("dispatches through its kernel, and its in-place form bumps the version", () => {
    const x = tensor([1, 2, 3], { dtype: "float32" });
    expect(dispatch(double, [x], {}).toArray()).toEqual([2, 4, 6]);
    const before = x.version;
    expect(dispatch(double_, [x], {})).toBe(x);
    expect(x.toArray()).toEqual([2, 4, 6]);
    expect(x.version).toBe(before + 1);
  });

  it("passes the call on when a kernel declines it at run time (returns null)", () => {
    const ran: string[] = [];
    const declines = defineOp({
      name: "test.declines",
      inputs: ["self"],
      dtype: () => "float32",
      grad: null,
    });
    registerKernel("test.declines", {
      backend: "js",
      name: "js-fallback",
      accepts: () => true,
      run: (c) => {
        ran.push("fallback");
        return c.inputs[0]!;
      },
    });
    registerKernel("test.declines", {
      backend: "wasm",
      name: "wasm-declines",
      accepts: () => true,
      run: () => {
        ran.push("wasm");
        return null;
      },
    });
    setBackend("wasm");
    const x = fromTypedArray(Float32Array.of(1));
    expect(dispatch(declines, [x], {})).toBe(x);
    expect(ran).toEqual(["wasm", "fallback"]);
    setBackend("js");
    dispatch(declines, [x], {});
    expect(ran).toEqual(["wasm", "fallback", "fallback"]);
  });

  it("checks its inputs for disposal like every op", () => {
    const x = tensor([1, 2], { dtype: "float32" });
    x.dispose();
    expect(() => dispatch(double, [x], {})).toThrow(
      "test.double: tensor argument 0 (shape [2]) was disposed",
    );
  });
});
