// einsum: one and two operands, explicit and implicit outputs, diagonals, several operands,
// errors. Goldens (golden.test.ts) and gradchecks (@tsgrad/autograd) cover the rest.
import { describe, expect, it } from "vitest";
import { arange, einsum, ShapeError, tensor, ValueError } from "../index.js";

const a = arange(6).view(2, 3).float();
const b = arange(12).view(3, 4).float();

describe("einsum", () => {
  it("multiplies matrices, explicitly and implicitly, and batches", () => {
    expect(einsum("ij,jk->ik", a, b).toArray()).toEqual(a.matmul(b).toArray());
    expect(einsum("ij,jk", a, b).toArray()).toEqual(a.matmul(b).toArray());
    expect(einsum("ij,jk->ki", a, b).toArray()).toEqual(a.matmul(b).t().toArray());
    const x = arange(12).view(2, 2, 3).float();
    const y = arange(12).view(2, 3, 2).float();
    expect(einsum("bij,bjk->bik", x, y).toArray()).toEqual(x.matmul(y).toArray());
  });

  it("does dots, outer products, transposes, sums, traces and diagonals", () => {
    const v = tensor([1, 2, 3]).float();
    expect(einsum("i,i->", v, v).item()).toBe(14);
    expect(einsum("i,j->ij", v, v.narrow(0, 0, 2)).toArray()).toEqual(v.outer(v.narrow(0, 0, 2)).toArray());
    expect(einsum("ij->ji", a).toArray()).toEqual(a.t().toArray());
    expect(einsum("ba", a).toArray()).toEqual(a.t().toArray()); // implicit: alphabetical
    expect(einsum("ij->", a).item()).toBe(15);
    expect(einsum("ij->j", a).toArray()).toEqual([3, 5, 7]);
    const m = arange(9).view(3, 3);
    expect(einsum("ii", m).item()).toBe(12);
    expect(einsum("ii->i", m).toArray()).toEqual([0, 4, 8]);
  });

  it("contracts three operands left to right, spaces allowed", () => {
    const c = tensor([1, -1, 2, 0]).float();
    const want = a.matmul(b).matmul(c);
    expect(einsum("ij, jk, k -> i", a, b, c).toArray()).toEqual(want.toArray());
  });

  it("refuses bad equations, operand counts and sizes, naming einsum", () => {
    expect(() => einsum("ij,jk->ik", a)).toThrow(
      new ValueError('einsum: the equation names 2 operands but 1 was given ("ij,jk->ik")'),
    );
    expect(() => einsum("ijk->i", a)).toThrow(
      new ShapeError('einsum: operand 0 has 2 dims (shape [2, 3]) but its subscripts "ijk" name 3'),
    );
    expect(() => einsum("ij,ij->i", a, b)).toThrow(
      new ShapeError("einsum: subscript i has size 2 in one operand and 3 in another"),
    );
    expect(() => einsum("...ij->ij", a)).toThrow(/^einsum: ellipsis/);
    expect(() => einsum("i1->i", a)).toThrow(/^einsum: the equation may hold only letters/);
    expect(() => einsum("ij->k", a)).toThrow("einsum: output subscript k does not appear in the inputs");
    expect(() => einsum("ij->ii", a)).toThrow("einsum: output subscript i appears more than once");
    expect(() => einsum("ii", a)).toThrow(ShapeError);
    expect(() => einsum("ij")).toThrow("einsum: expected at least one operand");
    expect(() => einsum("ij", [1] as never)).toThrow("einsum: operand 0 must be a tensor, got [1]");
    expect(() => einsum(null as never, a)).toThrow("einsum: equation must be a string, got null");
  });
});
