// einsum: Einstein summation (torch.einsum) over one or more operands, built on diagonal, sum,
// permute, reshape and matmul, so gradients come from their rules. Operands are contracted
// left to right, two at a time, each pair as one batched matrix product.
import { argError, checkString } from "../args.js";
import { fmtShape, fmtValue, ShapeError, ValueError } from "../errors.js";
import { Tensor } from "../tensor.js";
import "./matmul.js";
import "./reduce.js";
import "./views.js";
import "./diagonal.js";

const LETTER = /^[a-zA-Z]$/;

/** An operand with one letter per dim, repeated letters already taken as diagonals. */
interface Term {
  t: Tensor;
  letters: string[];
}

function parse(equation: string, n: number): { inputs: string[][]; output: string[] } {
  const eq = equation.replace(/\s+/g, "");
  if (eq.includes("."))
    throw new ValueError(`einsum: ellipsis ("...") is not supported, got ${fmtValue(equation)}`);
  const arrow = eq.indexOf("->");
  const lhs = arrow < 0 ? eq : eq.slice(0, arrow);
  const rhs = arrow < 0 ? null : eq.slice(arrow + 2);
  const inputs = lhs.split(",").map((s) => [...s]);
  for (const s of [...inputs.flat(), ...(rhs === null ? [] : [...rhs])]) {
    if (!LETTER.test(s)) {
      throw new ValueError(
        `einsum: the equation may hold only letters, "," and "->", got ${fmtValue(equation)}`,
      );
    }
  }
  if (inputs.length !== n) {
    throw new ValueError(
      `einsum: the equation names ${inputs.length} operand${inputs.length === 1 ? "" : "s"} but ${n} ${n === 1 ? "was" : "were"} given (${fmtValue(equation)})`,
    );
  }
  let output: string[];
  if (rhs === null) {
    // Implicit output: the letters that appear exactly once, in alphabetical order.
    const counts = new Map<string, number>();
    for (const s of inputs.flat()) counts.set(s, (counts.get(s) ?? 0) + 1);
    output = [...counts.keys()].filter((s) => counts.get(s) === 1).sort();
  } else {
    output = [...rhs];
    const all = new Set(inputs.flat());
    for (const [i, s] of output.entries()) {
      if (output.indexOf(s) !== i)
        throw new ValueError(`einsum: output subscript ${s} appears more than once`);
      if (!all.has(s)) throw new ValueError(`einsum: output subscript ${s} does not appear in the inputs`);
    }
  }
  return { inputs, output };
}

/** Takes the diagonal of every repeated letter, so each letter names one dim. */
function distinct(t: Tensor, letters: string[]): Term {
  let x = t;
  const ls = [...letters];
  for (;;) {
    const q = ls.findIndex((s, i) => ls.indexOf(s) !== i);
    if (q < 0) return { t: x, letters: ls };
    const p = ls.indexOf(ls[q]!);
    if (x.shape[p] !== x.shape[q]) {
      throw new ShapeError(
        `einsum: subscript ${ls[p]} is repeated for operand dims of sizes ${x.shape[p]} and ${x.shape[q]}`,
      );
    }
    const s = ls[p]!;
    x = x.diagonal(0, p, q);
    ls.splice(q, 1);
    ls.splice(p, 1);
    ls.push(s);
  }
}

/** Sums out the letters of `a` that `keep` does not hold. */
function sumOut(a: Term, keep: Set<string>): Term {
  const dims = a.letters.flatMap((s, i) => (keep.has(s) ? [] : [i]));
  if (dims.length === 0) return a;
  return { t: a.t.sum(dims), letters: a.letters.filter((s) => keep.has(s)) };
}

const prod = (xs: number[]): number => xs.reduce((p, v) => p * v, 1);

/** a and b contracted into the letters `out` (each in a or b, none repeated). */
function contract(a: Term, b: Term, out: string[]): Term {
  const keepA = new Set([...b.letters, ...out]);
  const keepB = new Set([...a.letters, ...out]);
  const A = sumOut(a, keepA);
  const B = sumOut(b, keepB);
  const size = new Map<string, number>();
  for (const x of [A, B]) {
    x.letters.forEach((s, i) => {
      const n = x.t.shape[i]!;
      const m = size.get(s);
      if (m !== undefined && m !== n) {
        throw new ShapeError(`einsum: subscript ${s} has size ${m} in one operand and ${n} in another`);
      }
      size.set(s, n);
    });
  }
  const inA = new Set(A.letters);
  const inB = new Set(B.letters);
  const outSet = new Set(out);
  const batch = A.letters.filter((s) => inB.has(s) && outSet.has(s));
  const summed = A.letters.filter((s) => inB.has(s) && !outSet.has(s));
  const left = A.letters.filter((s) => !inB.has(s));
  const right = B.letters.filter((s) => !inA.has(s));
  const sizes = (ls: string[]) => ls.map((s) => size.get(s)!);
  const order = (x: Term, ls: string[]) => ls.map((s) => x.letters.indexOf(s));
  const a3 = A.t
    .permute(order(A, [...batch, ...left, ...summed]))
    .reshape([prod(sizes(batch)), prod(sizes(left)), prod(sizes(summed))]);
  const b3 = B.t
    .permute(order(B, [...batch, ...summed, ...right]))
    .reshape([prod(sizes(batch)), prod(sizes(summed)), prod(sizes(right))]);
  const letters = [...batch, ...left, ...right];
  const r = a3.matmul(b3).reshape(sizes(letters));
  const perm = out.map((s) => letters.indexOf(s));
  return { t: r.permute(perm), letters: out };
}

/**
 * Einstein summation, as `torch.einsum`: `einsum("ij,jk->ik", a, b)` is `a.matmul(b)`,
 * `einsum("ii", a)` the trace, `einsum("bij,bjk->bik", a, b)` a batched product; without
 * "->" the output is the letters that appear once, in alphabetical order. Letters only (no
 * "..."); a letter's dims must have the same size in every operand (no broadcasting).
 * Gradients flow through the ops it is built on.
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  checkString("einsum", "equation", equation);
  if (operands.length === 0) throw new ValueError("einsum: expected at least one operand");
  operands.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw argError("einsum", `operand ${i}`, "a tensor", t);
  });
  const { inputs, output } = parse(equation, operands.length);
  const terms = operands.map((t, i) => {
    if (inputs[i]!.length !== t.ndim) {
      throw new ShapeError(
        `einsum: operand ${i} has ${t.ndim} dims (shape ${fmtShape(t.shape)}) but its subscripts ${fmtValue(inputs[i]!.join(""))} name ${inputs[i]!.length}`,
      );
    }
    return distinct(t, inputs[i]!);
  });
  let acc = terms[0]!;
  for (let k = 1; k < terms.length; k++) {
    // Keep what the output or a later operand still needs, in order of appearance.
    const later = new Set([...output, ...terms.slice(k + 1).flatMap((x) => x.letters)]);
    const keep = [...new Set([...acc.letters, ...terms[k]!.letters])].filter((s) => later.has(s));
    acc = contract(acc, terms[k]!, keep);
  }
  const last = sumOut(acc, new Set(output));
  const perm = output.map((s) => last.letters.indexOf(s));
  return last.t.permute(perm);
}
