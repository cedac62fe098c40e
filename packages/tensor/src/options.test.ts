// checkOptions: unknown keys named with a "did you mean" for near misses; non-objects refused.
import { describe, expect, it } from "vitest";
import { checkOptions, nearest, ValueError } from "./index.js";

describe("checkOptions", () => {
  const known = ["lr", "momentum", "dampening", "weightDecay", "nesterov"];

  it("passes known keys and undefined", () => {
    expect(() => checkOptions("SGD", "options", { lr: 1, momentum: 0.9 }, known)).not.toThrow();
    expect(() => checkOptions("SGD", "options", undefined, known)).not.toThrow();
  });

  it("names the unknown key and suggests the near miss", () => {
    const call = () => checkOptions("SGD", "options", { lr: 0.1, momentun: 0.9 }, known);
    expect(call).toThrow(ValueError);
    expect(call).toThrow(
      'SGD: unknown option "momentun" in options; did you mean "momentum"? (known: lr, momentum, dampening, weightDecay, nesterov)',
    );
    expect(() => checkOptions("SGD", "options", { weight_decay: 1 }, known)).toThrow(
      'did you mean "weightDecay"?',
    );
    expect(() => checkOptions("SGD", "options", { banana: 1 }, known)).toThrow(
      'SGD: unknown option "banana" in options (known:',
    );
  });

  it("refuses what is not an options object", () => {
    expect(() => checkOptions("Linear", "options", 3, ["bias"])).toThrow(
      "Linear: options must be an object of options, got 3",
    );
    expect(() => checkOptions("Linear", "options", [1], ["bias"])).toThrow("got [1]");
    expect(() => checkOptions("Linear", "options", null, ["bias"])).toThrow("got null");
  });

  it("nearest finds typos and case slips only", () => {
    expect(nearest("Momentum", known)).toBe("momentum");
    expect(nearest("nestrov", known)).toBe("nesterov");
    expect(nearest("lr", ["bias", "lr"])).toBe("lr");
    expect(nearest("bais", ["bias", "dtype"])).toBe("bias");
    expect(nearest("x", known)).toBeNull();
  });
});
