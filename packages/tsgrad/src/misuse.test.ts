// The generated misuse test (issue 16): every export of every @tsgrad package, and every public
// method of what its classes construct, is called as plain JavaScript may call it: with
// undefined, null, strings, NaN, negatives, huge sizes, misspelled option keys, tensors where
// numbers go and the reverse. Each call must return PyTorch's answer or throw (or reject with)
// a TsgradError: never a TypeError or RangeError from inside, never NaN made from inputs
// without NaN, never an unknown option key ignored. A new export, class or method is covered
// without editing this file: entries are enumerated from the packages' namespaces.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as autograd from "@tsgrad/autograd";
import * as data from "@tsgrad/data";
import * as fashion from "@tsgrad/data-fashion-mnist";
import * as losses from "@tsgrad/losses";
import * as metrics from "@tsgrad/metrics";
import * as nn from "@tsgrad/nn";
import * as optim from "@tsgrad/optim";
import * as plot from "@tsgrad/plot";
import * as tensorPkg from "@tsgrad/tensor";
import * as trainer from "@tsgrad/trainer";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { Tensor, TsgradError, tensor } = tensorPkg;
type Tensor = tensorPkg.Tensor;

const PACKAGES: Record<string, Record<string, unknown>> = {
  "@tsgrad/tensor": tensorPkg,
  "@tsgrad/autograd": autograd,
  "@tsgrad/nn": nn,
  "@tsgrad/losses": losses,
  "@tsgrad/optim": optim,
  "@tsgrad/data": data,
  "@tsgrad/data-fashion-mnist": fashion,
  "@tsgrad/metrics": metrics,
  "@tsgrad/plot": plot,
  "@tsgrad/trainer": trainer,
};

/** A small float tensor without NaN: the plausible value at the positions not being misused. */
const sample = (): Tensor =>
  tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: "float32" },
  );

/** What a plain-JavaScript caller may pass by mistake (a fresh list per call: some are mutated). */
function misuse(): unknown[] {
  return [
    undefined,
    null,
    "abc",
    "",
    Number.NaN,
    -1,
    2.5,
    1e12,
    Number.POSITIVE_INFINITY,
    true,
    {},
    { dimm: 1, lrr: 0.1 },
    [],
    [1e9, 1e9],
    ["a", 1],
    sample(),
    tensor([1, 2]),
    () => 1,
  ];
}

const STRING = 2;
const EMPTY_OBJECT = 10;

/** The arguments at the positions not being misused: a tensor, a number, a tensor. */
const baseline = (): unknown[] => [sample(), 2, sample()];

type Entry = { name: string; call: (args: unknown[]) => unknown };

const isClass = (f: unknown): f is new (...args: unknown[]) => unknown =>
  typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));
const isErrorClass = (f: unknown): boolean =>
  typeof f === "function" && (f === Error || (f as { prototype?: unknown }).prototype instanceof Error);

/** Exports that change process-wide state when given a valid value: restored after each call. */
const savedBackend = tensorPkg.getBackend();
const savedEngine = tensorPkg.setBackwardEngine(null);
tensorPkg.setBackwardEngine(savedEngine);
function restoreGlobals(): void {
  tensorPkg.setBackwardEngine(savedEngine);
  tensorPkg.setBackend(savedBackend);
  autograd.setGradEnabled(true);
  tensorPkg.setPrintOptions();
  tensorPkg.manualSeed(0);
}

/** Every exported function and constructor. */
function exportEntries(): Entry[] {
  const out: Entry[] = [];
  for (const [pkg, ns] of Object.entries(PACKAGES)) {
    for (const [name, v] of Object.entries(ns)) {
      if (typeof v !== "function" || isErrorClass(v)) continue;
      const f = v as (...args: unknown[]) => unknown;
      out.push({
        name: `${pkg}: ${isClass(v) ? "new " : ""}${name}`,
        call: isClass(v)
          ? (args) => new (v as new (...a: unknown[]) => unknown)(...args)
          : (args) => f(...args),
      });
    }
  }
  return out;
}

/** A way to construct each class for its methods: the first argument list that works. */
function constructors(): { name: string; make: () => object }[] {
  const tries = (): unknown[][] => [
    [],
    [2, 2],
    [[nn.Parameter ? new nn.Parameter(sample()) : sample()], { lr: 0.1 }],
    [new data.TensorDataset(sample(), tensor([0, 1])), 1],
    [sample(), tensor([0, 1])],
    [optimizerFor()],
    [optimizerFor(), 1],
    [optimizerFor(), () => 1],
  ];
  const out: { name: string; make: () => object }[] = [];
  for (const [pkg, ns] of Object.entries(PACKAGES)) {
    for (const [name, v] of Object.entries(ns)) {
      if (!isClass(v) || isErrorClass(v) || v === Tensor) continue;
      for (let i = 0; i < tries().length; i++) {
        const make = () => new v(...tries()[i]!) as object;
        try {
          make();
          out.push({ name: `${pkg}: ${name}`, make });
          break;
        } catch {}
      }
    }
  }
  out.push({ name: "@tsgrad/tensor: Tensor", make: sample });
  return out;
}

function optimizerFor(): unknown {
  return new optim.SGD([new nn.Parameter(sample())], { lr: 0.1 });
}

/** The public methods of an instance, its class's and its ancestors' (accessors skipped). */
function methodNames(obj: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      if (k !== "constructor" && !k.startsWith("_") && typeof d.value === "function") names.add(k);
    }
  }
  return [...names];
}

function methodEntries(): Entry[] {
  const out: Entry[] = [];
  for (const { name, make } of constructors()) {
    for (const m of methodNames(make())) {
      out.push({
        name: `${name}.prototype.${m}`,
        call: (args) => {
          const obj = make() as Record<string, (...a: unknown[]) => unknown>;
          return obj[m]!(...args);
        },
      });
    }
  }
  return out;
}

// ---- judging one call -----------------------------------------------------------------------

const hasNaN = (v: unknown): boolean =>
  v instanceof Tensor
    ? !v.isDisposed && Array.from(v.toTypedArray() as ArrayLike<number>).some(Number.isNaN)
    : typeof v === "number" && Number.isNaN(v);
const isPlainObject = (v: unknown): v is object =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
/** NaN in a result: a tensor, a number, or one inside a returned array or plain object. */
const resultHasNaN = (v: unknown): boolean =>
  hasNaN(v) || (Array.isArray(v) && v.some(hasNaN)) || (isPlainObject(v) && Object.values(v).some(hasNaN));

/** Results where NaN is a value by design, not a wrong answer. */
const NAN_BY_DESIGN = new Set([
  // The state's fifth number is the spare normal of Box-Muller, NaN when there is none.
  "@tsgrad/tensor: Generator.prototype.getState",
]);

function describeValue(v: unknown): string {
  if (v instanceof Tensor) return `tensor ${tensorPkg.fmtShape(v.shape)}`;
  return tensorPkg.fmtValue(v);
}

type Verdict = { ok: true; returned: boolean } | { ok: false; why: string };

function judgeError(e: unknown): Verdict {
  if (e instanceof TsgradError) return { ok: true, returned: false };
  const err = e as Error;
  return { ok: false, why: `threw ${err?.name ?? typeof e}: ${String(err?.message ?? e).slice(0, 160)}` };
}

function judgeValue(entry: Entry, v: unknown, args: unknown[]): Verdict {
  let nan: boolean;
  try {
    nan = resultHasNaN(v);
  } catch (e) {
    return { ok: false, why: `returned a tensor that cannot be read: ${(e as Error).message}` };
  }
  if (nan && !args.some(resultHasNaN) && !NAN_BY_DESIGN.has(entry.name))
    return { ok: false, why: "returned NaN from inputs without NaN" };
  return { ok: true, returned: true };
}

/** Runs one call; async results are awaited (a call still pending after 3 s is not judged). */
async function judge(entry: Entry, args: unknown[]): Promise<Verdict> {
  let r: unknown;
  try {
    r = entry.call(args);
  } catch (e) {
    return judgeError(e);
  } finally {
    restoreGlobals();
  }
  if (!(r instanceof Promise)) return judgeValue(entry, r, args);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => resolve({ ok: true, returned: true }), 3000);
  });
  try {
    return await Promise.race([r.then((v) => judgeValue(entry, v, args), judgeError), pending]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `entry` with one misused argument at each of positions 0-2, the others plausible. */
async function oneAtATime(entry: Entry): Promise<string[]> {
  const bad: string[] = [];
  for (let pos = 0; pos < 3; pos++) {
    const verdicts: Verdict[] = [];
    for (const value of misuse()) {
      const args = baseline().slice(0, pos + 1);
      args[pos] = value;
      const v = await judge(entry, args);
      verdicts.push(v);
      if (!v.ok) bad.push(`${entry.name}, argument ${pos} = ${describeValue(value)}: ${v.why}`);
    }
    // An options position takes {} and refuses a string: it must refuse unknown keys too.
    const empty = verdicts[EMPTY_OBJECT];
    const text = verdicts[STRING];
    if (empty?.ok && empty.returned && text?.ok && !text.returned) {
      const args = baseline().slice(0, pos + 1);
      args[pos] = { zzUnknownOption: 1 };
      const v = await judge(entry, args);
      if (v.ok && v.returned) bad.push(`${entry.name}, argument ${pos}: an unknown option key was ignored`);
    }
  }
  return bad;
}

// ---- the tests --------------------------------------------------------------------------------

let cwd = "";
let dir = "";
beforeAll(() => {
  // Calls that happen to be valid may write files (saveFile("abc", ...)): into a scratch folder.
  cwd = process.cwd();
  dir = mkdtempSync(join(tmpdir(), "tsgrad-misuse-"));
  process.chdir(dir);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe("every export, called with one wrong argument at a time", () => {
  it("finds the exports of every package", () => {
    expect(exportEntries().length).toBeGreaterThan(150);
  });

  it.each(Object.keys(PACKAGES))(
    "%s: returns PyTorch's answer or throws a TsgradError",
    async (pkg) => {
      const bad: string[] = [];
      for (const entry of exportEntries().filter((e) => e.name.startsWith(`${pkg}: `))) {
        bad.push(...(await oneAtATime(entry)));
      }
      expect(bad).toEqual([]);
    },
    120_000,
  );
});

describe("every public method of every class, called with one wrong argument at a time", () => {
  it("constructs most classes", () => {
    expect(constructors().length).toBeGreaterThan(30);
  });

  it.each(Object.keys(PACKAGES))(
    "%s: returns PyTorch's answer or throws a TsgradError",
    async (pkg) => {
      const bad: string[] = [];
      for (const entry of methodEntries().filter((e) => e.name.startsWith(`${pkg}: `))) {
        bad.push(...(await oneAtATime(entry)));
      }
      expect(bad).toEqual([]);
    },
    120_000,
  );
});

describe("every export, with wrong arguments everywhere (fast-check)", () => {
  it("returns PyTorch's answer or throws a TsgradError", async () => {
    const entries = [...exportEntries(), ...methodEntries()];
    const value = fc.integer({ min: 0, max: misuse().length - 1 }).map((i) => misuse()[i]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...entries),
        fc.array(value, { maxLength: 4 }),
        async (entry, args) => {
          const v = await judge(entry, args);
          if (!v.ok) throw new Error(`${entry.name}(${args.map(describeValue).join(", ")}): ${v.why}`);
        },
      ),
      { numRuns: 2000, seed: 16 },
    );
  }, 120_000);
});
