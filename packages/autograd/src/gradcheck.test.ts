// gradcheck's own arguments (its use is tested with the rules and the custom functions).
import { type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { GradcheckError, gradcheck } from "./index.js";

const x = () => tensor([0.5, -1], { dtype: "float64", requiresGrad: true });
const square = (a?: Tensor) => a!.mul(a!);

describe("gradcheck from plain JavaScript", () => {
  it("fn must be a function and inputs an array of tensors", () => {
    const a = () => gradcheck("f" as unknown as typeof square, [x()]);
    expect(a).toThrow(ValueError);
    expect(a).toThrow('gradcheck: fn must be a function, got "f"');
    expect(() => gradcheck(square, x() as unknown as Tensor[])).toThrow(
      "gradcheck: inputs must be an array of tensors, got a tensor of shape [2]",
    );
    expect(() => gradcheck(square, [x(), 2 as unknown as Tensor])).toThrow(
      "gradcheck: inputs must be an array of tensors, got [a tensor of shape [2], 2]",
    );
  });

  it("checks the options: known keys, a positive eps, non-negative tolerances", () => {
    expect(() => gradcheck(square, [x()], { epsilon: 1e-3 } as unknown as object)).toThrow(
      'gradcheck: unknown option "epsilon" in options',
    );
    expect(() => gradcheck(square, [x()], x() as unknown as object)).toThrow(
      "gradcheck: options must be an object of options, got a tensor of shape [2]",
    );
    expect(() => gradcheck(square, [x()], { eps: 0 })).toThrow(
      "gradcheck: eps must be a finite number > 0, got 0",
    );
    expect(() => gradcheck(square, [x()], { atol: Number.NaN })).toThrow(
      "gradcheck: atol must be a finite number >= 0, got NaN",
    );
    expect(() => gradcheck(square, [x()], { rtol: "1" as unknown as number })).toThrow(ValueError);
  });

  it("an fn that returns no tensor is a GradcheckError", () => {
    const call = () => gradcheck(() => 3 as unknown as Tensor, [x()]);
    expect(call).toThrow(GradcheckError);
    expect(call).toThrow("gradcheck: fn must return a tensor, got 3");
  });
});
