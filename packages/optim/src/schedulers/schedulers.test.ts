import { tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { SGD } from "../sgd.js";
import { CosineAnnealingLR } from "./cosine-annealing-lr.js";
import { ExponentialLR } from "./exponential-lr.js";
import { LambdaLR } from "./lambda-lr.js";
import { LinearLR } from "./linear-lr.js";
import { LRScheduler, type Scheduler } from "./lr-scheduler.js";
import { MultiStepLR } from "./multi-step-lr.js";
import { SequentialLR } from "./sequential-lr.js";
import { StepLR } from "./step-lr.js";

function optimizer(...lrs: number[]): SGD {
  return new SGD(
    lrs.map((lr) => ({ params: [tensor([0], { dtype: "float32", requiresGrad: true })], lr })),
    { lr: 1 },
  );
}

function run(s: Scheduler<unknown>, steps: number): number[] {
  const out = [s.getLastLr()[0]!];
  for (let i = 0; i < steps; i++) {
    s.step();
    out.push(s.getLastLr()[0]!);
  }
  return out;
}

const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(12)));

describe("schedulers by hand", () => {
  it("StepLR", () => {
    expect(round(run(new StepLR(optimizer(1), { stepSize: 2, gamma: 0.5 }), 5))).toEqual([
      1, 1, 0.5, 0.5, 0.25, 0.25,
    ]);
  });

  it("MultiStepLR counts repeated milestones", () => {
    expect(round(run(new MultiStepLR(optimizer(1), { milestones: [1, 3, 3], gamma: 0.1 }), 4))).toEqual([
      1, 0.1, 0.1, 0.001, 0.001,
    ]);
  });

  it("ExponentialLR", () => {
    expect(round(run(new ExponentialLR(optimizer(2), { gamma: 0.5 }), 3))).toEqual([2, 1, 0.5, 0.25]);
  });

  it("CosineAnnealingLR follows the cosine and comes back up after tMax", () => {
    const lrs = run(new CosineAnnealingLR(optimizer(1), { tMax: 4, etaMin: 0 }), 8);
    const closed = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => (1 + Math.cos((Math.PI * t) / 4)) / 2);
    lrs.forEach((lr, i) => {
      expect(lr).toBeCloseTo(closed[i]!, 12);
    });
  });

  it("CosineAnnealingLR's recursive form carries on from an lr changed from outside", () => {
    const opt = optimizer(1);
    const s = new CosineAnnealingLR(opt, { tMax: 10 });
    s.step();
    opt.paramGroups[0]!.lr /= 2;
    s.step();
    const closed = (t: number) => (1 + Math.cos((Math.PI * t) / 10)) / 2;
    expect(s.getLastLr()[0]).toBeCloseTo(closed(2) / 2, 12);
  });

  it("LambdaLR multiplies the initial lr, one function per group", () => {
    const s = new LambdaLR(optimizer(1, 10), { lrLambda: [(e) => e + 1, (e) => 0.5 ** e] });
    s.step();
    s.step();
    expect(s.getLastLr()).toEqual([3, 2.5]);
  });

  it("LinearLR warms up linearly, then holds", () => {
    expect(round(run(new LinearLR(optimizer(1), { startFactor: 0.25, totalIters: 3 }), 5))).toEqual([
      0.25, 0.5, 0.75, 1, 1, 1,
    ]);
  });

  it("SequentialLR switches at the milestones, restarting the next scheduler", () => {
    const opt = optimizer(1);
    const warmup = new LinearLR(opt, { startFactor: 0.5, totalIters: 2 });
    const decay = new ExponentialLR(opt, { gamma: 0.5 });
    expect(round(run(new SequentialLR(opt, { schedulers: [warmup, decay], milestones: [2] }), 4))).toEqual([
      0.5, 0.75, 1, 0.5, 0.25,
    ]);
  });

  it("writes the rates into the optimizer, which the next step uses", () => {
    const opt = optimizer(1, 0.1);
    const s = new StepLR(opt, { stepSize: 1, gamma: 0.1 });
    s.step();
    expect(opt.paramGroups.map((g) => g.lr)).toEqual(s.getLastLr());
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([1, 0.1]);
    const p = opt.paramGroups[0]!.params[0]!;
    p.grad = tensor([1], { dtype: "float32" });
    opt.step();
    expect(p.item()).toBeCloseTo(-0.1, 7);
  });
});

describe("scheduler errors", () => {
  it("rejects bad options with PyTorch's messages", () => {
    const opt = optimizer(1);
    expect(() => new LinearLR(opt, { startFactor: 0 })).toThrow(
      new ValueError(
        "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
      ),
    );
    expect(() => new LinearLR(opt, { endFactor: 1.5 })).toThrow(
      "LinearLR: Ending multiplicative factor expected to be between 0 and 1.",
    );
    expect(() => new LambdaLR(optimizer(1, 2), { lrLambda: [(e) => e] })).toThrow(
      "LambdaLR: Expected 2 lrLambdas, but got 1",
    );
    expect(() => new StepLR(opt, { stepSize: 0 })).toThrow(
      "StepLR: stepSize must be a positive integer, got 0",
    );
    expect(() => new CosineAnnealingLR(opt, { tMax: 0 })).toThrow(
      "CosineAnnealingLR: tMax must be positive, got 0",
    );
  });

  it("resuming (lastEpoch >= 0) needs initialLr in every group", () => {
    expect(() => new ExponentialLR(optimizer(1), { gamma: 0.9, lastEpoch: 3 })).toThrow(
      "ExponentialLR: param 'initialLr' is not specified in paramGroups[0] when resuming an optimizer",
    );
  });

  it("SequentialLR checks its schedulers and milestones", () => {
    const opt = optimizer(1);
    const other = optimizer(1);
    const a = new StepLR(opt, { stepSize: 2 });
    const b = new StepLR(other, { stepSize: 2 });
    expect(() => new SequentialLR(opt, { schedulers: [a, b], milestones: [3] })).toThrow(
      "SequentialLR: Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 1 to be different than the optimizer passed in.",
    );
    expect(() => new SequentialLR(opt, { schedulers: [a], milestones: [3] })).toThrow(
      "SequentialLR: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1",
    );
  });
});

describe("scheduler state dicts", () => {
  it.each([
    ["CosineAnnealingLR", (o: SGD) => new CosineAnnealingLR(o, { tMax: 7, etaMin: 0.01 })],
    ["MultiStepLR", (o: SGD) => new MultiStepLR(o, { milestones: [4, 9] })],
    [
      "SequentialLR",
      (o: SGD) =>
        new SequentialLR(o, {
          schedulers: [
            new LinearLR(o, { startFactor: 0.2, totalIters: 3 }),
            new CosineAnnealingLR(o, { tMax: 5 }),
          ],
          milestones: [3],
        }),
    ],
  ] as [string, (o: SGD) => Scheduler<unknown>][])("%s: resuming continues identically", (_name, make) => {
    const opt = optimizer(0.5);
    const s = make(opt);
    for (let i = 0; i < 5; i++) s.step();
    const saved = JSON.parse(JSON.stringify({ opt: opt.stateDict(), s: s.stateDict() })) as {
      opt: ReturnType<SGD["stateDict"]>;
      s: unknown;
    };
    const rest = run(s, 8);
    const opt2 = optimizer(0.5);
    const s2 = make(opt2);
    opt2.loadStateDict(saved.opt);
    s2.loadStateDict(saved.s);
    expect(run(s2, 8)).toEqual(rest);
  });
});

describe("schedulers from plain JavaScript", () => {
  type Ctor = new (optimizer: unknown, options?: unknown) => Scheduler<unknown>;
  const all: [string, Ctor, object][] = [
    ["StepLR", StepLR as unknown as Ctor, { stepSize: 2 }],
    ["MultiStepLR", MultiStepLR as unknown as Ctor, { milestones: [2] }],
    ["ExponentialLR", ExponentialLR as unknown as Ctor, { gamma: 0.9 }],
    ["CosineAnnealingLR", CosineAnnealingLR as unknown as Ctor, { tMax: 5 }],
    ["LinearLR", LinearLR as unknown as Ctor, {}],
    ["LambdaLR", LambdaLR as unknown as Ctor, { lrLambda: () => 1 }],
  ];

  it("an optimizer argument that is not an optimizer is a ValueError naming it", () => {
    for (const [name, Cls, options] of all) {
      for (const [bad, shown] of [
        [undefined, "undefined"],
        [{}, "an object"],
        [tensor([1]), "a tensor of shape [1]"],
      ] as const) {
        const call = () => new Cls(bad, options);
        expect(call).toThrow(ValueError);
        expect(call).toThrow(
          `${name}: optimizer must be an optimizer (an object with paramGroups), got ${shown}`,
        );
      }
      expect(() => new Cls({ paramGroups: [{ lr: "0.1" }] }, options)).toThrow(
        `${name}: optimizer.paramGroups[0].lr must be a finite number, got "0.1"`,
      );
    }
  });

  it("options must be an object of known keys", () => {
    for (const [name, Cls, options] of all) {
      expect(() => new Cls(optimizer(1), { ...options, lastEpch: 2 })).toThrow(
        `${name}: unknown option "lastEpch" in options; did you mean "lastEpoch"?`,
      );
      expect(() => new Cls(optimizer(1), 30)).toThrow(
        `${name}: options must be an object of options, got 30`,
      );
    }
  });

  it("required options, wrong kinds and ranges are named", () => {
    const opt = optimizer(1);
    expect(() => new StepLR(opt, undefined as unknown as { stepSize: number })).toThrow(
      "StepLR: stepSize must be a positive integer, got undefined",
    );
    expect(() => new StepLR(opt, { stepSize: 2, gamma: Number.NaN })).toThrow(
      "StepLR: gamma must be a finite number >= 0, got NaN",
    );
    expect(() => new MultiStepLR(opt, { milestones: [1.5] })).toThrow(
      "MultiStepLR: milestones must be an array of integers, got [1.5]",
    );
    expect(() => new ExponentialLR(opt, {} as { gamma: number })).toThrow(
      "ExponentialLR: gamma must be a finite number >= 0, got undefined",
    );
    expect(() => new CosineAnnealingLR(opt, { tMax: "5" as unknown as number })).toThrow(
      'CosineAnnealingLR: tMax must be a number, got "5"',
    );
    expect(() => new CosineAnnealingLR(opt, { tMax: 5, etaMin: Number.NaN })).toThrow(
      "CosineAnnealingLR: etaMin must be a finite number, got NaN",
    );
    expect(() => new LinearLR(opt, { startFactor: "0.5" as unknown as number })).toThrow(
      'LinearLR: startFactor must be a number, got "0.5"',
    );
    expect(() => new LambdaLR(opt, { lrLambda: 0.5 as unknown as () => number })).toThrow(
      "LambdaLR: lrLambda must be a function or an array of functions, got 0.5",
    );
    expect(() => new StepLR(opt, { stepSize: 1, lastEpoch: "3" as unknown as number })).toThrow(
      'StepLR: lastEpoch must be an integer >= -1, got "3"',
    );
    expect(opt.paramGroups[0]!.lr).toBe(1);
  });

  it("LambdaLR names a factor that is not a finite number", () => {
    const opt = optimizer(1);
    const s = new LambdaLR(opt, { lrLambda: (e) => (e < 1 ? 1 : Number.NaN) });
    const call = () => s.step();
    expect(call).toThrow(ValueError);
    // The failed step left the epoch unchanged: the second call fails at epoch 1 too.
    expect(call).toThrow("LambdaLR: lrLambda returned NaN for epoch 1; expected a finite number");
    expect(opt.paramGroups[0]!.lr).toBe(1);
  });

  it("SequentialLR checks its schedulers, milestones and state dict", () => {
    const opt = optimizer(1);
    const a = new StepLR(opt, { stepSize: 2 });
    expect(() => new SequentialLR(opt, { schedulers: [a, {} as StepLR], milestones: [2] })).toThrow(
      "SequentialLR: schedulers must be an array of schedulers (StepLR, LinearLR...), got [a StepLR, an object]",
    );
    expect(() => new SequentialLR(opt, { schedulers: [a], milestones: "2" as unknown as number[] })).toThrow(
      'SequentialLR: milestones must be an array of integers, got "2"',
    );
    expect(
      () => new SequentialLR(opt, undefined as unknown as { schedulers: StepLR[]; milestones: number[] }),
    ).toThrow("SequentialLR: schedulers must be an array of schedulers");
    const s = new SequentialLR(opt, { schedulers: [a], milestones: [] });
    expect(() => s.loadStateDict(null as unknown as ReturnType<SequentialLR["stateDict"]>)).toThrow(
      "SequentialLR.loadStateDict: stateDict must be a SequentialLR state dict ({ lastEpoch, lastLr, schedulers }), got null",
    );
  });

  it("step(epoch) and loadStateDict check their arguments", () => {
    const opt = optimizer(1);
    const s = new StepLR(opt, { stepSize: 2 });
    expect(() => s.step("2" as unknown as number)).toThrow(
      'StepLR.step: epoch must be an integer >= 0, got "2"',
    );
    const sd = s.stateDict();
    expect(() => s.loadStateDict({ ...sd, baseLrs: [] })).toThrow(
      "StepLR.loadStateDict: stateDict.baseLrs must be an array of 1 finite numbers (one per group), got []",
    );
    expect(() => s.loadStateDict({ ...sd, lastEpoch: Number.NaN })).toThrow(
      "StepLR.loadStateDict: stateDict.lastEpoch must be an integer >= -1, got NaN",
    );
    expect(() => s.loadStateDict([] as unknown as typeof sd)).toThrow(
      "StepLR.loadStateDict: stateDict must be a scheduler state dict, got []",
    );
    expect(s.stateDict()).toEqual(sd);
  });

  it("the base class cannot be constructed", () => {
    const Base = LRScheduler as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Base("X", optimizer(1), -1)).toThrow("LRScheduler: the base class has no schedule");
  });
});
