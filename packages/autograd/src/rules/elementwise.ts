// Gradient rules of the elementwise ops. Gradients may come back in the broadcast shape;
// the engine sums them to each input's shape.
import { type Tensor, where } from "@tsgrad/tensor";
import type { Rule } from "./types.js";

/** The gradient of max/min-like selections: ties split the gradient in half, like PyTorch. */
function selectGrad(g: Tensor, mine: Tensor, other: Tensor, win: "gt" | "lt"): Tensor {
  const winning = mine[win](other);
  const tie = mine.eq(other);
  return where(winning, g, where(tie, g.mul(0.5), 0));
}

/** sign(x) as a float tensor of x's dtype. */
function sign(x: Tensor): Tensor {
  return where(x.gt(0), 1, where(x.lt(0), -1, 0)).to(x.dtype);
}

export const elementwiseRules: Record<string, Rule> = {
  add: () => (g) => [g, g],
  sub: () => (g) => [g, g.neg()],
  mul: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [c.needs[0] ? g.mul(b) : null, c.needs[1] ? g.mul(a) : null];
  },
  div: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => {
      const ga = g.div(b);
      return [c.needs[0] ? ga : null, c.needs[1] ? ga.mul(a).div(b).neg() : null];
    };
  },
  pow: (c) => {
    const [x, y, out] = c.save(c.inputs[0]!, c.inputs[1]!, c.output);
    return (g) => [
      // d/dx x^y = y x^(y-1); where y == 0 the gradient is 0 even at x == 0.
      c.needs[0] ? where(y.eq(0), 0, g.mul(y).mul(x.pow(y.sub(1)))) : null,
      // d/dy x^y = x^y ln x; PyTorch defines it as 0 where x == 0 and y >= 0.
      c.needs[1] ? where(x.eq(0).mul(y.ge(0)).bool(), 0, g.mul(out).mul(x.log())) : null,
    ];
  },
  maximum: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [
      c.needs[0] ? selectGrad(g, a, b, "gt") : null,
      c.needs[1] ? selectGrad(g, b, a, "gt") : null,
    ];
  },
  minimum: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [
      c.needs[0] ? selectGrad(g, a, b, "lt") : null,
      c.needs[1] ? selectGrad(g, b, a, "lt") : null,
    ];
  },
  neg: () => (g) => [g.neg()],
  exp: (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.mul(out)];
  },
  log: (c) => {
    const [x] = c.save(c.inputs[0]!);
    return (g) => [g.div(x)];
  },
  log1p: (c) => {
    const [x] = c.save(c.inputs[0]!);
    return (g) => [g.div(x.add(1))];
  },
  sqrt: (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.div(out.mul(2))];
  },
  abs: (c) => {
    const [x] = c.save(c.inputs[0]!);
    return (g) => [g.mul(sign(x))];
  },
  sigmoid: (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.mul(out).mul(out.neg().add(1))];
  },
  tanh: (c) => {
    const [out] = c.save(c.output);
    return (g) => [g.mul(out.mul(out).neg().add(1))];
  },
  relu: (c) => {
    const [out] = c.save(c.output);
    return (g) => [where(out.gt(0), g, 0)];
  },
  clamp: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const min = c.attrs.min as number | null;
    const max = c.attrs.max as number | null;
    return (g) => {
      // The gradient passes where the input was inside [min, max] (bounds included).
      let inside = x.eq(x);
      if (min !== null) inside = inside.mul(x.ge(min)).bool();
      if (max !== null) inside = inside.mul(x.le(max)).bool();
      return [where(inside, g, 0)];
    };
  },
  where: (c) => {
    const [cond] = c.save(c.inputs[0]!);
    return (g) => [null, c.needs[1] ? where(cond, g, 0) : null, c.needs[2] ? where(cond, 0, g) : null];
  },
  to: (c) => {
    const dtype = c.inputs[0]!.dtype;
    return (g) => [g.to(dtype)];
  },
  clone: () => (g) => [g],
  contiguous: () => (g) => [g],
};
