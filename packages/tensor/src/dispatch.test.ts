// The dispatch point: hooks see every op with its name, inputs and attrs; `before` runs first
// and can veto an in-place op; removing a hook works.
import { afterEach, describe, expect, it } from "vitest";
import {
  addDispatchHook,
  arange,
  cat,
  type DispatchHook,
  matmul,
  type OpCall,
  stack,
  type Tensor,
  tensor,
  where,
  zeros,
} from "./index.js";

interface Seen {
  op: string;
  inputs: readonly Tensor[];
  attrs: OpCall["attrs"];
  inplace: boolean;
  output?: Tensor;
  phase: "before" | "after";
}

const removers: (() => void)[] = [];
afterEach(() => {
  while (removers.length > 0) removers.pop()!();
});

function record(): Seen[] {
  const seen: Seen[] = [];
  const hook: DispatchHook = {
    before(c) {
      seen.push({ op: c.op, inputs: c.inputs, attrs: c.attrs, inplace: c.inplace, phase: "before" });
    },
    after(c, output) {
      seen.push({ op: c.op, inputs: c.inputs, attrs: c.attrs, inplace: c.inplace, output, phase: "after" });
    },
  };
  removers.push(addDispatchHook(hook));
  return seen;
}

const afters = (seen: Seen[]) => seen.filter((s) => s.phase === "after");

describe("dispatch hooks see every op", () => {
  it("names, inputs, attrs and output of a binary op", () => {
    const a = tensor([1.5, 2]);
    const b = tensor([[1], [2]], { dtype: "float32" });
    const seen = record();
    const out = a.add(b);
    expect(seen.map((s) => `${s.phase}:${s.op}`)).toEqual(["before:add", "after:add"]);
    const call = seen[1]!;
    expect(call.inputs[0]).toBe(a);
    expect(call.inputs[1]).toBe(b);
    expect(call.inplace).toBe(false);
    expect(call.output).toBe(out);
    expect(call.attrs).toEqual({});
  });

  it("a JS number operand arrives as a 0-dim tensor of the computing dtype", () => {
    const a = tensor([1, 2]);
    const seen = record();
    a.mul(2.5);
    const call = afters(seen)[0]!;
    expect(call.op).toBe("mul");
    expect(call.inputs[0]).toBe(a);
    expect(call.inputs[1]!.shape).toEqual([]);
    expect(call.inputs[1]!.item()).toBe(2.5);
    expect(call.inputs[1]!.dtype).toBe("float32");
  });

  it("each op reports its name and attributes", () => {
    const x = arange(6, undefined, 1, { dtype: "float32" }).view(2, 3);
    const idx = tensor([[0], [2]]);
    const cases: [string, () => unknown, Record<string, unknown> | null][] = [
      ["sum", () => x.sum(1, true), { dims: [1], keepdim: true }],
      ["mean", () => x.mean([0, -1]), { dims: [0, 1], keepdim: false }],
      ["amax", () => x.amax(0), { dims: [0], keepdim: false }],
      ["var", () => x.var(1, { correction: 0 }), { dims: [1], keepdim: false, correction: 0 }],
      ["logsumexp", () => x.logsumexp(1), { dims: [1], keepdim: false }],
      ["argmax", () => x.argmax(1), { dim: 1, keepdim: false }],
      ["exp", () => x.exp(), {}],
      ["sigmoid", () => x.sigmoid(), {}],
      ["clamp", () => x.clamp(0, 1), { min: 0, max: 1 }],
      ["lt", () => x.lt(2), {}],
      ["view", () => x.view(3, 2), { shape: [3, 2] }],
      ["reshape", () => x.t().reshape(6), { shape: [6] }],
      ["permute", () => x.permute(1, 0), { dims: [1, 0] }],
      ["expand", () => x.select(0, 0).expand(4, 3), null],
      ["select", () => x.select(1, -1), { dim: 1, index: 2 }],
      ["slice", () => x.slice(1, 0, 3, 2), { dim: 1, start: 0, end: 3, step: 2 }],
      ["matmul", () => x.mm(x.t()), {}],
      ["gather", () => x.gather(1, idx), { dim: 1 }],
      ["cat", () => cat([x, x], 1), { dim: 1 }],
      ["softmax", () => x.softmax(-1), { dim: 1 }],
      ["logSoftmax", () => x.logSoftmax(0), { dim: 0 }],
      ["clone", () => x.clone(), {}],
      ["to", () => x.to("float64"), { dtype: "float64" }],
      ["contiguous", () => x.t().contiguous(), {}],
      ["where", () => where(x.gt(2), x, 0), {}],
    ];
    for (const [name, run, attrs] of cases) {
      const seen = record();
      run();
      const mine = afters(seen).filter((s) => s.op === name);
      expect(mine.length, `${name} dispatched`).toBeGreaterThanOrEqual(1);
      const call = mine[mine.length - 1]!;
      expect(call.output, `${name} output`).toBeDefined();
      if (attrs !== null) expect(call.attrs, `${name} attrs`).toEqual(attrs);
      removers.pop()!();
    }
  });

  it("in-place ops are flagged and their first input is the output", () => {
    const x = zeros([2, 2]);
    const seen = record();
    x.add_(1);
    x.zero_();
    x.fill_(3);
    x.clamp_(0, 2);
    x.copy_(tensor([1.5, 2.5]));
    const calls = afters(seen);
    expect(calls.map((c) => c.op)).toEqual(["add_", "zero_", "fill_", "clamp_", "copy_"]);
    for (const c of calls) {
      expect(c.inplace).toBe(true);
      expect(c.inputs[0]).toBe(x);
      expect(c.output).toBe(x);
    }
    expect(calls[2]!.attrs).toEqual({ value: 3 });
  });

  it("stack goes through cat; matmul(a, b) through matmul", () => {
    const seen = record();
    stack([zeros([2]), zeros([2])]);
    matmul(zeros([2, 2]), zeros([2]));
    const ops = afters(seen).map((c) => c.op);
    expect(ops).toContain("cat");
    expect(ops).toContain("matmul");
    expect(ops.filter((o) => o === "view").length).toBe(2);
  });

  it("hooks run in the order they were added, before then compute then after", () => {
    const log: string[] = [];
    removers.push(
      addDispatchHook({
        before: (c) => log.push(`1b:${c.op}`),
        after: (c) => log.push(`1a:${c.op}`),
      }),
    );
    removers.push(
      addDispatchHook({
        before: (c) => log.push(`2b:${c.op}`),
        after: (c, out) => log.push(`2a:${c.op}:${out.toArray()}`),
      }),
    );
    tensor([1, 2]).neg();
    expect(log).toEqual(["1b:neg", "2b:neg", "1a:neg", "2a:neg:-1,-2"]);
  });
});

describe("before can veto", () => {
  it("a throwing before stops an in-place op and leaves the tensor and its version unchanged", () => {
    const x = tensor([1.5, 2.5]);
    const v = x.version;
    let computed = false;
    removers.push(
      addDispatchHook({
        before(c) {
          if (c.inplace) throw new Error(`${c.op}: vetoed`);
        },
        after() {
          computed = true;
        },
      }),
    );
    expect(() => x.add_(1)).toThrow("add_: vetoed");
    expect(() => x.mul_(tensor([2, 2]))).toThrow("mul_: vetoed");
    expect(() => x.zero_()).toThrow("zero_: vetoed");
    expect(() => x.clamp_(0, 1)).toThrow("clamp_: vetoed");
    expect(() => x.copy_(0)).toThrow("copy_: vetoed");
    expect(x.toArray()).toEqual([1.5, 2.5]);
    expect(x.version).toBe(v);
    expect(computed).toBe(false);
    // Out-of-place ops still work.
    expect(x.add(1).toArray()).toEqual([2.5, 3.5]);
    expect(computed).toBe(true);
  });

  it("before sees the inputs before the computation: an in-place op has not written yet", () => {
    const x = tensor([1.5, 2.5]);
    const seenValues: unknown[] = [];
    removers.push(
      addDispatchHook({
        before(c) {
          if (c.op === "add_") seenValues.push(c.inputs[0]!.toArray());
        },
      }),
    );
    x.add_(10);
    expect(seenValues).toEqual([[1.5, 2.5]]);
    expect(x.toArray()).toEqual([11.5, 12.5]);
  });

  it("shape errors come before the hook: a rejected op never reaches it", () => {
    const seen = record();
    expect(() => zeros([1, 3]).sub_(zeros([2, 1]))).toThrow("sub_: output with shape [1, 3]");
    expect(() => zeros([2]).add(zeros([3]))).toThrow("add: the size of tensor a");
    expect(seen).toEqual([]);
  });
});

describe("removing hooks", () => {
  it("the remover stops the hook; calling it twice is harmless", () => {
    const seen: string[] = [];
    const remove = addDispatchHook({ after: (c) => seen.push(c.op) });
    tensor([1]).add(1);
    remove();
    remove();
    tensor([1]).add(1);
    expect(seen).toEqual(["add"]);
  });

  it("removing one hook keeps the others", () => {
    const a: string[] = [];
    const b: string[] = [];
    const ra = addDispatchHook({ after: (c) => a.push(c.op) });
    removers.push(addDispatchHook({ after: (c) => b.push(c.op) }));
    tensor([1.5]).exp();
    ra();
    tensor([1.5]).log();
    expect(a).toEqual(["exp"]);
    expect(b).toEqual(["exp", "log"]);
  });
});
