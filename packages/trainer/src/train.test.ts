import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CrossEntropyLoss, crossEntropy } from "@tsgrad/losses";
import { Linear, loadSafetensors, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import { Generator, manualSeed, type Tensor, TsgradError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { blobs, ShuffledBatches } from "./fixtures.test-util.js";
import { Animator, TrainingCheckError, TrainingDivergedError, train, trainEpoch } from "./index.js";

const data = () => {
  const { X, y } = blobs(300, 1);
  const test = blobs(90, 2);
  return {
    trainIter: new ShuffledBatches(X, y, 32, new Generator(3)),
    testIter: new ShuffledBatches(test.X, test.y, 45, null),
  };
};

/** A fake TTY-less stream that records what is written. */
const sink = () => {
  const out: string[] = [];
  return {
    out,
    stream: { write: (s: string) => out.push(s) > 0, isTTY: false } as unknown as NodeJS.WritableStream,
  };
};

describe("trainEpoch", () => {
  it("with a built-in optimizer: mean loss backward, step; returns per-example loss and accuracy", () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const { trainIter } = data();
    const opt = new SGD(net.parameters(), { lr: 0.1 });
    const loss = new CrossEntropyLoss({ reduction: "none" });
    const first = trainEpoch(net, trainIter, loss, opt);
    expect(first.examples).toBe(300);
    expect(first.batches).toBe(10);
    let last = first;
    for (let e = 0; e < 5; e++) last = trainEpoch(net, trainIter, loss, opt);
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.acc).toBeGreaterThan(0.9);
  });

  it("with a hand-written updater: sum loss backward, updater(batchSize)", () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const { trainIter } = data();
    const params = net.parameters();
    const sizes: number[] = [];
    const updater = (batchSize: number) => {
      sizes.push(batchSize);
      sgd(params, 0.1, batchSize);
    };
    const loss = (yHat: Tensor, y: Tensor) => crossEntropy(yHat, y, { reduction: "none" });
    const a = trainEpoch(net, trainIter, loss, updater);
    const b = trainEpoch(net, trainIter, loss, updater);
    expect(sizes.slice(0, 10)).toEqual([32, 32, 32, 32, 32, 32, 32, 32, 32, 12]);
    expect(b.loss).toBeLessThan(a.loss);
  });

  it("stops with a clear error when the loss diverges", () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const { trainIter } = data();
    // A quartic loss with a large step: the updates grow until the loss overflows.
    const quartic = (yHat: Tensor) => yHat.pow(4).mean();
    const opt = new SGD(net.parameters(), { lr: 10 });
    expect(() => trainEpoch(net, trainIter, quartic, opt, { epoch: 4 })).toThrow(TrainingDivergedError);
    expect(() => trainEpoch(net, trainIter, quartic, opt, { epoch: 4 })).toThrow(TsgradError);
    expect(() => trainEpoch(net, trainIter, quartic, opt, { epoch: 4 })).toThrow(
      /^train: the loss became (NaN|Infinity) at epoch 4, batch \d+ with learning rate 10; the training diverged: try a smaller learning rate, such as 1$/,
    );
  });
});

describe("train", () => {
  it("returns a history, calls back, logs one line per epoch off a TTY, writes chart and report", async () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const { trainIter, testIter } = data();
    const { out, stream } = sink();
    const outDir = mkdtempSync(join(tmpdir(), "tsgrad-train-"));
    const epochs: number[] = [];
    let batches = 0;
    const animator = new Animator({ numEpochs: 4, outDir, stream });
    const res = await train(
      net,
      trainIter,
      testIter,
      new CrossEntropyLoss({ reduction: "none" }),
      4,
      new SGD(net.parameters(), { lr: 0.1 }),
      {
        animator,
        onEpoch: (r) => epochs.push(r.epoch),
        onBatch: () => {
          batches++;
        },
        expect: { maxTrainLoss: 0.5, minTrainAcc: 0.9, minTestAcc: 0.9 },
      },
    );
    expect(res.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(batches).toBe(40);
    expect(res.final?.testAcc).toBeGreaterThan(0.9);
    expect(out.filter((l) => l.startsWith("epoch ")).length).toBe(4);
    expect(out[3]).toMatch(
      /^epoch 4\/4, train loss \d\.\d{4}, train acc \d\.\d{3}, test acc \d\.\d{3}, \d+\.\d\d s, [\d,]+ examples\/s\n$/,
    );
    const svg = readFileSync(join(outDir, "chart.svg"), "utf8");
    expect(svg).toContain('data-name="train loss"');
    expect(svg).toContain('data-name="test acc"');
    expect(readFileSync(join(outDir, "report.html"), "utf8")).toContain("<td>4</td>");
  });

  it("fails the d2l checks with a message naming what missed", async () => {
    manualSeed(0);
    const net = new Sequential(new Linear(2, 3));
    const { trainIter, testIter } = data();
    const opt = new SGD(net.parameters(), { lr: 1e-6 });
    await expect(
      train(net, trainIter, testIter, new CrossEntropyLoss(), 1, opt, {
        animator: false,
        expect: { minTestAcc: 0.99 },
      }),
    ).rejects.toThrow(TrainingCheckError);
  });

  it("resuming from a checkpoint ends with weights identical to an uninterrupted run", async () => {
    const run = async (dir: string, epochs: number, resume: boolean) => {
      manualSeed(5);
      const net = new Sequential(new Linear(2, 3));
      const shuffle = new Generator(11);
      const { X, y } = blobs(300, 1);
      const opt = new SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
      await train(net, new ShuffledBatches(X, y, 32, shuffle), null, new CrossEntropyLoss(), epochs, opt, {
        animator: false,
        checkpoint: { dir, resume, generators: [shuffle] },
      });
      return net;
    };
    const straight = await run(mkdtempSync(join(tmpdir(), "tsgrad-ck-")), 4, false);
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-ck-"));
    await run(dir, 2, false);
    const resumed = await run(dir, 4, true);
    const a = straight.parameters().map((p) => p.toArray());
    const b = resumed.parameters().map((p) => p.toArray());
    expect(b).toEqual(a);
    // One file, whose metadata holds the epoch beside the tensors; no temporary left behind.
    expect(readdirSync(dir)).toEqual(["checkpoint.safetensors"]);
    const { metadata } = loadSafetensors(new Uint8Array(readFileSync(join(dir, "checkpoint.safetensors"))));
    expect(JSON.parse(metadata["tsgrad.checkpoint"]!).epoch).toBe(4);
  });
});
