// Gradient rules of in-place ops. They are called before the op overwrites its first input
// (see record.ts), so a rule that needs the old values clones them then.
import { where, zerosLike } from "@tsgrad/tensor";
import type { Rule } from "./types.js";

export const inplaceRules: Record<string, Rule> = {
  add_: () => (g) => [g, g],
  sub_: () => (g) => [g, g.neg()],
  mul_: (c) => {
    const [b] = c.save(c.inputs[1]!);
    const old = c.needs[1] ? c.inputs[0]!.clone() : null;
    return (g) => [c.needs[0] ? g.mul(b) : null, old ? g.mul(old) : null];
  },
  div_: (c) => {
    const [b] = c.save(c.inputs[1]!);
    const old = c.needs[1] ? c.inputs[0]!.clone() : null;
    return (g) => {
      const ga = g.div(b);
      return [c.needs[0] ? ga : null, old ? ga.mul(old).div(b).neg() : null];
    };
  },
  // The old values are overwritten: no gradient flows to them.
  copy_: () => (g) => [zerosLike(g), g],
  zero_: () => (g) => [zerosLike(g)],
  fill_: () => (g) => [zerosLike(g)],
  clamp_: (c) => {
    const x = c.inputs[0]!;
    const min = c.attrs.min as number | null;
    const max = c.attrs.max as number | null;
    let inside = x.eq(x);
    if (min !== null) inside = inside.mul(x.ge(min)).bool();
    if (max !== null) inside = inside.mul(x.le(max)).bool();
    return (g) => [where(inside, g, 0)];
  },
};
