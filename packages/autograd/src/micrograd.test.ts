// Small expression graphs in the style of micrograd's tests, with hand-derived gradients.
import { tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import "./index.js";

const scalar = (v: number) => tensor(v, { dtype: "float64", requiresGrad: true });

describe("expression graphs", () => {
  it("a neuron: tanh(x1 w1 + x2 w2 + b)", () => {
    const [x1, x2, w1, w2, b] = [
      scalar(2),
      scalar(0),
      scalar(-3),
      scalar(1),
      scalar(6 + Math.atanh(Math.SQRT1_2)),
    ];
    const o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
    o.backward();
    expect(o.item()).toBeCloseTo(Math.SQRT1_2, 6);
    // do/dn = 1 - o^2 = 0.5
    expect(x1.grad?.item()).toBeCloseTo(-1.5, 6);
    expect(w1.grad?.item()).toBeCloseTo(1, 6);
    expect(x2.grad?.item()).toBeCloseTo(0.5, 6);
    expect(w2.grad?.item()).toBeCloseTo(0, 6);
    expect(b.grad?.item()).toBeCloseTo(0.5, 6);
  });

  it("micrograd's sanity check: z = 2x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x", () => {
    const x = scalar(-4);
    const z = x.mul(2).add(2).add(x);
    const q = z.relu().add(z.mul(x));
    const h = z.mul(z).relu();
    const y = h.add(q).add(q.mul(x));
    y.backward();
    expect(y.item()).toBeCloseTo(-20, 10);
    expect(x.grad?.item()).toBeCloseTo(46, 10);
  });

  it("micrograd's more ops", () => {
    const a = scalar(-4);
    const b = scalar(2);
    let c = a.add(b);
    let d = a.mul(b).add(b.pow(3));
    c = c.add(c).add(1);
    c = c.add(1).add(c).sub(a);
    d = d.add(d.mul(2)).add(b.add(a).relu());
    d = d.add(d.mul(3)).add(b.sub(a).relu());
    const e = c.sub(d);
    const f = e.pow(2);
    let g = f.div(2);
    g = g.add(tensor(10, { dtype: "float64" }).div(f));
    g.backward();
    expect(g.item()).toBeCloseTo(24.70408163265306, 10);
    expect(a.grad?.item()).toBeCloseTo(138.83381924198252, 8);
    expect(b.grad?.item()).toBeCloseTo(645.5772594752186, 8);
  });
});
