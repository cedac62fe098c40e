// LeakyReLU, GELU, SiLU, Softplus, ELU: forward is the tensor op, constructor arguments are
// checked and named, toString prints the options as PyTorch's repr does.
import { elu, gelu, leakyRelu, silu, softplus, type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { ELU, GELU, LeakyReLU, Sequential, SiLU, Softplus, Tanh } from "./index.js";

const x = tensor([-30, -2.5, -0.5, 0, 0.75, 3, 25], { dtype: "float64" }).view(7, 1).t();
const values = (t: Tensor): number[] => Array.from(t.toTypedArray());

describe("activation modules", () => {
  it("forward equals the function", () => {
    expect(values(new LeakyReLU().forward(x))).toEqual(values(leakyRelu(x)));
    expect(values(new LeakyReLU(0.2).forward(x))).toEqual(values(leakyRelu(x, 0.2)));
    expect(values(new GELU().forward(x))).toEqual(values(gelu(x)));
    expect(values(new GELU({ approximate: "tanh" }).forward(x))).toEqual(
      values(gelu(x, { approximate: "tanh" })),
    );
    expect(values(new SiLU().forward(x))).toEqual(values(silu(x)));
    expect(values(new Softplus().forward(x))).toEqual(values(softplus(x)));
    expect(values(new Softplus({ beta: 2, threshold: 1 }).forward(x))).toEqual(
      values(softplus(x, { beta: 2, threshold: 1 })),
    );
    expect(values(new ELU().forward(x))).toEqual(values(elu(x)));
    expect(values(new ELU({ alpha: 0.5 }).call(x))).toEqual(values(elu(x, { alpha: 0.5 })));
    expect(values(new Tanh().forward(x))).toEqual(values(x.tanh()));
  });

  it("prints its options as PyTorch's repr (camelCase names)", () => {
    expect(
      String(
        new Sequential(
          new LeakyReLU(),
          new GELU({ approximate: "tanh" }),
          new SiLU(),
          new Softplus(),
          new ELU({ alpha: 0.5 }),
        ),
      ),
    ).toBe(
      [
        "Sequential(",
        "  (0): LeakyReLU(negativeSlope=0.01)",
        "  (1): GELU(approximate='tanh')",
        "  (2): SiLU()",
        "  (3): Softplus(beta=1, threshold=20)",
        "  (4): ELU(alpha=0.5)",
        ")",
      ].join("\n"),
    );
    expect(String(new GELU())).toBe("GELU(approximate='none')");
  });

  it("checks its constructor arguments, naming the class and the argument", () => {
    expect(() => new LeakyReLU("0.1" as unknown as number)).toThrow(ValueError);
    expect(() => new LeakyReLU("0.1" as unknown as number)).toThrow(
      'LeakyReLU: negativeSlope must be a finite number, got "0.1"',
    );
    expect(() => new LeakyReLU(Number.NaN)).toThrow(
      "LeakyReLU: negativeSlope must be a finite number, got NaN",
    );
    expect(() => new GELU({ approximate: "erf" as "none" })).toThrow(
      'GELU: approximate must be one of "none", "tanh", got "erf"',
    );
    expect(() => new GELU("tanh" as never)).toThrow(
      'GELU: options must be an object of options, got "tanh"; pass it as { approximate: "tanh" }',
    );
    expect(() => new GELU({ aproximate: "tanh" } as never)).toThrow('did you mean "approximate"?');
    expect(() => new SiLU(true as never)).toThrow("SiLU: takes no arguments, got true");
    expect(() => new Softplus({ beta: "2" as unknown as number })).toThrow(
      'Softplus: beta must be a finite number, got "2"',
    );
    expect(() => new Softplus({ threshold: Number.POSITIVE_INFINITY })).toThrow(
      "Softplus: threshold must be a finite number, got Infinity",
    );
    expect(() => new Softplus(2 as never)).toThrow("pass it as { beta: 2 }");
    expect(() => new ELU(0.5 as never)).toThrow(
      "ELU: options must be an object of options, got 0.5; pass it as { alpha: 0.5 }",
    );
    expect(() => new ELU({ alpha: null as unknown as number })).toThrow(
      "ELU: alpha must be a finite number, got null",
    );
    expect(() => new ELU({ alhpa: 1 } as never)).toThrow('did you mean "alpha"?');
  });

  it("forward names an input that is not a tensor", () => {
    expect(() => new GELU().forward([1, 2] as unknown as Tensor)).toThrow(
      "GELU.forward: input must be a tensor, got [1, 2]",
    );
    expect(() => new SiLU().forward(2 as unknown as Tensor)).toThrow("SiLU.forward: input must be a tensor");
  });
});
