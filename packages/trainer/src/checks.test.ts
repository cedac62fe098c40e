// The trainer's entry points called as plain JavaScript may call them (issue 16): a wrong kind
// of argument, an unknown option, an out-of-range value is a TsgradError naming the function,
// the argument and what it got, never a TypeError from inside, a NaN, or an option ignored.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CrossEntropyLoss } from "@tsgrad/losses";
import { Linear, Sequential } from "@tsgrad/nn";
import { SGD } from "@tsgrad/optim";
import { Generator, manualSeed, type Tensor, TsgradError, tensor, ValueError, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { blobs, ShuffledBatches } from "./fixtures.test-util.js";
import {
  Animator,
  callLoss,
  DivergenceCheck,
  type EpochRecord,
  epochLine,
  loadCheckpoint,
  predict,
  saveCheckpoint,
  TrainingDivergedError,
  train,
  trainEpoch,
} from "./index.js";

// Plain JavaScript: no type checker between the caller and the trainer.
// biome-ignore lint/suspicious/noExplicitAny: the point is calls the types would refuse
type Any = any;

/** The error `f` throws (or its promise rejects with). */
async function errorOf(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** `f` throws (or rejects with) a ValueError whose message is `message` (or matches it). */
async function expectValueError(f: () => unknown, message: string | RegExp): Promise<void> {
  const e = await errorOf(f);
  expect(e).toBeInstanceOf(ValueError);
  expect(e).toBeInstanceOf(TsgradError);
  if (typeof message === "string") expect((e as Error).message).toBe(message);
  else expect((e as Error).message).toMatch(message);
}

const model = () => {
  manualSeed(0);
  return new Sequential(new Linear(2, 3));
};
const batches = () => {
  const { X, y } = blobs(60, 1);
  return new ShuffledBatches(X, y, 20, null);
};
const lossFn = new CrossEntropyLoss({ reduction: "none" });
const t22 = () =>
  tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: "float32" },
  );
const sink = () => {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s) > 0, isTTY: false } as Any };
};
const NET = "a model (an nn Module or an object with a forward method)";
const ITER = "an iterable of [X, y] batches (a DataLoader, an array...)";

describe("trainEpoch", () => {
  const run =
    (...args: Any[]) =>
    () =>
      (trainEpoch as Any)(...args);
  const opt = (net: Sequential) => new SGD(net.parameters(), { lr: 0.1 });

  it("names a wrong net, trainIter, loss or updater", async () => {
    const net = model();
    await expectValueError(
      run(undefined, batches(), lossFn, opt(net)),
      `trainEpoch: net must be ${NET}, got undefined`,
    );
    await expectValueError(
      run(t22(), batches(), lossFn, opt(net)),
      `trainEpoch: net must be ${NET}, got a tensor of shape [2, 2]`,
    );
    await expectValueError(run(net, 2, lossFn, opt(net)), `trainEpoch: trainIter must be ${ITER}, got 2`);
    await expectValueError(
      run(net, "abc", lossFn, opt(net)),
      `trainEpoch: trainIter must be ${ITER}, got "abc"`,
    );
    await expectValueError(
      run(net, batches(), 2, opt(net)),
      "trainEpoch: loss must be a function (yHat, y) => tensor or an object with a forward method, got 2",
    );
    await expectValueError(
      run(net, batches(), lossFn, {}),
      "trainEpoch: updater must be an optimizer (with step and zeroGrad) or a function of the batch size, got an object",
    );
  });

  it("names an empty loader (no NaN loss), a batch that is not [X, y] and an empty batch", async () => {
    const net = model();
    await expectValueError(
      run(net, [], lossFn, opt(net)),
      "trainEpoch: trainIter yielded no batch at epoch 1",
    );
    await expectValueError(run(net, "", lossFn, opt(net)), `trainEpoch: trainIter must be ${ITER}, got ""`);
    await expectValueError(
      run(net, [1e9, 1e9], lossFn, opt(net)),
      "trainEpoch: trainIter must yield [X, y] pairs of tensors, got 1000000000 at batch 1",
    );
    const { X, y } = blobs(4, 1);
    await expectValueError(
      run(net, [[X, y], [X]], lossFn, opt(net), { epoch: 3 }),
      "trainEpoch: trainIter must yield [X, y] pairs of tensors, got [a tensor of shape [4, 2]] at batch 2",
    );
    await expectValueError(
      run(net, [[zeros([0, 2]), tensor([], { dtype: "int32" })]], lossFn, opt(net)),
      "trainEpoch: trainIter yielded an empty batch (X of shape [0, 2]) at batch 1",
    );
  });

  it("names a net or a loss that does not return a tensor", async () => {
    const net = model();
    await expectValueError(
      run({ forward: () => 2 }, batches(), lossFn, opt(net)),
      "trainEpoch: net.forward must return a tensor, got 2",
    );
    await expectValueError(
      run(net, batches(), () => 2, opt(net)),
      "trainEpoch: loss must return a tensor, got 2",
    );
  });

  it("names unknown options (with a near miss) and wrong option values", async () => {
    const net = model();
    const call = (options: unknown) => run(net, batches(), lossFn, opt(net), options);
    await expectValueError(
      call({ epohc: 2 }),
      'trainEpoch: unknown option "epohc" in options; did you mean "epoch"? (known: epoch, accuracy, onBatch, divergence, lr)',
    );
    await expectValueError(
      call({ zzUnknownOption: 1 }),
      /^trainEpoch: unknown option "zzUnknownOption" in options \(known/,
    );
    await expectValueError(call("abc"), 'trainEpoch: options must be an object of options, got "abc"');
    await expectValueError(call(null), "trainEpoch: options must be an object of options, got null");
    await expectValueError(
      call(t22()),
      "trainEpoch: options must be an object of options, got a tensor of shape [2, 2]",
    );
    await expectValueError(call({ epoch: 0 }), "trainEpoch: epoch must be an integer >= 1, got 0");
    await expectValueError(
      call({ accuracy: "yes" }),
      'trainEpoch: accuracy must be true or false, got "yes"',
    );
    await expectValueError(call({ onBatch: 1 }), "trainEpoch: onBatch must be a function, got 1");
    await expectValueError(
      call({ divergence: {} }),
      "trainEpoch: divergence must be a DivergenceCheck or false, got an object",
    );
    await expectValueError(call({ lr: -1 }), "trainEpoch: lr must be a finite number >= 0, got -1");
  });

  it("still trains from any iterable: an array and a generator", () => {
    const net = model();
    const { X, y } = blobs(40, 1);
    const a = trainEpoch(net, [[X, y]], lossFn, opt(net));
    expect(a.batches).toBe(1);
    function* gen() {
      yield [X, y] as const;
    }
    expect(trainEpoch(net, gen(), lossFn, opt(net), { epoch: 2, divergence: false }).examples).toBe(40);
  });
});

describe("train", () => {
  const run =
    (...args: Any[]) =>
    () =>
      (train as Any)(...args);
  const opt = (net: Sequential) => new SGD(net.parameters(), { lr: 0.1 });
  /** Arguments with one replaced: [net, trainIter, testIter, loss, numEpochs, updater, options]. */
  const args = (at: number, value: unknown) => {
    const net = model();
    const a: unknown[] = [net, batches(), null, lossFn, 1, opt(net), { animator: false }];
    a[at] = value;
    return run(...a);
  };

  it("rejects with the argument named: net, trainIter, testIter, loss, numEpochs, updater", async () => {
    await expectValueError(args(0, undefined), `train: net must be ${NET}, got undefined`);
    await expectValueError(args(0, { forward: 1 }), `train: net must be ${NET}, got an object`);
    await expectValueError(
      args(0, { forward: () => 1, train: 2 }),
      "train: net.train must be a method (or absent), got 2",
    );
    await expectValueError(args(1, undefined), `train: trainIter must be ${ITER}, got undefined`);
    await expectValueError(args(2, undefined), `train: testIter must be ${ITER} or null, got undefined`);
    await expectValueError(
      args(3, "mse"),
      /^train: loss must be a function \(yHat, y\) => tensor .*, got "mse"$/,
    );
    for (const bad of [-1, 2.5, Number.NaN, "3", Number.POSITIVE_INFINITY]) {
      await expectValueError(args(4, bad), /^train: numEpochs must be an integer >= 0, got /);
    }
    await expectValueError(args(5, 0.1), /^train: updater must be an optimizer .*, got 0.1$/);
  });

  it("names unknown options with a near miss, at the top and inside checkpoint, expect, divergence, report", async () => {
    const o = (options: unknown) => args(6, options);
    await expectValueError(
      o({ quite: true }),
      /^train: unknown option "quite" in options; did you mean "quiet"\?/,
    );
    await expectValueError(
      o({ animator: false, checkpoint: { dri: "x" } }),
      /^train: unknown option "dri" in checkpoint; did you mean "dir"\?/,
    );
    await expectValueError(
      o({ expect: { minTestAc: 0.9 } }),
      /^train: unknown option "minTestAc" in expect; did you mean "minTestAcc"\?/,
    );
    await expectValueError(
      o({ divergence: { factr: 5 } }),
      /^train: unknown option "factr" in divergence; did you mean "factor"\?/,
    );
    await expectValueError(
      o({ report: { fact: {} } }),
      /^train: unknown option "fact" in report; did you mean "facts"\?/,
    );
    await expectValueError(o("abc"), 'train: options must be an object of options, got "abc"');
  });

  it("names wrong option values before any epoch runs", async () => {
    let epochs = 0;
    const o = (options: object) => args(6, { animator: false, onEpoch: () => epochs++, ...options });
    await expectValueError(
      o({ animator: {} }),
      "train: animator must be an Animator or false, got an object",
    );
    await expectValueError(o({ outDir: "" }), 'train: outDir must be a non-empty string (a path), got ""');
    await expectValueError(o({ quiet: 1 }), "train: quiet must be true or false, got 1");
    await expectValueError(o({ onBatch: "log" }), 'train: onBatch must be a function, got "log"');
    await expectValueError(
      o({ checkpoint: { dir: "x", generators: [1] } }),
      "train: checkpoint.generators must be an array of Generators, got [1]",
    );
    await expectValueError(
      o({ expect: { minTestAcc: 90 } }),
      "train: expect.minTestAcc must be a number from 0 to 1, got 90",
    );
    await expectValueError(
      o({ expect: { maxTrainLoss: Number.NaN } }),
      "train: expect.maxTrainLoss must be a number, got NaN",
    );
    // These could only fail, after the whole run.
    await expectValueError(
      o({ accuracy: false, expect: { minTrainAcc: 0.9 } }),
      "train: expect.minTrainAcc must be absent with accuracy: false, got 0.9",
    );
    await expectValueError(
      o({ expect: { minTestAcc: 0.9 } }),
      "train: expect.minTestAcc must be absent without a testIter, got 0.9",
    );
    await expectValueError(
      o({ report: { facts: 2 } }),
      "train: report.facts must be an object of strings and numbers, got 2",
    );
    await expectValueError(
      o({ divergence: { factor: 1 } }),
      "train: divergence.factor must be a number above 1 (or Infinity), got 1",
    );
    await expectValueError(o({ lr: "0.1" }), 'train: lr must be a finite number >= 0, got "0.1"');
    await expectValueError(
      o({ checkpoint: { dir: 2 } }),
      "train: checkpoint.dir must be a non-empty string (a path), got 2",
    );
    await expectValueError(
      o({ checkpoint: { dir: "x", resume: "yes" } }),
      'train: checkpoint.resume must be true or false, got "yes"',
    );
    expect(epochs).toBe(0);
  });

  it("draws the curves an animator's legend names (add refuses more values than curves)", async () => {
    const net = model();
    const animator = new Animator({ legend: ["loss"], stream: sink().stream });
    await train(net, batches(), batches(), lossFn, 2, opt(net), { animator });
    expect(animator.ys.length).toBe(1);
    expect(animator.ys[0]!.length).toBe(2);
  });

  it("names an empty loader, and a one-shot generator at the epoch it ran dry", async () => {
    const net = model();
    await expectValueError(
      run(net, [], null, lossFn, 2, opt(net), { animator: false }),
      "train: trainIter yielded no batch at epoch 1",
    );
    const { X, y } = blobs(40, 1);
    function* once() {
      yield [X, y] as const;
    }
    await expectValueError(
      run(net, once(), null, lossFn, 2, opt(net), { animator: false }),
      "train: trainIter yielded no batch at epoch 2",
    );
  });

  it("resumes a run without a test set: its NaN accuracies and generator state went through JSON as null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-checks-"));
    const go = async (epochs: number, resume: boolean) => {
      const net = model();
      const shuffle = new Generator(4);
      shuffle.normal(); // leaves no spare normal: NaN in its state
      const { X, y } = blobs(60, 1);
      const { out, stream } = sink();
      const res = await train(net, new ShuffledBatches(X, y, 20, shuffle), null, lossFn, epochs, opt(net), {
        animator: new Animator({ numEpochs: epochs, stream }),
        checkpoint: { dir, resume, generators: [shuffle] },
      });
      return { res, out };
    };
    await go(1, false);
    expect(readFileSync(join(dir, "checkpoint.safetensors")).toString("latin1")).toContain(":null");
    const { res, out } = await go(2, true);
    expect(res.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(res.history[0]!.testAcc).toBeNaN();
    expect(out[0]).toMatch(/^epoch 1\/2, train loss \d\.\d{4}, train acc \d\.\d{3}, /);
  });
});

describe("epochLine", () => {
  const record: EpochRecord = {
    epoch: 2,
    trainLoss: 0.5,
    trainAcc: 0.8,
    testAcc: Number.NaN,
    seconds: 1.5,
    examplesPerSecond: 1234.4,
  };

  it("formats a record", () => {
    expect(epochLine(record, 3)).toBe(
      "epoch 2/3, train loss 0.5000, train acc 0.800, 1.50 s, 1,234 examples/s",
    );
  });

  it("names a record that is not one, a missing field and a wrong numEpochs", async () => {
    const f = epochLine as Any;
    await expectValueError(
      () => f(undefined, 3),
      "epochLine: record must be an EpochRecord ({ epoch, trainLoss, trainAcc, testAcc, seconds, examplesPerSecond }), got undefined",
    );
    await expectValueError(
      () => f({ ...record, seconds: undefined }, 3),
      "epochLine: record.seconds must be a number, got undefined",
    );
    await expectValueError(
      () => f({ dimm: 1 }, 3),
      "epochLine: record.epoch must be an integer >= 0, got undefined",
    );
    await expectValueError(() => f(record, "3"), 'epochLine: numEpochs must be an integer >= 0, got "3"');
  });
});

describe("callLoss", () => {
  it("calls a function or a loss module, and names a wrong loss, input or result", async () => {
    const yHat = tensor([[2, 0, 0]], { dtype: "float32" });
    const y = tensor([0], { dtype: "int32" });
    expect(callLoss(lossFn, yHat, y).shape).toEqual([1]);
    expect(callLoss((a: Tensor) => a.sum(), yHat, y).item()).toBe(2);
    const f = callLoss as Any;
    await expectValueError(
      () => f(2, yHat, y),
      /^callLoss: loss must be a function \(yHat, y\) => tensor .*, got 2$/,
    );
    await expectValueError(() => f(undefined, yHat, y), /^callLoss: loss must be .*, got undefined$/);
    await expectValueError(() => f(lossFn, 2, y), "callLoss: yHat must be a tensor, got 2");
    await expectValueError(() => f(lossFn, yHat, [0]), "callLoss: y must be a tensor, got [0]");
    await expectValueError(() => f(() => 2, yHat, y), "callLoss: loss must return a tensor, got 2");
  });
});

describe("saveCheckpoint and loadCheckpoint", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "tsgrad-checks-"));
  const save =
    (...args: Any[]) =>
    () =>
      (saveCheckpoint as Any)(...args);
  const load =
    (...args: Any[]) =>
    () =>
      (loadCheckpoint as Any)(...args);
  const STATEFUL = "a model with stateDict() and loadStateDict() (an nn Module)";

  it("name a wrong dir, net, optimizer, info or generators", async () => {
    const net = model();
    const info = { epoch: 1, history: [] };
    await expectValueError(
      save(2, net, null, info),
      "saveCheckpoint: dir must be a non-empty string (a path), got 2",
    );
    await expectValueError(
      save(dir(), undefined, null, info),
      `saveCheckpoint: net must be ${STATEFUL}, got undefined`,
    );
    await expectValueError(
      save(dir(), { forward: () => 1 }, null, info),
      `saveCheckpoint: net must be ${STATEFUL}, got an object`,
    );
    await expectValueError(
      save(dir(), net, 2, info),
      "saveCheckpoint: optimizer must be an optimizer with stateDict() and loadStateDict(), or null, got 2",
    );
    await expectValueError(
      save(dir(), net, null, undefined),
      "saveCheckpoint: info must be an object { epoch, history }, got undefined",
    );
    await expectValueError(
      save(dir(), net, null, { epoch: 1, histroy: [] }),
      /^saveCheckpoint: unknown option "histroy" in info; did you mean "history"\?/,
    );
    await expectValueError(
      save(dir(), net, null, { epoch: -1, history: [] }),
      "saveCheckpoint: info.epoch must be an integer >= 0, got -1",
    );
    await expectValueError(
      save(dir(), net, null, info, [2]),
      "saveCheckpoint: generators must be an array of Generators, got [2]",
    );
    await expectValueError(
      save(dir(), net, null, { epoch: 1, history: [1n] }),
      /^saveCheckpoint: info.history must be JSON data \(/,
    );
    await expectValueError(
      load("", net, null),
      'loadCheckpoint: dir must be a non-empty string (a path), got ""',
    );
    await expectValueError(
      load(dir(), net, undefined),
      /^loadCheckpoint: optimizer must be .*, or null, got undefined$/,
    );
  });

  it("loadCheckpoint restores nothing when the generators do not match", async () => {
    const d = dir();
    await saveCheckpoint(d, model(), null, { epoch: 1, history: [] }, [new Generator(1)]);
    const net = new Sequential(new Linear(2, 3));
    const before = net.parameters().map((p) => p.toArray());
    await expectValueError(
      load(d, net, null, []),
      `loadCheckpoint: ${d} holds 1 generator states but 0 generators were given`,
    );
    expect(net.parameters().map((p) => p.toArray())).toEqual(before);
  });
});

describe("predict", () => {
  const images = () => [[zeros([4, 3, 3]), tensor([0, 1, 2, 3], { dtype: "int32" })]] as const;
  const net = { forward: (x: Tensor) => x.reshape(x.shape[0]!, 9).narrow(1, 0, 4) };
  const call =
    (...args: Any[]) =>
    () =>
      (predict as Any)(...args);

  it("draws the first n images with their labels", async () => {
    const p = await predict(net, images(), { n: 2, labels: (ix) => ix.map((i) => `c${i}`) });
    expect(p.trueLabels).toEqual(["c0", "c1"]);
    expect(p.predLabels).toEqual(["c0", "c0"]);
  });

  it("names a wrong net, testIter, option or batch", async () => {
    await expectValueError(call(undefined, images()), `predict: net must be ${NET}, got undefined`);
    await expectValueError(call(net, "abc"), `predict: testIter must be ${ITER}, got "abc"`);
    await expectValueError(call(net, []), "predict: testIter yielded no batch");
    await expectValueError(
      call(net, images(), null),
      "predict: options must be an object of options, got null",
    );
    await expectValueError(
      call(net, images(), { m: 2 }),
      /^predict: unknown option "m" in options; did you mean "n"\?/,
    );
    await expectValueError(call(net, images(), { n: 0 }), "predict: n must be an integer >= 1, got 0");
    await expectValueError(
      call(net, images(), { rows: 1e12 + 0.5 }),
      "predict: rows must be an integer >= 1, got 1000000000000.5",
    );
    await expectValueError(
      call(net, images(), { labels: "fashion" }),
      'predict: labels must be a function, got "fashion"',
    );
    await expectValueError(
      call(net, images(), { png: 2 }),
      "predict: png must be a non-empty string (a path), got 2",
    );
    await expectValueError(
      call(net, [[1e9, 1e9]]),
      "predict: testIter must yield [X, y] pairs of tensors, got [1000000000, 1000000000] at batch 1",
    );
    await expectValueError(
      call(net, [[t22(), tensor([0, 1])]]),
      "predict: testIter must yield images X of shape [N, H, W] or [N, 1, H, W], got [2, 2]",
    );
    await expectValueError(
      call(net, [[zeros([4, 3, 3]), tensor([0, 1])]]),
      "predict: testIter must yield labels y of shape [N] for X of shape [4, 3, 3], got [2]",
    );
  });

  it("names a net or a labels function that returns the wrong thing", async () => {
    await expectValueError(
      call({ forward: (x: Tensor) => x.sum() }, images()),
      "predict: net.forward must return scores of shape [N, C], got a tensor of shape []",
    );
    await expectValueError(
      call(net, images(), { n: 2, labels: () => 2 }),
      "predict: labels must return one string per index (2), got 2",
    );
  });
});

describe("Animator", () => {
  const make = () => new Animator({ numEpochs: 2, stream: sink().stream });

  it("names a wrong options object, an unknown key and wrong values", async () => {
    const A = Animator as Any;
    await expectValueError(() => new A(null), "Animator: options must be an object of options, got null");
    await expectValueError(
      () => new A({ legnd: ["a"] }),
      /^Animator: unknown option "legnd" in options; did you mean "legend"\?/,
    );
    await expectValueError(
      () => new A({ legend: "loss" }),
      'Animator: legend must be an array of strings, got "loss"',
    );
    await expectValueError(
      () => new A({ numEpochs: -1 }),
      "Animator: numEpochs must be an integer >= 0, got -1",
    );
    await expectValueError(
      () => new A({ stream: 2 }),
      "Animator: stream must be a writable stream (an object with write), got 2",
    );
    await expectValueError(() => new A({ live: "yes" }), 'Animator: live must be true or false, got "yes"');
    await expectValueError(
      () => new A({ outDir: 3 }),
      "Animator: outDir must be a non-empty string (a path), got 3",
    );
  });

  it("add names a wrong x, values or line", async () => {
    const a = make() as Any;
    await expectValueError(
      () => a.add(undefined, [1]),
      "Animator.add: x must be a finite number, got undefined",
    );
    await expectValueError(
      () => a.add(t22(), [1]),
      "Animator.add: x must be a finite number, got a tensor of shape [2, 2]",
    );
    const VALUES =
      "Animator.add: values must be an array of numbers (null or undefined where a curve has none), got";
    await expectValueError(() => a.add(1, null), `${VALUES} null`);
    await expectValueError(() => a.add(1, 0.5), `${VALUES} 0.5`);
    await expectValueError(() => a.add(1, ["a", 1]), `${VALUES} ["a", 1]`);
    await expectValueError(
      () => a.add(1, [1, 2, 3, 4]),
      "Animator.add: values has 4 values but the legend has 3 curves, got [1, 2, 3, 4]",
    );
    await expectValueError(() => a.add(1, [1], 2), "Animator.add: line must be a string, got 2");
    a.add(1, [1, null]);
    expect(a.ys).toEqual([[1], [Number.NaN], [Number.NaN]]);
  });

  it("html and finish name wrong extras; startEpoch and batch wrong numbers", async () => {
    const a = make() as Any;
    await expectValueError(
      () => a.html(null),
      "Animator.html: extras must be an object of options, got null",
    );
    await expectValueError(
      () => a.html({ fact: {} }),
      /^Animator.html: unknown option "fact" in extras; did you mean "facts"\?/,
    );
    await expectValueError(
      () => a.html({ sections: [{ title: "a" }] }),
      "Animator.html: extras.sections must be an array of { title, html } strings, got [an object]",
    );
    await expectValueError(
      () => a.html({ sections: [{ title: "a", html: "<p>", titel: "b" }] }),
      /^Animator.html: unknown option "titel" in extras.sections\[0\]; did you mean "title"\?/,
    );
    await expectValueError(
      () => a.finish("abc"),
      'Animator.finish: extras must be an object of options, got "abc"',
    );
    await expectValueError(
      () => a.startEpoch("1", 2),
      'Animator.startEpoch: epoch must be an integer >= 0, got "1"',
    );
    await expectValueError(
      () => a.startEpoch(1, -1),
      "Animator.startEpoch: numBatches must be an integer >= 0, got -1",
    );
    await expectValueError(
      () => a.batch(1, "fast", 0.5),
      'Animator.batch: examplesPerSecond must be a number, got "fast"',
    );
    expect(a.html({ facts: { lr: 0.1 } })).toContain("<th>lr</th>");
  });

  it("keeps its internals off the prototype: the public methods are the documented ones", () => {
    const names = Object.getOwnPropertyNames(Animator.prototype).filter((k) => k !== "constructor");
    expect(names.sort()).toEqual(["add", "batch", "finish", "html", "ready", "startEpoch", "stop", "svg"]);
  });
});

describe("DivergenceCheck", () => {
  it("names a wrong options object, an unknown key, and a wrong loss or n in update", async () => {
    const D = DivergenceCheck as Any;
    await expectValueError(
      () => new D(null),
      "DivergenceCheck: options must be an object of options, got null",
    );
    await expectValueError(
      () => new D({ factr: 5 }),
      /^DivergenceCheck: unknown option "factr" in options; did you mean "factor"\?/,
    );
    await expectValueError(
      () => new D({ examples: 1e12 + 0.5 }),
      "DivergenceCheck: examples must be an integer >= 1, got 1000000000000.5",
    );
    const check = new DivergenceCheck() as Any;
    await expectValueError(() => check.update("1"), 'DivergenceCheck.update: loss must be a number, got "1"');
    await expectValueError(
      () => check.update(t22()),
      "DivergenceCheck.update: loss must be a number, got a tensor of shape [2, 2]",
    );
    await expectValueError(
      () => check.update(1, 0),
      "DivergenceCheck.update: n must be an integer >= 1, got 0",
    );
    await expectValueError(
      () => check.update(1, 2.5),
      "DivergenceCheck.update: n must be an integer >= 1, got 2.5",
    );
    expect(check.update(1, 32)).toBeNull();
  });
});

describe("TrainingDivergedError", () => {
  it("names a wrong argument of its constructor", async () => {
    const E = TrainingDivergedError as Any;
    await expectValueError(
      () => new E(1, 2, 3, undefined, null),
      "TrainingDivergedError: growth must be { start, factor } numbers, or undefined, got null",
    );
    await expectValueError(
      () => new E("1", 2, 3),
      'TrainingDivergedError: epoch must be an integer >= 0, got "1"',
    );
    expect(new E(1, 2, Number.NaN, 0.5).message).toMatch(
      /^train: the loss became NaN at epoch 1, batch 2 with learning rate 0.5;/,
    );
  });
});
