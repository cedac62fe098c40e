// PyTorch-style printing. Expected strings are PyTorch's output (torch 1.13) with tsgrad's
// conventions: `true`/`false`, `dtype=float64`, `size=[0, 3]`, `requiresGrad=true`.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { arange, setPrintOptions, type Tensor, tensor, zeros } from "./index.js";

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;
const f64 = (x: Parameters<typeof tensor>[0]) => tensor(x, { dtype: "float64" });
const str = (t: Tensor) => t.toString();

describe("scalars and vectors", () => {
  it("0-dim tensors", () => {
    expect(str(tensor(3.5))).toBe("tensor(3.5000)");
    expect(str(tensor(-3))).toBe("tensor(-3)");
    expect(str(tensor(true))).toBe("tensor(true)");
    expect(str(tensor(INF))).toBe("tensor(inf)");
    expect(str(f64(2.5))).toBe("tensor(2.5000, dtype=float64)");
  });

  it("integers are right-aligned to a common width", () => {
    expect(str(tensor([1, 2, 3]))).toBe("tensor([1, 2, 3])");
    expect(str(tensor([-10, 5]))).toBe("tensor([-10,   5])");
  });

  it("bools print as true/false, padded", () => {
    expect(str(tensor([true, false]))).toBe("tensor([ true, false])");
  });

  it("floats: fixed with 4 digits, integer-valued with a trailing dot", () => {
    expect(str(tensor([1.0, 2.0], { dtype: "float32" }))).toBe("tensor([1., 2.])");
    expect(str(tensor([0, 0], { dtype: "float32" }))).toBe("tensor([0., 0.])");
    expect(
      str(
        tensor([
          [0.1, 0.2],
          [0.3, 0.4],
        ]),
      ),
    ).toBe("tensor([[0.1000, 0.2000],\n        [0.3000, 0.4000]])");
  });

  it("scientific notation when the range is wide or values are tiny or huge", () => {
    expect(str(tensor([1e-5, 1, 1e3]))).toBe("tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])");
    expect(str(tensor([-1e-5, 1]))).toBe("tensor([-1.0000e-05,  1.0000e+00])");
    expect(str(tensor([1e9, 1], { dtype: "float32" }))).toBe("tensor([1.0000e+09, 1.0000e+00])");
    expect(str(tensor([123456.789, 0.5]))).toBe("tensor([1.2346e+05, 5.0000e-01])");
    expect(str(tensor([0.00012, 1]))).toBe("tensor([1.2000e-04, 1.0000e+00])");
    expect(str(tensor([[1e-5]]))).toBe("tensor([[1.0000e-05]])");
  });

  it("nan and inf; the width comes from the finite non-zero values", () => {
    expect(str(tensor([1, NAN, INF], { dtype: "float32" }))).toBe("tensor([1., nan, inf])");
    expect(str(tensor([1.5, NAN]))).toBe("tensor([1.5000,    nan])");
    expect(str(tensor([-INF, 2.25]))).toBe("tensor([  -inf, 2.2500])");
    expect(str(tensor([NAN]))).toBe("tensor([nan])");
  });

  it("rounds like C printf: ties to even, -0 keeps its sign", () => {
    expect(str(tensor([1.03125]))).toBe("tensor([1.0312])");
    expect(str(tensor([-0], { dtype: "float32" }))).toBe("tensor([-0.])");
  });

  it("prints the logical order of non-contiguous tensors", () => {
    expect(str(arange(6).view(2, 3).t())).toBe("tensor([[0, 3],\n        [1, 4],\n        [2, 5]])");
  });

  it("3-D tensors separate blocks with a blank line", () => {
    expect(str(arange(8).view(2, 2, 2))).toBe(
      "tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])",
    );
  });
});

describe("summarization and wrapping", () => {
  it("more than 1000 elements print edge items around ...", () => {
    expect(str(arange(2000))).toBe("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])");
    expect(str(arange(1001, undefined, 1, { dtype: "float32" }))).toBe(
      "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])",
    );
    expect(str(arange(1000))).not.toContain("...");
  });

  it("summarizes every long dim of a matrix", () => {
    expect(str(zeros([100, 100]))).toBe(
      [
        "tensor([[0., 0., 0.,  ..., 0., 0., 0.],",
        "        [0., 0., 0.,  ..., 0., 0., 0.],",
        "        [0., 0., 0.,  ..., 0., 0., 0.],",
        "        ...,",
        "        [0., 0., 0.,  ..., 0., 0., 0.],",
        "        [0., 0., 0.,  ..., 0., 0., 0.],",
        "        [0., 0., 0.,  ..., 0., 0., 0.]])",
      ].join("\n"),
    );
    expect(str(arange(1200).view(2, 3, 200))).toBe(
      [
        "tensor([[[   0,    1,    2,  ...,  197,  198,  199],",
        "         [ 200,  201,  202,  ...,  397,  398,  399],",
        "         [ 400,  401,  402,  ...,  597,  598,  599]],",
        "",
        "        [[ 600,  601,  602,  ...,  797,  798,  799],",
        "         [ 800,  801,  802,  ...,  997,  998,  999],",
        "         [1000, 1001, 1002,  ..., 1197, 1198, 1199]]])",
      ].join("\n"),
    );
  });

  it("wraps rows at 80 columns", () => {
    expect(str(arange(30, undefined, 1, { dtype: "float32" }))).toBe(
      [
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,",
        "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,",
        "        28., 29.])",
      ].join("\n"),
    );
    expect(str(arange(40, undefined, 1, { dtype: "float32" }).view(2, 20))).toBe(
      [
        "tensor([[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,",
        "         14., 15., 16., 17., 18., 19.],",
        "        [20., 21., 22., 23., 24., 25., 26., 27., 28., 29., 30., 31., 32., 33.,",
        "         34., 35., 36., 37., 38., 39.]])",
      ].join("\n"),
    );
    for (const line of str(arange(500, undefined, 1, { dtype: "float32" }).div(7)).split("\n")) {
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });
});

describe("suffixes and empty tensors", () => {
  it("float64 says its dtype; float32, int32 and bool do not", () => {
    expect(str(f64([1.5, 2]))).toBe("tensor([1.5000, 2.0000], dtype=float64)");
    expect(str(tensor([1.5]))).toBe("tensor([1.5000])");
  });

  it("requiresGrad and gradFn", () => {
    expect(str(tensor([1, 2], { requiresGrad: true }))).toBe("tensor([1., 2.], requiresGrad=true)");
    expect(str(tensor([1.5], { dtype: "float64", requiresGrad: true }))).toBe(
      "tensor([1.5000], dtype=float64, requiresGrad=true)",
    );
    const t = tensor([3.5]);
    t.gradFn = { name: "AddBackward0" };
    t.requiresGrad = true;
    expect(str(t)).toBe("tensor([3.5000], gradFn=<AddBackward0>)");
  });

  it("empty tensors", () => {
    expect(str(tensor([]))).toBe("tensor([])");
    expect(str(zeros([0, 3]))).toBe("tensor([], size=[0, 3])");
    expect(str(zeros([0], { dtype: "int32" }))).toBe("tensor([], dtype=int32)");
    expect(str(zeros([0], { dtype: "float64" }))).toBe("tensor([], dtype=float64)");
    expect(str(zeros([2, 0], { dtype: "bool" }))).toBe("tensor([], size=[2, 0], dtype=bool)");
  });

  it("node's inspect uses the same text", () => {
    expect(inspect(tensor([1, 2]))).toBe("tensor([1, 2])");
    expect(`${tensor(1.5)}`).toBe("tensor(1.5000)");
  });
});

describe("setPrintOptions", () => {
  it("precision, sciMode, threshold, edgeitems, linewidth; no argument restores the defaults", () => {
    try {
      setPrintOptions({ precision: 2 });
      expect(str(tensor([1.2345, 10]))).toBe("tensor([ 1.23, 10.00])");
      setPrintOptions({ precision: 4, sciMode: true });
      expect(str(tensor([1.5, 2]))).toBe("tensor([1.5000e+00, 2.0000e+00])");
      setPrintOptions({ sciMode: false });
      expect(str(tensor([1e-5, 1]))).toBe("tensor([0.0000, 1.0000])");
      setPrintOptions({ sciMode: null, threshold: 5, edgeitems: 1 });
      expect(str(arange(10))).toBe("tensor([0,  ..., 9])");
      setPrintOptions({ threshold: 1000, edgeitems: 3, linewidth: 20 });
      expect(str(arange(6))).toBe("tensor([0, 1, 2, 3,\n        4, 5])");
    } finally {
      setPrintOptions();
    }
    expect(str(arange(30, undefined, 1, { dtype: "float32" })).split("\n")).toHaveLength(3);
    expect(str(tensor([1.2345]))).toBe("tensor([1.2345])");
  });
});
