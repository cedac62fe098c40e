// Registers the JavaScript kernels of elementwise op families: one generated loop per element
// function, for every dtype and layout (kernels/elementwise-js.ts).
import type { DType } from "../dtype.js";
import { registerKernel } from "../kernel-registry.js";
import type { BinaryFn, Store, UnaryFn } from "../kernels/codegen.js";
import { binaryInto, mapInto } from "../kernels/elementwise-js.js";
import type { OpAttrs, OpName } from "../op.js";
import { broadcastShapes, sameShape } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";

/** Arithmetic stored into a bool output (add is logical or, mul logical and) must store 0 or 1. */
function storeFor(dtype: DType, boolValued: boolean): Store {
  return dtype === "bool" && !boolValued ? "bool" : "value";
}

/** The out-of-place kernel of a binary op: out = fn(a, b), broadcast. */
export function registerBinaryJs<N extends OpName>(name: N, fn: BinaryFn, boolValued: boolean): void {
  registerKernel<N>(name, {
    backend: "js",
    name: "js-binary",
    accepts: () => true,
    run(c) {
      const [a, b] = c.inputs as [Tensor, Tensor];
      const dtype = c.def.dtype(c.inputs, c.attrs);
      const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(c.op, a.shape, b.shape);
      // The loop writes every element: no need to zero the result first.
      const out = empty(dtype, shape, false);
      binaryInto(fn, storeFor(dtype, boolValued), out, a, b);
      return out;
    },
  });
}

/** The in-place kernel of a binary op: self = fn(self, b), b broadcast to self's shape. */
export function registerBinaryInplaceJs<N extends OpName>(name: N, fn: BinaryFn): void {
  registerKernel<N>(name, {
    backend: "js",
    name: "js-binary-inplace",
    accepts: () => true,
    run(c) {
      const [self, b] = c.inputs as [Tensor, Tensor];
      // Reading and writing the same storage is safe elementwise, except when `b` overlaps
      // self with another layout (x.add_(x.t())): copy b first then.
      const src =
        b.storage === self.storage && !sameLayout(b, self)
          ? fromStorage(contiguousData(b), b.dtype, b.shape)
          : b;
      binaryInto(fn, storeFor(self.dtype, false), self, self, src);
      return self;
    },
  });
}

function sameLayout(a: Tensor, b: Tensor): boolean {
  return a.offset === b.offset && sameShape(a.shape, b.shape) && sameShape(a.strides, b.strides);
}

/** The kernel of a unary op: out = fn(x, p, q) with p, q the op's scalar parameters. */
export function registerUnaryJs<N extends OpName>(
  name: N,
  fn: UnaryFn,
  params: (attrs: OpAttrs[N]) => readonly [number, number],
): void {
  registerKernel<N>(name, {
    backend: "js",
    name: "js-map",
    accepts: () => true,
    run(c) {
      const x = c.inputs[0]!;
      const [p, q] = params(c.attrs);
      const out = c.inplace ? x : empty(c.def.dtype(c.inputs, c.attrs), x.shape, false);
      return mapInto(fn, storeFor(out.dtype, false), out, x, p, q);
    },
  });
}
