// tidy(): what it disposes and what survives, that disposed tensors cannot be used, that the
// memory it lends is reused, and that reused (dirty) memory never changes a result.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { getBackend, setBackend } from "./backends/backend.js";
import { workspaceOf } from "./backends/workspace.js";
import {
  arange,
  cat,
  keep,
  linear,
  ones,
  randn,
  type Tensor,
  tensor,
  tidy,
  ValueError,
  zeros,
} from "./index.js";
import { ARENA_MIN_ELEMENTS, freeArrays, inArena, poolStats } from "./pool.js";
import { inTidy } from "./scope.js";

afterEach(() => {
  expect(inTidy()).toBe(false);
});

/** Fills every array the pool holds with garbage: NaN for floats, 0x5a bytes otherwise. */
function poisonPool(): void {
  for (const a of freeArrays()) {
    if (a instanceof Float32Array || a instanceof Float64Array) a.fill(Number.NaN);
    else a.fill(0x5a);
  }
}

describe("tidy", () => {
  it("disposes what fn created and did not return; the result keeps its values", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    let tmp: Tensor | undefined;
    const y = tidy(() => {
      tmp = x.mul(2);
      return tmp.add(1);
    });
    expect(tmp?.isDisposed).toBe(true);
    expect(y.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    expect(y.toArray()).toEqual([
      [3, 5],
      [7, 9],
    ]);
  });

  it("keeps tensors returned in arrays and plain objects, and passes other results through", () => {
    const r = tidy(() => {
      const a = ones([2]);
      return { a, list: [a.add(1), [a.mul(3)]], n: 7 };
    });
    expect(r.n).toBe(7);
    expect(r.a.toArray()).toEqual([1, 1]);
    expect(r.list[0]).toBeDefined();
    expect((r.list[0] as Tensor).toArray()).toEqual([2, 2]);
    expect(((r.list[1] as Tensor[])[0] as Tensor).toArray()).toEqual([3, 3]);
    expect(tidy(() => 5)).toBe(5);
    expect(tidy(() => undefined)).toBeUndefined();
  });

  it("hands a released array to the next tensor of the same size, zeroed where zeros are promised", () => {
    let first: Float32Array | undefined;
    tidy(() => {
      const t = ones([300, 301]);
      first = t.storage as Float32Array;
    });
    poisonPool();
    const again = tidy(() => {
      const z = zeros([300, 301]);
      expect(z.storage).toBe(first);
      return z.sum().item();
    });
    expect(again).toBe(0);
  });

  it("moves tensors returned from an inner tidy to the outer one", () => {
    let inner: Tensor | undefined;
    const out = tidy(() => {
      inner = tidy(() => arange(4).float().mul(2));
      expect(inner.isDisposed).toBe(false);
      return inner.add(1);
    });
    expect(inner?.isDisposed).toBe(true);
    expect(out.toArray()).toEqual([1, 3, 5, 7]);
  });

  it("never disposes keep()s or leaves that require grad", () => {
    let kept: Tensor | undefined;
    let param: Tensor | undefined;
    let temp: Tensor | undefined;
    tidy(() => {
      kept = keep(ones([3]).mul(5));
      param = zeros([3]).requiresGrad_();
      temp = param.add(1);
    });
    expect(kept?.toArray()).toEqual([5, 5, 5]);
    expect(param?.isDisposed).toBe(false);
    expect(param?.toArray()).toEqual([0, 0, 0]);
    expect(temp?.isDisposed).toBe(true);
    // Their memory was not lent again.
    const other = tidy(() => ones([3]).mul(7));
    expect(kept?.toArray()).toEqual([5, 5, 5]);
    expect(other.toArray()).toEqual([7, 7, 7]);
  });

  it("never disposes a tensor assigned to another's .grad", () => {
    const p = zeros([2]).requiresGrad_();
    tidy(() => {
      p.grad = ones([2]).mul(4);
    });
    expect(p.grad?.isDisposed).toBe(false);
    expect(p.grad?.toArray()).toEqual([4, 4]);
  });

  it("keeps the storage of a returned view, even though the tensor it views is disposed", () => {
    let base: Tensor | undefined;
    const v = tidy(() => {
      base = arange(12).float().view([3, 4]);
      return base.t().narrow(0, 1, 2);
    });
    expect(base?.isDisposed).toBe(true);
    tidy(() => {
      poisonPool();
      ones([12]).mul(9);
      ones([3, 4]).mul(9);
    });
    expect(v.toArray()).toEqual([
      [1, 5, 9],
      [2, 6, 10],
    ]);
  });

  it("still disposes when fn throws, and closes the scope", () => {
    let tmp: Tensor | undefined;
    expect(() =>
      tidy(() => {
        tmp = ones([2]).add(1);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(tmp?.isDisposed).toBe(true);
  });

  it("rejects a Promise result and a non-function", () => {
    let tmp: Tensor | undefined;
    expect(() =>
      tidy(() => {
        tmp = ones([2]).add(1);
        return Promise.resolve(tmp);
      }),
    ).toThrow(
      new ValueError(
        "tidy: fn returned a Promise; a scope cannot span an await (its tensors would be disposed while the async code still uses them)",
      ),
    );
    expect(tmp?.isDisposed).toBe(true);
    expect(() => tidy(3 as unknown as () => void)).toThrow(
      new ValueError("tidy: expected a function, got number"),
    );
    expect(() => tidy(null as unknown as () => void)).toThrow(
      new ValueError("tidy: expected a function, got null"),
    );
  });
});

describe("disposed tensors", () => {
  const disposed = (): Tensor => {
    let t: Tensor | undefined;
    tidy(() => {
      t = ones([2, 3]).mul(2);
    });
    return t as Tensor;
  };
  const msg = (op: string, which: string) =>
    `${op}: ${which} (shape [2, 3]) was disposed by tidy() or dispose(); return it from tidy() or keep() it to use it afterwards`;

  it("throw from every op, naming the op, the argument and the shape", () => {
    const t = disposed();
    const x = ones([2, 3]);
    expect(() => t.add(1)).toThrow(new ValueError(msg("add", "tensor argument 0")));
    expect(() => x.mul(t)).toThrow(new ValueError(msg("mul", "tensor argument 1")));
    expect(() => t.sum()).toThrow(new ValueError(msg("sum", "tensor argument 0")));
    expect(() => t.view([3, 2])).toThrow(ValueError);
    expect(() => x.add_(t)).toThrow(new ValueError(msg("add_", "tensor argument 1")));
    expect(() => t.zero_()).toThrow(ValueError);
    expect(() => cat([x, t])).toThrow(ValueError);
    expect(() => t.item()).toThrow(ValueError);
    expect(() => t.toArray()).toThrow(new ValueError(msg("toArray", "its tensor")));
    expect(() => t.toTypedArray()).toThrow(new ValueError(msg("toTypedArray", "its tensor")));
    expect(() => t.detach()).toThrow(new ValueError(msg("detach", "its tensor")));
    expect(() => keep(t)).toThrow(new ValueError(msg("keep", "its tensor")));
  });

  it("print as disposed instead of throwing", () => {
    expect(String(disposed())).toBe("tensor(<disposed>, shape=[2, 3], dtype=float32)");
  });

  it("include tensors disposed by hand, inside tidy or not", () => {
    const t = ones([2, 3]);
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(() => t.neg()).toThrow(new ValueError(msg("neg", "tensor argument 0")));
  });
});

describe("arena memory (wasm backend)", () => {
  const wasm = getBackend() === "wasm";

  it.runIf(wasm)(
    "big float32 results live in a wasm workspace inside tidy, and leave it when returned",
    () => {
      const g = randn([256, 10]);
      const w = randn([10, 784]);
      const expected = g.matmul(w).toArray();
      let inside: Tensor | undefined;
      const kept = tidy(() => {
        inside = g.matmul(w);
        expect(256 * 784).toBeGreaterThanOrEqual(ARENA_MIN_ELEMENTS);
        expect(inArena(inside.storage)).toBe(true);
        expect(workspaceOf(inside.storage as Float32Array)).toBeDefined();
        const before = inside.version;
        inside.mul_(1);
        expect(inside.version).toBe(before + 1);
        return inside;
      });
      expect(kept).toBe(inside);
      expect(inArena(kept.storage)).toBe(false);
      expect(kept.version).toBeGreaterThan(0);
      expect(kept.toArray()).toEqual(expected);
      // The block went back to the arena: the next product of that size is written there.
      tidy(() => {
        poisonPool();
        const again = g.matmul(w);
        expect(inArena(again.storage)).toBe(true);
        expect(again.toArray()).toEqual(expected);
      });
    },
  );

  it.runIf(wasm)("stays in the arena across nested scopes, and parameters made inside leave it too", () => {
    let param: Tensor | undefined;
    const out = tidy(() => {
      const inner = tidy(() => ones([130, 128]).mul(3));
      expect(inArena(inner.storage)).toBe(true);
      param = zeros([130, 128]).requiresGrad_();
      expect(inArena(param.storage)).toBe(true);
      return inner;
    });
    expect(inArena(out.storage)).toBe(false);
    expect(inArena(param!.storage)).toBe(false);
    expect(out.sum().item()).toBe(3 * 130 * 128);
    expect(param!.sum().item()).toBe(0);
  });

  it.runIf(wasm)("leaves arena blocks to the wasm backend when the js backend runs in between", () => {
    const g = randn([256, 10]);
    const w = randn([10, 784]);
    try {
      setBackend("js");
      tidy(() => {
        expect(inArena(g.matmul(w).storage)).toBe(false);
      });
    } finally {
      setBackend("wasm");
    }
    // The js backend's released array is free, but the product still gets an arena block.
    tidy(() => {
      expect(inArena(g.matmul(w).storage)).toBe(true);
    });
  });

  it("small results stay ordinary arrays", () => {
    tidy(() => {
      expect(inArena(ones([10, 10]).mul(2).storage)).toBe(false);
    });
  });
});

// A chain of ops on [m, n] float32 tensors; each maps the running value (and B, S) to a new one.
type Step = (x: Tensor, b: Tensor, s: Tensor) => Tensor;
const STEPS: readonly Step[] = [
  (x) => x.exp().clamp(null, 1e3),
  (x) => x.neg(),
  (x) => x.relu(),
  (x) => x.sigmoid(),
  (x) => x.tanh(),
  (x, b) => x.add(b),
  (x, b) => x.mul(b),
  (x) => x.sub(0.5),
  (x, b) => x.div(b.abs().add(1)),
  (x, b) => x.where(x.gt(0), b),
  (x, b) => x.maximum(b),
  (x, _b, s) => x.matmul(s),
  (x) => x.softmax(1),
  (x) => x.logSoftmax(0).clamp(-30, null),
  (x, b, s) => linear(x, s, b.sum(0)),
  (x) => x.t().contiguous().t(),
  (x) => x.sub(x.mean(1, true)),
  (x) => x.sum(0, true).expand(x.shape).add(x),
  (x, b) => cat([x, b], 0).narrow(0, x.shape[0]!, x.shape[0]!).add(x),
  (x) => x.argmax(1, true).float().add(x),
  (x) => x.clone().mul_(2).add_(1),
];

describe("tidy on reused memory", () => {
  it("gives the same values as without tidy, when every reused array was full of garbage", () => {
    const shape = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
      fc.constant<[number, number]>([130, 128]),
    );
    fc.assert(
      fc.property(
        shape,
        fc.array(fc.integer({ min: 0, max: STEPS.length - 1 }), { minLength: 1, maxLength: 8 }),
        ([m, n], program) => {
          const a = randn([m, n]);
          const b = randn([m, n]);
          const s = randn([n, n]).div(Math.sqrt(n));
          const run = () => program.reduce((x, k) => STEPS[k]!(x, b, s), a);
          const expected = run().toArray();
          for (let round = 0; round < 2; round++) {
            poisonPool();
            const got = tidy(run);
            expect(got.toArray()).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a loop of tidy steps", () => {
  it("holds the same memory after 300 steps as after 5: every step reuses the last one's", () => {
    const w = randn([10, 784]);
    const x = randn([256, 784]);
    const step = () =>
      tidy(() => {
        const z = x.matmul(w.t()).softmax(1);
        const g = z.matmul(w); // [256, 784]: an arena block on the wasm backend
        return g.mul(x).add(1).sum().item() + z.argmax(1).sum().item();
      });
    for (let i = 0; i < 5; i++) step();
    const after5 = poolStats();
    for (let i = 0; i < 295; i++) step();
    expect(poolStats()).toEqual(after5);
  });
});
