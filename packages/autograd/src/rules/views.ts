// Gradient rules of views and joins: the gradient takes the inverse shape change.

import { type Tensor, zeros } from "@tsgrad/tensor";
import { noGrad } from "../grad-mode.js";
import type { Rule } from "./types.js";

/** A zero gradient of `shape` with `g` written into the view that `place` selects. */
function scatterInto(g: Tensor, shape: readonly number[], place: (z: Tensor) => Tensor): Tensor {
  const z = zeros(shape, { dtype: g.dtype });
  noGrad(() => place(z).copy_(g));
  return z;
}

export const viewRules: Record<string, Rule> = {
  view: (c) => {
    const shape = c.inputs[0]!.shape;
    return (g) => [g.reshape(shape)];
  },
  reshape: (c) => {
    const shape = c.inputs[0]!.shape;
    return (g) => [g.reshape(shape)];
  },
  permute: (c) => {
    const dims = c.attrs.dims as number[];
    const inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => {
      inverse[d] = i;
    });
    return (g) => [g.permute(inverse)];
  },
  // The engine's un-broadcasting sums the expanded dims back.
  expand: () => (g) => [g],
  slice: (c) => {
    const shape = c.inputs[0]!.shape;
    const { dim, start, end, step } = c.attrs as { dim: number; start: number; end: number; step: number };
    return (g) => [scatterInto(g, shape, (z) => z.slice(dim, start, end, step))];
  },
  select: (c) => {
    const shape = c.inputs[0]!.shape;
    const { dim, index } = c.attrs as { dim: number; index: number };
    return (g) => [scatterInto(g, shape, (z) => z.select(dim, index))];
  },
  cat: (c) => {
    const dim = c.attrs.dim as number;
    const sizes = c.inputs.map((t) => t.shape[dim]!);
    return (g) => {
      let at = 0;
      return sizes.map((n, i) => {
        const part = c.needs[i] ? g.narrow(dim, at, n) : null;
        at += n;
        return part;
      });
    };
  },
};
