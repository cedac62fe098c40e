// Plain-JavaScript misuse of @tsgrad/tensor's entry points: each gets a ValueError (or the
// op's own error class) naming the function, the argument and the value, where before it
// returned NaN, defaulted silently or threw a TypeError/RangeError from inside.
import { describe, expect, it } from "vitest";
import {
  addDispatchHook,
  broadcastShapes,
  catalogueOps,
  defineOp,
  dispatch,
  fmtValue,
  fromTypedArray,
  full,
  Generator,
  linspace,
  nearest,
  type OpDef,
  randn,
  registerKernel,
  rowsAsFloat,
  setPrintOptions,
  sgdStep,
  softmaxCrossEntropy,
  Tensor,
  TsgradError,
  tensor,
  where,
  zeros,
} from "./index.js";
import { sumToShape } from "./ops/reduce.js";

// Plain JavaScript has no type checker: these calls are what such a caller may write.
// biome-ignore lint/suspicious/noExplicitAny: the point is to pass what the types forbid
const js = (v: unknown): any => v;

function expectError(call: () => unknown, message: string): void {
  expect(call).toThrow(TsgradError);
  expect(call).toThrow(message);
}

describe("operands", () => {
  const x = tensor([1, 2]);

  it("a string, undefined, null or an object as an operand is named (it was NaN)", () => {
    expectError(() => x.add(js("abc")), 'add: other must be a tensor or a number, got "abc"');
    expectError(() => x.pow(js(undefined)), "pow: exponent must be a tensor or a number, got undefined");
    expectError(() => x.maximum(js({})), "maximum: other must be a tensor or a number, got an object");
    expectError(() => x.clone().mul_(js(null)), "mul_: other must be a tensor or a number, got null");
    expectError(() => x.clone().copy_(js("1")), 'copy_: src must be a tensor or a number, got "1"');
    expectError(() => x.clone().fill_(js("1")), 'fill_: value must be a number or a boolean, got "1"');
    expectError(() => where(x.gt(1), x, js("0")), 'where: other must be a tensor or a number, got "0"');
    expectError(() => where(js([true]), x, 0), "where: condition must be a tensor, got [true]");
  });

  it("tensor arguments of matmul, gather, views and joins are checked first", () => {
    const m = tensor([[1, 2]]);
    expectError(() => m.matmul(js(undefined)), "matmul: other must be a tensor, got undefined");
    expectError(() => m.mm(js([[1], [2]])), "mm: mat2 must be a tensor, got [[1], [2]]");
    expectError(() => m.gather(0, js([0])), "gather: index must be a tensor, got [0]");
    expectError(
      () => m.scatterAdd(0, tensor([[0, 0]]), js(null)),
      "scatterAdd: src must be a tensor, got null",
    );
    expectError(() => m.index(js(tensor([0]))), "index: indices must be an array of index tensors or nulls");
    expectError(() => m.viewAs(js([2])), "viewAs: other must be a tensor, got [2]");
    expectError(() => m.view(js("2")), 'view: expected a shape as numbers or one array, got ["2"]');
    expectError(
      () => m.reshape(js(["a", 1])),
      'reshape: expected a shape as numbers or one array, got [["a", 1]]',
    );
  });

  it("keepdim and var's options are checked (a string keepdim was taken as true)", () => {
    const m = tensor([[1, 2]], { dtype: "float32" });
    expectError(() => m.sum(0, js("yes")), 'sum: keepdim must be true or false, got "yes"');
    expectError(() => m.argmax(0, js(1)), "argmax: keepdim must be true or false, got 1");
    expectError(() => m.max(0, js("no")), 'max: keepdim must be true or false, got "no"');
    expectError(
      () => m.var(0, js({ keepDim: true })),
      'var: unknown option "keepDim" in options; did you mean "keepdim"?',
    );
    expectError(() => m.std(0, js(null)), "std: options must be an object of options, got null");
    expectError(() => m.softplus(js({ beta: 1, treshold: 5 })), 'did you mean "threshold"?');
  });

  it("a dim that is not an integer is a ValueError, not 'Dimension out of range'", () => {
    expectError(() => tensor([[1, 2]]).softmax(js("1")), 'softmax: dim must be an integer, got "1"');
    expectError(() => tensor([[1, 2]]).sum(1.5), "sum: dim must be an integer, got 1.5");
  });

  it("values are shown by their class: a Generator, a Float32Array", () => {
    expect(fmtValue(new Generator(0))).toBe("a Generator");
    expect(fmtValue(new Float32Array(2))).toBe("a Float32Array");
    expect(fmtValue({ a: 1 })).toBe("an object");
    expect(fmtValue(Object.create(null))).toBe("an object");
  });

  it("requiresGrad_ takes a boolean, and the constructor points to tensor()", () => {
    expectError(
      () => tensor([1.5]).requiresGrad_(js("yes")),
      'requiresGrad_: requiresGrad must be true or false, got "yes"',
    );
    expectError(
      () => new Tensor(js([1, 2]), "float32"),
      "Tensor: create tensors with tensor(), zeros(), randn()",
    );
  });
});

describe("creation", () => {
  it("options: unknown keys, requiresGrad and generator", () => {
    expectError(
      () => zeros(2, js({ dtyp: "int32" })),
      'zeros: unknown option "dtyp" in options; did you mean "dtype"?',
    );
    expectError(
      () => tensor([1], js({ requiresGrad: "yes" })),
      'tensor: requiresGrad must be true or false, got "yes"',
    );
    expectError(() => randn(2, js({ generator: 5 })), "randn: generator must be a Generator, got 5");
  });

  it("values and sizes: a string fill, a missing array, a size too large", () => {
    expectError(() => full([2], js("a")), 'full: fill_value must be a number or a boolean, got "a"');
    expectError(
      () => fromTypedArray(js(undefined)),
      "fromTypedArray: data must be a typed array, got undefined",
    );
    expectError(() => linspace(0, js("1"), 3), 'linspace: end must be a number, got "1"');
    expect(() => linspace(0, 1, 1e12)).toThrow(
      /^linspace: cannot allocate a float32 tensor of shape \[1000000000000\]/,
    );
    expectError(() => tensor(js([1, "2"])), 'tensor: expected numbers or booleans, got "2" at data[1]');
  });

  it("an op whose result cannot be allocated says so (was a raw RangeError)", () => {
    expect(() => tensor([0, 1]).expand(1e6, 2).contiguous().expand(1e6, 1e6, 2).contiguous()).toThrow(
      /^contiguous: cannot allocate memory for the result/,
    );
  });
});

describe("exported helpers and the extension API", () => {
  it("broadcastShapes, sumToShape and nearest name a wrong argument", () => {
    expectError(() => broadcastShapes("add", js(5)), "add: expected shapes as arrays of sizes, got 5");
    expectError(
      () => sumToShape(tensor([[1, 2]]), [3]),
      "sumToShape: a gradient of shape [1, 2] does not sum to shape [3]",
    );
    expectError(() => nearest(js(1), ["a"]), "nearest: name must be a string, got 1");
  });

  it("defineOp, registerKernel, dispatch and addDispatchHook check what they get", () => {
    const add = catalogueOps().get("add") as OpDef;
    expectError(
      () => dispatch(js({ name: "add" }), [], {}),
      "dispatch: def must be an op returned by defineOp or inplaceOf",
    );
    expectError(
      () => dispatch(add, [tensor([1])], {}),
      "dispatch: add takes 2 tensor inputs (self, other), got 1",
    );
    expectError(
      () => dispatch(add, js([1, 2]), {}),
      "dispatch: inputs must be an array of tensors, got [1, 2]",
    );
    expectError(
      () => defineOp(js({ name: "myOp", inputs: "x" })),
      'defineOp: inputs must be an array of input names, got "x"',
    );
    expectError(
      () => defineOp(js({ name: "add", inputs: [], dtype: () => "float32", grad: null })),
      "defineOp: op 'add' is declared twice",
    );
    expectError(
      () =>
        registerKernel(js("add"), js({ backend: "gpu", name: "k", accepts: () => true, run: () => null })),
      'registerKernel: kernel.backend must be "js" or "wasm", got "gpu"',
    );
    expectError(
      () => addDispatchHook(js({ before: 1 })),
      "addDispatchHook: hook.before must be a function, got 1",
    );
  });

  it("the fused ops check their tensors and attributes", () => {
    const x = tensor([[1, 2]], { dtype: "float32" });
    expectError(
      () => softmaxCrossEntropy(x, tensor([0]), js({ reduction: "avg", ignoreIndex: -100 })),
      'softmaxCrossEntropy: reduction must be one of "none", "mean", "sum", got "avg"',
    );
    expectError(
      () => softmaxCrossEntropy(x, tensor([0, 1]), js({})),
      "softmaxCrossEntropy: target must be a 1-D int32 tensor of 1 class indices, got int32 [2]",
    );
    const p = tensor([1, 2], { dtype: "float32" });
    expectError(
      () => sgdStep(p, p.clone(), null, js({ lr: 0.1 })),
      "sgdStep: momentum must be a finite number, got undefined",
    );
    expectError(
      () => rowsAsFloat(x, tensor([0]), js({ divider: 255 })),
      'rowsAsFloat: unknown option "divider" in options; did you mean "divisor"?',
    );
  });

  it("setPrintOptions checks keys and values", () => {
    expectError(
      () => setPrintOptions(js({ precison: 2 })),
      'setPrintOptions: unknown option "precison" in options; did you mean "precision"?',
    );
    expectError(
      () => setPrintOptions(js({ precision: -1 })),
      "setPrintOptions: precision must be a non-negative integer, got -1",
    );
  });
});
