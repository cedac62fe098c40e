// Optimizer trajectories and learning-rate schedules against PyTorch 1.13
// (fixtures/golden-optim.json, made by scripts/golden_optim.py): 100 steps of each optimizer
// configuration on a fixed least-squares problem, parameters compared after every step to 1e-5,
// and every scheduler's learning rates over 40 steps.
import { readFileSync } from "node:fs";
import { type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  Adam,
  type AdamOptions,
  AdamW,
  CosineAnnealingLR,
  type CosineAnnealingLROptions,
  ExponentialLR,
  type ExponentialLROptions,
  LambdaLR,
  LinearLR,
  type LinearLROptions,
  type LrLambda,
  MultiStepLR,
  type MultiStepLROptions,
  type Scheduler,
  SequentialLR,
  SGD,
  type SGDOptions,
  StepLR,
  type StepLROptions,
} from "./index.js";

interface OptimizerCase {
  optimizer: "SGD" | "Adam" | "AdamW";
  options: Record<string, number | boolean | number[]>;
  groups: Record<string, number | boolean>[] | null;
  losses: number[];
  params: number[][];
}
interface SchedulerCase {
  scheduler: string;
  options: { lrLambda?: string | string[] } & Record<string, unknown>;
  groups: number;
  lrs: number[][];
}
interface Golden {
  torch: string;
  steps: number;
  problem: { X: number[][]; Y: number[][]; W0: number[][]; b0: number[] };
  optimizers: Record<string, OptimizerCase>;
  schedulers: Record<string, SchedulerCase>;
}

const golden = JSON.parse(
  readFileSync(new URL("./fixtures/golden-optim.json", import.meta.url), "utf8"),
) as Golden;
const { X: Xdata, Y: Ydata, W0, b0 } = golden.problem;

// The fixture's options use tsgrad's names; the constructors check them at run time.
function makeOptimizer(c: OptimizerCase, W: Tensor, b: Tensor): { zeroGrad(): void; step(): unknown } {
  const params = [W, b];
  if (c.optimizer === "SGD") {
    const options = c.options as SGDOptions;
    if (c.groups === null) return new SGD(params, { lr: 0, ...options });
    return new SGD(
      c.groups.map((g, i) => ({ ...(g as SGDOptions), params: [params[i]!] })),
      options,
    );
  }
  const options = c.options as unknown as AdamOptions;
  const groups = c.groups?.map((g, i) => ({ ...(g as AdamOptions), params: [params[i]!] }));
  const Cls = c.optimizer === "Adam" ? Adam : AdamW;
  return groups === undefined ? new Cls(params, options) : new Cls(groups, options);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
}

describe(`optimizers match PyTorch ${golden.torch} over ${golden.steps} steps`, () => {
  const X = tensor(Xdata, { dtype: "float32" });
  const Y = tensor(Ydata, { dtype: "float32" });
  for (const [name, c] of Object.entries(golden.optimizers)) {
    it(name, () => {
      const W = tensor(W0, { dtype: "float32", requiresGrad: true });
      const b = tensor(b0, { dtype: "float32", requiresGrad: true });
      const opt = makeOptimizer(c, W, b);
      const maximize = c.options.maximize === true;
      let worst = 0;
      c.params.forEach((expected, step) => {
        opt.zeroGrad();
        const loss = X.matmul(W.t()).add(b).sub(Y).square().mean();
        (maximize ? loss.neg() : loss).backward();
        opt.step();
        expect(loss.item()).toBeCloseTo(c.losses[step]!, 4);
        const got = [...W.toTypedArray(), ...b.toTypedArray()];
        const diff = maxAbsDiff(got, expected);
        worst = Math.max(worst, diff);
        if (diff > 1e-5) {
          throw new Error(`${name}: step ${step + 1}: parameters differ by ${diff}: ${got} vs ${expected}`);
        }
      });
      expect(worst).toBeLessThanOrEqual(1e-5);
    });
  }
});

const LAMBDAS: Record<string, LrLambda> = { "pow0.9": (e) => 0.9 ** e, inv: (e) => 1 / (e + 1) };

function makeScheduler(c: SchedulerCase, opt: SGD): Scheduler<unknown> {
  const o = c.options as unknown;
  switch (c.scheduler) {
    case "StepLR":
      return new StepLR(opt, o as StepLROptions);
    case "MultiStepLR":
      return new MultiStepLR(opt, o as MultiStepLROptions);
    case "ExponentialLR":
      return new ExponentialLR(opt, o as ExponentialLROptions);
    case "CosineAnnealingLR":
      return new CosineAnnealingLR(opt, o as CosineAnnealingLROptions);
    case "LambdaLR": {
      const names = c.options.lrLambda!;
      return new LambdaLR(opt, {
        lrLambda: Array.isArray(names) ? names.map((k) => LAMBDAS[String(k)]!) : LAMBDAS[String(names)]!,
      });
    }
    case "LinearLR":
      return new LinearLR(opt, o as LinearLROptions);
    case "SequentialLR":
      return new SequentialLR(opt, {
        schedulers: [
          new LinearLR(opt, { startFactor: 0.1, totalIters: 5 }),
          new CosineAnnealingLR(opt, { tMax: 20, etaMin: 0.0001 }),
          new StepLR(opt, { stepSize: 4, gamma: 0.5 }),
        ],
        milestones: [5, 25],
      });
    default:
      throw new Error(`unknown scheduler ${c.scheduler}`);
  }
}

describe(`schedulers match PyTorch ${golden.torch}`, () => {
  for (const [name, c] of Object.entries(golden.schedulers)) {
    it(name, () => {
      const params = Array.from({ length: c.groups }, () =>
        tensor([0], { dtype: "float32", requiresGrad: true }),
      );
      const opt = new SGD(
        params.map((p, i) => ({ params: [p], lr: 0.1 * (i + 1) })),
        { lr: 0.1 },
      );
      const sched = makeScheduler(c, opt);
      const lrs = [sched.getLastLr()];
      for (let i = 1; i < c.lrs.length; i++) {
        opt.step();
        sched.step();
        lrs.push(sched.getLastLr());
      }
      expect(lrs).toHaveLength(c.lrs.length);
      let worst = 0;
      lrs.forEach((row, i) => {
        expect(row).toHaveLength(c.groups);
        row.forEach((lr, g) => {
          const want = c.lrs[i]![g]!;
          const err = Math.abs(lr - want) / Math.max(1e-3, Math.abs(want));
          if (!(err <= 1e-12)) throw new Error(`${name}: step ${i} group ${g}: lr ${lr}, PyTorch ${want}`);
          worst = Math.max(worst, err);
        });
      });
      expect(worst).toBeLessThanOrEqual(1e-12);
    });
  }
});
