// Gradient rule of matmul: dA = G @ B^T, dB = A^T @ G, on transposed views (no copies), with
// 1-D operands promoted the way the forward promoted them.
import type { Tensor } from "@tsgrad/tensor";
import { sumToShape } from "../unbroadcast.js";
import type { Rule } from "./types.js";

export const linalgRules: Record<string, Rule> = {
  // y = x @ W.T + b: dx = g @ W, dW = g.T @ x, db = sum of g over rows; the products run on
  // views ([rows, in] and g's transpose), so nothing is copied.
  linear: (c) => {
    const [x, w] = c.save(c.inputs[0]!, c.inputs[1]!);
    const inF = w.shape[1]!;
    const out = w.shape[0]!;
    return (g) => {
      const g2 = g.reshape(-1, out);
      return [
        c.needs[0] ? g2.matmul(w).reshape(x.shape) : null,
        c.needs[1] ? g2.t().matmul(x.reshape(-1, inF)) : null,
        c.needs[2] ? g2.sum(0) : null,
      ];
    };
  },
  matmul: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => {
      const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
      const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
      let g2: Tensor = g;
      if (a.ndim === 1) g2 = g2.unsqueeze(b.ndim === 1 ? -1 : -2);
      if (b.ndim === 1) g2 = g2.unsqueeze(-1);
      const ga = c.needs[0] ? sumToShape(g2.matmul(b2.transpose(-1, -2)), a2.shape).reshape(a.shape) : null;
      const gb = c.needs[1] ? sumToShape(a2.transpose(-1, -2).matmul(g2), b2.shape).reshape(b.shape) : null;
      return [ga, gb];
    };
  },
};
