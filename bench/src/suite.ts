// One case against every available implementation: inputs built per backend from the same
// numbers, a correctness check (every peer must agree with tsgrad-js), then the interleaved
// timing. TensorFlow.js tensors are made under their own backend (so tfjs never moves data
// between backends inside a timed call), every call runs in tf.tidy, and the case's inputs
// are disposed at the end, so tfjs memory stays flat. tsgrad's rows run in its own tidy too.
import { fromTypedArray, type Tensor, tidy } from "@tsgrad/tensor";
import type { Inputs, KernelCase, TfTensor } from "./cases.js";
import { normalData, numel, seedOf } from "./data.js";
import type { TfjsInfo } from "./peers/tfjs.js";
import type { TsgradThreads } from "./peers/threads.js";
import type { TsgradInfo } from "./peers/tsgrad.js";
import { measurePeers, type Peer, type Timing, type TimingConfig } from "./timing.js";

export interface Ctx {
  tsgrad: TsgradInfo;
  tfjs: TfjsInfo;
  timing: TimingConfig;
  /** tsgrad's setNumThreads (issue 19); the "gemm-mlp" cases also run at 2 threads with it. */
  threads: TsgradThreads;
}

/** Thread counts of the "gemm-mlp" rows; every other row runs on one thread. */
export const KERNEL_THREADS = [1, 2] as const;

export interface CaseResult {
  kase: KernelCase;
  /** Timings by implementation name: tsgrad-js, tsgrad-wasm, loop, tfjs-cpu, tfjs-wasm, torch. */
  timings: Map<string, Timing>;
  /** Max |peer - tsgrad-js| / max(1, max |tsgrad-js|) by implementation name. */
  errors: Map<string, number>;
  /** Live tfjs tensors after the case minus before (0 when memory stays flat). */
  tfjsTensorDelta: number;
}

/** Relative error above which a peer is reported as disagreeing with tsgrad-js. */
export const MISMATCH_TOLERANCE = 1e-3;

interface Impl extends Peer {
  read: () => ArrayLike<number>;
}

function getter<T>(m: ReadonlyMap<string, T>): Inputs<T> {
  return (name) => {
    const v = m.get(name);
    if (v === undefined) throw new Error(`bench: no input named ${name}`);
    return v;
  };
}

function relError(ref: ArrayLike<number>, got: ArrayLike<number>): number {
  if (ref.length !== got.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]!));
  let err = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ref[i]! - got[i]!);
    err = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(err, d);
  }
  return err / scale;
}

async function tsgradImpls(
  c: KernelCase,
  data: ReadonlyMap<string, Float32Array>,
  ctx: Ctx,
): Promise<Impl[]> {
  const impls: Impl[] = [];
  const mlp = c.section === "gemm-mlp";
  // One thread for every row but the "gemm-mlp" ones at 2 threads (where setNumThreads exists).
  const setThreads = (n: number) => {
    if (ctx.threads.available) ctx.threads.set(n);
  };
  for (const b of ctx.tsgrad.backends) {
    if (mlp && b !== "wasm") continue;
    await ctx.tsgrad.activate(b);
    setThreads(1);
    const tensors = new Map<string, Tensor>(
      c.inputs.map((i) => [i.name, fromTypedArray(data.get(i.name)!.slice(), i.shape)]),
    );
    const x = getter(tensors);
    // As TF.js's rows: every call in a scope that releases what it made (tidy), so memory is
    // reused. The "fresh" row leaves every result to the garbage collector.
    if (mlp) {
      for (const n of KERNEL_THREADS) {
        if (n > 1 && !ctx.threads.available) continue;
        impls.push({
          name: `tsgrad-${b}${n === 1 ? "" : `-${n}t`}`,
          activate: async () => {
            await ctx.tsgrad.activate(b);
            setThreads(n);
          },
          run: () => {
            tidy(() => {
              c.tsgrad(x);
            });
          },
          read: () => tidy(() => c.tsgrad(x).toTypedArray()),
        });
      }
      continue;
    }
    impls.push({
      name: `tsgrad-${b}`,
      activate: async () => {
        await ctx.tsgrad.activate(b);
        setThreads(1);
      },
      run: () => {
        tidy(() => {
          c.tsgrad(x);
        });
      },
      read: () => tidy(() => c.tsgrad(x).toTypedArray()),
    });
    impls.push({
      name: `tsgrad-${b} fresh`,
      activate: async () => {
        await ctx.tsgrad.activate(b);
        setThreads(1);
      },
      run: () => c.tsgrad(x),
      read: () => c.tsgrad(x).toTypedArray(),
    });
  }
  return impls;
}

async function tfjsImpls(
  c: KernelCase,
  data: ReadonlyMap<string, Float32Array>,
  ctx: Ctx,
  owned: TfTensor[],
): Promise<Impl[]> {
  const { tf } = ctx.tfjs;
  const impls: Impl[] = [];
  for (const b of ctx.tfjs.backends) {
    if (c.section === "gemm-mlp" && b !== "wasm") continue;
    await ctx.tfjs.activate(b);
    const tensors = new Map<string, TfTensor>(
      c.inputs.map((i) => [i.name, tf.tensor(data.get(i.name)!, [...i.shape], "float32")]),
    );
    owned.push(...tensors.values());
    const x = getter(tensors);
    impls.push({
      name: `tfjs-${b}`,
      activate: () => ctx.tfjs.activate(b),
      run: () => {
        tf.tidy(() => {
          c.tfjs(tf, x);
        });
      },
      read: () => {
        const t = tf.tidy(() => c.tfjs(tf, x));
        const v = t.dataSync();
        t.dispose();
        return v;
      },
    });
  }
  return impls;
}

export async function runCase(c: KernelCase, ctx: Ctx): Promise<CaseResult> {
  const data = new Map(c.inputs.map((i) => [i.name, normalData(numel(i.shape), seedOf(i.name))]));
  const tensorsBefore = ctx.tfjs.tf.memory().numTensors;
  const owned: TfTensor[] = [];
  const impls = await tsgradImpls(c, data, ctx);
  const loop = c.section === "gemm-mlp" ? undefined : c.loop;
  if (loop !== undefined) {
    const x = getter(data);
    const fresh = (n: number) => new Float32Array(n);
    const buffers = new Map<number, Float32Array>();
    const reuse = (n: number) => {
      let b = buffers.get(n);
      if (b === undefined) {
        b = new Float32Array(n);
        buffers.set(n, b);
      }
      return b;
    };
    const none = async () => {};
    impls.push({ name: "loop", activate: none, run: () => loop(x, fresh), read: () => loop(x, fresh) });
    impls.push({ name: "loop-reuse", activate: none, run: () => loop(x, reuse), read: () => loop(x, fresh) });
  }
  impls.push(...(await tfjsImpls(c, data, ctx, owned)));

  const errors = new Map<string, number>();
  let ref: ArrayLike<number> | undefined;
  for (const impl of impls) {
    await impl.activate();
    const got = impl.read();
    ref ??= got;
    errors.set(impl.name, relError(ref, got));
  }

  const timings = await measurePeers(impls, ctx.timing);
  for (const t of owned) t.dispose();
  const home = ctx.tsgrad.backends.find((b) => b === ctx.tsgrad.defaultBackend);
  if (home !== undefined) await ctx.tsgrad.activate(home);
  if (ctx.threads.available) ctx.threads.set(1);
  return { kase: c, timings, errors, tfjsTensorDelta: ctx.tfjs.tf.memory().numTensors - tensorsBefore };
}
