// Views: random chains of shape ops against the reference, storage sharing, reshape's copy
// rule, and the error messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange, IndexError, ShapeError, type Tensor, tensor, ValueError, zeros } from "../index.js";
import {
  expectRef,
  numel,
  type Ref,
  readStrided,
  refExpand,
  refPermute,
  refReshape,
  refSelect,
  refSlice,
  refTranspose,
} from "../reference.test-util.js";

/** One step of a view chain: an op kind and raw random numbers it interprets against the current shape. */
type Step = { kind: number; r: number[] };
const arbStep = fc.record({
  kind: fc.integer({ min: 0, max: 11 }),
  r: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }),
});

/** Python's slice bound normalization (negative from the end, clamped to [0, n]). */
function pyBound(i: number | undefined, n: number, dflt: number): number {
  if (i === undefined) return dflt;
  return Math.min(Math.max(i < 0 ? i + n : i, 0), n);
}

/** A new shape with the same number of elements: merges or splits dims, maybe with one -1. */
function reshapeTarget(shape: readonly number[], r: readonly number[]): number[] {
  const s = [...shape];
  const mode = r[0]! % 4;
  if (mode === 0) return [numel(s)];
  if (mode === 1 && s.length >= 2) {
    const i = r[1]! % (s.length - 1);
    s.splice(i, 2, s[i]! * s[i + 1]!);
  } else if (mode === 2 && s.length >= 1 && s[r[1]! % s.length]! > 0) {
    const i = r[1]! % s.length;
    const n = s[i]!;
    const divisors = Array.from({ length: n }, (_, k) => k + 1).filter((k) => n % k === 0);
    const f = divisors[r[2]! % divisors.length]!;
    s.splice(i, 1, f, n / f);
  } else if (mode === 3) {
    s.splice(r[1]! % (s.length + 1), 0, 1);
  }
  if (s.length > 0 && r[3]! % 3 === 0 && numel(s) > 0) s[r[4]! % s.length] = -1;
  return s;
}

function resolve(req: readonly number[], n: number): number[] {
  const known = req.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  return req.map((d) => (d === -1 ? n / known : d));
}

interface State {
  t: Tensor;
  ref: Ref;
  /** False once the chain went through a copy (reshape of a non-viewable layout). */
  shares: boolean;
  /** True once a stride-0 (expanded) dim is in the chain. */
  expanded: boolean;
  log: string[];
}

/** Applies one step to tensor and reference alike; returns the description of what it did. */
function apply(st: State, step: Step, base: Tensor): void {
  const { t, ref } = st;
  const nd = t.ndim;
  const s = t.shape;
  const r = step.r;
  const neg = (d: number, n: number) => (r[5]! % 2 === 0 ? d : d - n);
  let desc = "";
  switch (step.kind) {
    case 0: {
      if (nd === 0) return;
      const a = r[0]! % nd;
      const b = r[1]! % nd;
      desc = `transpose(${neg(a, nd)}, ${b})`;
      st.t = t.transpose(neg(a, nd), b);
      st.ref = refTranspose(ref, a, b);
      break;
    }
    case 1: {
      const perm = s.map((_, i) => i).sort((x, y) => ((r[x % 6]! * 7 + x) % 11) - ((r[y % 6]! * 7 + y) % 11));
      desc = `permute(${perm})`;
      st.t = t.permute(perm.map((p) => neg(p, nd)));
      st.ref = refPermute(ref, perm);
      break;
    }
    case 2: {
      if (nd >= 4) return;
      const d = r[0]! % (nd + 1);
      desc = `unsqueeze(${neg(d, nd + 1)})`;
      st.t = t.unsqueeze(neg(d, nd + 1));
      st.ref = refReshape(ref, [...s.slice(0, d), 1, ...s.slice(d)]);
      break;
    }
    case 3: {
      if (nd === 0 || r[0]! % 3 === 0) {
        desc = "squeeze()";
        st.t = t.squeeze();
        st.ref = refReshape(
          ref,
          s.filter((x) => x !== 1),
        );
      } else {
        const d = r[1]! % nd;
        desc = `squeeze(${neg(d, nd)})`;
        st.t = t.squeeze(neg(d, nd));
        st.ref = refReshape(
          ref,
          s.filter((x, i) => i !== d || x !== 1),
        );
      }
      break;
    }
    case 4: {
      if (nd === 0) return;
      const d = r[0]! % nd;
      const n = s[d]!;
      const start = r[1]! % (n + 1);
      const len = r[2]! % (n - start + 1);
      desc = `narrow(${d}, ${start}, ${len})`;
      st.t = t.narrow(neg(d, nd), start, len);
      st.ref = refSlice(ref, d, start, start + len, 1);
      break;
    }
    case 5: {
      if (nd === 0) return;
      const d = r[0]! % nd;
      const n = s[d]!;
      if (n === 0) return;
      const i = r[1]! % n;
      const idx = r[2]! % 2 === 0 ? i : i - n;
      desc = `select(${d}, ${idx})`;
      st.t = t.select(neg(d, nd), idx);
      st.ref = refSelect(ref, d, i);
      break;
    }
    case 6: {
      if (nd === 0) return;
      const d = r[0]! % nd;
      const n = s[d]!;
      const start = r[1]! % 4 === 0 ? undefined : (r[1]! % (2 * n + 3)) - n - 1;
      const end = r[2]! % 4 === 0 ? undefined : (r[2]! % (2 * n + 3)) - n - 1;
      const step = 1 + (r[3]! % 3);
      desc = `slice(${d}, ${start}, ${end}, ${step})`;
      st.t = t.slice(neg(d, nd), start, end, step);
      st.ref = refSlice(ref, d, pyBound(start, n, 0), pyBound(end, n, n), step);
      break;
    }
    case 7: {
      if (nd >= 4) return;
      const lead = r[0]! % 2 === 0 ? [] : [1 + (r[1]! % 3)];
      const target = [
        ...lead,
        ...s.map((x, i) => (x === 1 ? 1 + (r[(i + 2) % 6]! % 3) : r[i % 6]! % 2 ? -1 : x)),
      ];
      desc = `expand(${target})`;
      st.t = t.expand(target);
      const resolved = target.map((x, i) => (x === -1 ? s[i - lead.length]! : x));
      st.ref = refExpand(ref, resolved);
      st.expanded = true;
      break;
    }
    case 8: {
      const req = reshapeTarget(s, r);
      desc = `view(${req})`;
      let v: Tensor | null = null;
      try {
        v = t.view(req);
      } catch (e) {
        expect(e).toBeInstanceOf(ShapeError);
        expect((e as Error).message).toBe(
          `view: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces); input shape [${s.join(", ")}], requested [${req.join(", ")}]. Use .reshape(...) instead.`,
        );
        // A contiguous tensor can always be viewed.
        expect(t.isContiguous()).toBe(false);
        return;
      }
      st.t = v;
      st.ref = refReshape(ref, resolve(req, numel(s)));
      break;
    }
    case 9: {
      const req = reshapeTarget(s, r);
      desc = `reshape(${req})`;
      let viewable = true;
      try {
        t.view(req);
      } catch {
        viewable = false;
      }
      st.t = t.reshape(req);
      // reshape copies exactly when a view is impossible.
      expect(st.t.storage === t.storage, `${desc} shares storage`).toBe(viewable);
      if (!viewable) st.shares = false;
      st.ref = refReshape(ref, resolve(req, numel(s)));
      break;
    }
    case 10: {
      if (nd === 0) return;
      const a = r[0]! % nd;
      const b = a + (r[1]! % (nd - a));
      desc = `flatten(${a}, ${neg(b, nd)})`;
      let viewable = true;
      const flatShape = [...s.slice(0, a), numel(s.slice(a, b + 1)), ...s.slice(b + 1)];
      try {
        t.view(flatShape);
      } catch {
        viewable = false;
      }
      st.t = t.flatten(a, neg(b, nd));
      expect(st.t.storage === t.storage, `${desc} shares storage`).toBe(viewable);
      if (!viewable) st.shares = false;
      st.ref = refReshape(ref, flatShape);
      break;
    }
    case 11: {
      if (nd > 2) return;
      desc = "t()";
      st.t = t.t();
      st.ref = nd === 2 ? refTranspose(ref, 0, 1) : ref;
      break;
    }
  }
  st.log.push(desc);
  if (st.shares) expect(st.t.storage, `${st.log.join(".")} shares the base's storage`).toBe(base.storage);
}

describe("view chains compose like the reference", () => {
  const arbCase = fc.tuple(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 }),
    fc.array(arbStep, { minLength: 1, maxLength: 6 }),
  );

  it("values after every step equal the reference; views share the base's storage", () => {
    fc.assert(
      fc.property(arbCase, ([shape, steps]) => {
        // Base values are their own flat positions, so the reference also tracks where each element lives.
        const n = numel(shape);
        const base = arange(n, undefined, 1, { dtype: "float32" }).view(shape);
        const st: State = {
          t: base,
          ref: { shape, data: Array.from({ length: n }, (_, i) => i) },
          shares: true,
          expanded: false,
          log: [],
        };
        for (const step of steps) {
          apply(st, step, base);
          expectRef(st.t, st.ref, st.log.join("."));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("writing through a view changes exactly the viewed elements of the base", () => {
    fc.assert(
      fc.property(arbCase, ([shape, steps]) => {
        const n = numel(shape);
        const base = arange(n, undefined, 1, { dtype: "float32" }).view(shape);
        const st: State = {
          t: base,
          ref: { shape, data: Array.from({ length: n }, (_, i) => i) },
          shares: true,
          expanded: false,
          log: [],
        };
        for (const step of steps) {
          if (step.kind === 7) continue; // no expand: writing to a stride-0 dim is another test
          apply(st, step, base);
        }
        if (!st.shares) return;
        st.t.mul_(-1).sub_(1);
        const touched = new Set(st.ref.data);
        const want = Array.from({ length: n }, (_, i) => (touched.has(i) ? -i - 1 : i));
        expectRef(base, { shape, data: want }, st.log.join("."));
      }),
      { numRuns: 200 },
    );
  });
});

describe("view, reshape and friends", () => {
  it("reshape of a contiguous tensor is a view; of a transposed one, a copy", () => {
    const x = arange(6).view(2, 3);
    const r = x.reshape(3, 2);
    expect(r.storage).toBe(x.storage);
    const tr = x.t().reshape(-1);
    expect(tr.storage).not.toBe(x.storage);
    expect(tr.toArray()).toEqual([0, 3, 1, 4, 2, 5]);
    // A copy does not write back.
    tr.fill_(7);
    expect(x.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    // A view does.
    r.fill_(9);
    expect(x.toArray()).toEqual([
      [9, 9, 9],
      [9, 9, 9],
    ]);
  });

  it("views of views keep their offset and strides", () => {
    const x = arange(24, undefined, 1, { dtype: "float32" }).view(2, 3, 4);
    const v = x.select(0, 1).slice(1, 1, 4, 2).t();
    expect(v.shape).toEqual([2, 3]);
    expect(v.offset).toBe(13);
    expect(v.strides).toEqual([2, 4]);
    expect(v.toArray()).toEqual([
      [13, 17, 21],
      [15, 19, 23],
    ]);
    v.zero_();
    expect(x.select(0, 1).toArray()).toEqual([
      [12, 0, 14, 0],
      [16, 0, 18, 0],
      [20, 0, 22, 0],
    ]);
  });

  it("a transposed 2-D tensor reshapes but does not view to 1-D", () => {
    const x = zeros([3, 2]).t();
    expect(x.isContiguous()).toBe(false);
    expect(() => x.view(-1)).toThrow(ShapeError);
    expect(() => x.view(-1)).toThrow(
      "view: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces); input shape [2, 3], requested [-1]. Use .reshape(...) instead.",
    );
    expect(x.reshape(-1).shape).toEqual([6]);
    // Splitting a dim of a transposed tensor is still a view.
    expect(x.view(2, 3, 1).storage).toBe(x.storage);
  });

  it("bad shapes and -1 give PyTorch's messages", () => {
    const x = zeros([2, 3]);
    expect(() => x.view(4, -1)).toThrow(ShapeError);
    expect(() => x.view(4, -1)).toThrow(
      "view: shape '[4, -1]' is invalid for input of size 6 (input shape [2, 3])",
    );
    expect(() => x.view(5)).toThrow("view: shape '[5]' is invalid for input of size 6 (input shape [2, 3])");
    expect(() => x.view(-1, -1)).toThrow(ValueError);
    expect(() => x.view(-1, -1)).toThrow("view: only one dimension can be inferred");
    expect(() => x.view(-2, 3)).toThrow("view: invalid shape dimension -2 in [-2, 3]");
    expect(() => x.reshape(0, -1)).toThrow(
      "reshape: shape '[0, -1]' is invalid for input of size 6 (input shape [2, 3])",
    );
    expect(() => x.view(2.5, 2)).toThrow("view: invalid shape dimension 2.5 in [2.5, 2]");
    expect(zeros([0, 3]).view(-1).shape).toEqual([0]);
    expect(zeros([0, 3]).view(3, -1).shape).toEqual([3, 0]);
    expect(() => zeros([0, 3]).view(-1, 0)).toThrow(
      "view: shape '[-1, 0]' is invalid for input of size 0 (input shape [0, 3])",
    );
    expect(x.view([3, 2]).shape).toEqual([3, 2]);
    expect(x.viewAs(zeros([6, 1])).shape).toEqual([6, 1]);
    expect(tensor(5).view(1, 1).toArray()).toEqual([[5]]);
    expect(tensor([5]).view([]).toArray()).toBe(5);
  });

  it("out-of-range dims give PyTorch's message with the valid range", () => {
    const x = zeros([2, 3]);
    expect(() => x.transpose(0, 2)).toThrow(IndexError);
    expect(() => x.transpose(0, 2)).toThrow(
      "transpose: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.transpose(-3, 0)).toThrow(
      "transpose: Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    );
    expect(() => x.unsqueeze(3)).toThrow(
      "unsqueeze: Dimension out of range (expected to be in range of [-3, 2], but got 3)",
    );
    expect(() => x.squeeze(2)).toThrow(
      "squeeze: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.select(2, 0)).toThrow(
      "select: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.narrow(-3, 0, 1)).toThrow(
      "narrow: Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    );
    expect(() => x.slice(5)).toThrow(
      "slice: Dimension out of range (expected to be in range of [-2, 1], but got 5)",
    );
    expect(() => x.flatten(0, 2)).toThrow(
      "flatten: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.size(2)).toThrow(
      "size: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.permute(0, 2)).toThrow(
      "permute: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => tensor(1).unsqueeze(2)).toThrow(
      "unsqueeze: Dimension out of range (expected to be in range of [-1, 0], but got 2)",
    );
    expect(() => tensor(1).transpose(0, 1)).toThrow(
      "transpose: Dimension out of range (expected to be in range of [-1, 0], but got 1)",
    );
    expect(x.size(-1)).toBe(3);
    expect(x.size()).toEqual([2, 3]);
  });

  it("permute, t and T", () => {
    const x = arange(24).view(2, 3, 4);
    expect(x.permute(2, 0, 1).shape).toEqual([4, 2, 3]);
    expect(x.permute([-1, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(x.T.shape).toEqual([4, 3, 2]);
    expect(x.T.strides).toEqual([1, 4, 12]);
    expect(() => x.permute(0, 1)).toThrow(ShapeError);
    expect(() => x.permute(0, 1)).toThrow(
      "permute: number of dims don't match in permute: input shape [2, 3, 4] has 3 dims but dims [0, 1] has 2",
    );
    expect(() => x.permute(0, 1, 1)).toThrow("permute: repeated dim in permute [0, 1, 1]");
    expect(() => x.t()).toThrow("t: expects a tensor with <= 2 dimensions, but self is 3D (shape [2, 3, 4])");
    expect(arange(3).t().shape).toEqual([3]);
    expect(tensor(2).t().shape).toEqual([]);
    expect(tensor(2).transpose(0, -1).toArray()).toBe(2);
  });

  it("squeeze and unsqueeze", () => {
    const x = zeros([1, 3, 1, 2]);
    expect(x.squeeze().shape).toEqual([3, 2]);
    expect(x.squeeze(0).shape).toEqual([3, 1, 2]);
    expect(x.squeeze(-2).shape).toEqual([1, 3, 2]);
    expect(x.squeeze(1).shape).toEqual([1, 3, 1, 2]);
    expect(x.unsqueeze(-1).shape).toEqual([1, 3, 1, 2, 1]);
    expect(x.unsqueeze(0).shape).toEqual([1, 1, 3, 1, 2]);
    expect(tensor(3).squeeze().shape).toEqual([]);
    expect(tensor(3).squeeze(0).shape).toEqual([]);
    expect(tensor(3).unsqueeze(0).shape).toEqual([1]);
    expect(x.squeeze().storage).toBe(x.storage);
  });

  it("flatten", () => {
    const x = zeros([2, 3, 4]);
    expect(x.flatten().shape).toEqual([24]);
    expect(x.flatten(1).shape).toEqual([2, 12]);
    expect(x.flatten(0, 1).shape).toEqual([6, 4]);
    expect(x.flatten(-2, -1).shape).toEqual([2, 12]);
    expect(tensor(5).flatten().shape).toEqual([1]);
    expect(() => x.flatten(2, 1)).toThrow(ValueError);
    expect(() => x.flatten(2, 1)).toThrow("flatten: start_dim (2) cannot come after end_dim (1)");
  });

  it("expand: stride 0, -1 keeps a dim, errors name both shapes", () => {
    const x = tensor([[1], [2]]);
    const e = x.expand(3, 2, 4);
    expect(e.shape).toEqual([3, 2, 4]);
    expect(e.strides).toEqual([0, 1, 0]);
    expect(e.storage).toBe(x.storage);
    expect(x.expand(-1, 2).toArray()).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(x.expandAs(zeros([2, 3])).shape).toEqual([2, 3]);
    expect(() => x.expand(3, 4)).toThrow(ShapeError);
    expect(() => x.expand(3, 4)).toThrow(
      "expand: the expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0. Target sizes: [3, 4]. Tensor sizes: [2, 1]",
    );
    expect(() => tensor([1, 2, 3]).expand(2, 4)).toThrow(
      "expand: the expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1. Target sizes: [2, 4]. Tensor sizes: [3]",
    );
    expect(() => x.expand(2)).toThrow(
      "expand: the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2); shape [2, 1], sizes [2]",
    );
    expect(() => x.expand(-1, 2, 1)).toThrow(
      "expand: -1 is not allowed in a leading, non-existing dimension (sizes [-1, 2, 1])",
    );
    expect(tensor(7).expand(2, 2).toArray()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  it("narrow, select and slice bounds", () => {
    const x = arange(12).view(3, 4);
    expect(x.narrow(1, 1, 2).toArray()).toEqual([
      [1, 2],
      [5, 6],
      [9, 10],
    ]);
    expect(x.narrow(0, -1, 1).toArray()).toEqual([[8, 9, 10, 11]]);
    expect(x.narrow(0, 3, 0).shape).toEqual([0, 4]);
    expect(() => x.narrow(0, 4, 0)).toThrow(IndexError);
    expect(() => x.narrow(0, 4, 0)).toThrow(
      "narrow: start (4) out of range for dimension 0 of size 3 (shape [3, 4])",
    );
    expect(() => x.narrow(1, 2, 3)).toThrow(
      "narrow: start (2) + length (3) exceeds dimension size (4) (shape [3, 4])",
    );
    expect(x.select(1, -1).toArray()).toEqual([3, 7, 11]);
    expect(x.select(0, 2).select(0, 0).toArray()).toBe(8);
    expect(() => x.select(0, 3)).toThrow(IndexError);
    expect(() => x.select(0, 3)).toThrow(
      "select: index 3 is out of bounds for dimension 0 with size 3 (shape [3, 4])",
    );
    expect(() => x.select(1, -5)).toThrow(
      "select: index -5 is out of bounds for dimension 1 with size 4 (shape [3, 4])",
    );
    expect(() => tensor(1).select(0, 0)).toThrow("select: select() cannot be applied to a 0-dim tensor");
    expect(x.slice(1, -3, undefined, 2).toArray()).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
    ]);
    expect(x.slice(0, 5, 10).shape).toEqual([0, 4]);
    expect(x.slice(0, 2, 1).shape).toEqual([0, 4]);
    expect(x.slice(1, -100, 100).shape).toEqual([3, 4]);
    expect(() => x.slice(0, 0, 3, 0)).toThrow(ValueError);
    expect(() => x.slice(0, 0, 3, 0)).toThrow("slice: step must be a positive integer, got 0");
    expect(() => x.slice(0, 0, 3, -1)).toThrow("slice: step must be a positive integer, got -1");
  });

  it("contiguous() copies only non-contiguous tensors; clone() always copies", () => {
    const x = arange(6).view(2, 3);
    expect(x.contiguous()).toBe(x);
    const c = x.t().contiguous();
    expect(c.isContiguous()).toBe(true);
    expect(c.storage).not.toBe(x.storage);
    expect(c.toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    const k = x.clone();
    expect(k.storage).not.toBe(x.storage);
    k.fill_(0);
    expect(x.sum().item()).toBe(15);
    // Size-1 dims do not count against contiguity.
    expect(zeros([3, 1]).t().isContiguous()).toBe(true);
    expect(readStrided(x.t()).data).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe("squeeze of a 0-dim tensor", () => {
  it("checks the dim as PyTorch does (range [-1, 0])", () => {
    const x = tensor(2.5);
    expect(x.squeeze(0).shape).toEqual([]);
    expect(x.squeeze(-1).shape).toEqual([]);
    expect(() => x.squeeze(10)).toThrow(IndexError);
    expect(() => x.squeeze(10)).toThrow(
      "squeeze: Dimension out of range (expected to be in range of [-1, 0], but got 10)",
    );
  });
});
