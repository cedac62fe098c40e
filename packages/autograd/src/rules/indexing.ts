// Gradient rules of indexing ops: the gradient is scattered back (and summed where an index
// repeats) into a zero tensor of the input's shape.
import { arange, type Tensor, zeros } from "@tsgrad/tensor";
import type { Rule } from "./types.js";

export const indexingRules: Record<string, Rule> = {
  gather: (c) => {
    const shape = c.inputs[0]!.shape;
    const dtype = c.inputs[0]!.dtype;
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim as number;
    return (g) => [zeros(shape, { dtype }).scatterAdd(dim, index, g), null];
  },
  scatterAdd: (c) => {
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim as number;
    return (g) => [g, null, c.needs[2] ? g.gather(dim, index) : null];
  },
  indexSelect: (c) => {
    const x = c.inputs[0]!;
    const [index] = c.save(c.inputs[1]!);
    const dim = c.attrs.dim as number;
    return (g) => {
      if (x.ndim === 0) return [g.sum(), null];
      // Broadcast the 1-D index along the other dims and scatter-add.
      const idxShape = g.shape.map((_, i) => (i === dim ? -1 : 1));
      const idx = index.reshape(idxShape).expand(g.shape).contiguous();
      return [zeros(x.shape, { dtype: x.dtype }).scatterAdd(dim, idx, g), null];
    };
  },
  index: (c) => {
    const x = c.inputs[0]!;
    const indexTensors = c.save(...c.inputs.slice(1));
    const dims = c.attrs.dims as number[];
    return (g) => {
      // Where each output element came from, as flat positions of x: index a tensor of
      // positions the same way, then scatter-add the gradient at those positions.
      const full: (Tensor | null)[] = x.shape.map(() => null);
      dims.forEach((d, k) => {
        full[d] = indexTensors[k]!;
      });
      const positions = arange(x.numel()).reshape(x.shape).index(full);
      const flat = zeros([x.numel()], { dtype: x.dtype }).scatterAdd(0, positions.reshape(-1), g.reshape(-1));
      return [flat.reshape(x.shape), ...indexTensors.map(() => null)];
    };
  },
};
