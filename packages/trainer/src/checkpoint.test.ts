// Checkpoints are one file: a damaged one is a CheckpointError naming it, the earlier two-file
// format is refused, killed writers' temporaries are cleared, and nothing is half restored.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CrossEntropyLoss } from "@tsgrad/losses";
import { Linear, Sequential, saveSafetensors } from "@tsgrad/nn";
import { Adam, SGD } from "@tsgrad/optim";
import { Generator, manualSeed, TsgradError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { CheckpointError, loadCheckpoint, saveCheckpoint } from "./checkpoint.js";
import { blobs, ShuffledBatches } from "./fixtures.test-util.js";
import { train } from "./train.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "tsgrad-ckpt-"));
const FILE = "checkpoint.safetensors";

/** A model and an Adam optimizer after one step, so that the optimizer has tensors and scalars. */
function setup(seed: number) {
  manualSeed(seed);
  const net = new Sequential(new Linear(2, 3));
  const opt = new Adam(net.parameters(), { lr: 0.1 });
  const { X, y } = blobs(12, seed);
  new CrossEntropyLoss().forward(net.forward(X), y).backward();
  opt.step();
  return { net, opt };
}

const values = (net: Sequential) => net.parameters().map((p) => p.toArray());

/** What `f` rejects with: a CheckpointError (a ValueError) whose message matches `message`. */
async function expectCheckpointError(f: () => Promise<unknown>, message: string | RegExp): Promise<void> {
  const e = await f().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CheckpointError);
  expect(e).toBeInstanceOf(ValueError);
  expect(e).toBeInstanceOf(TsgradError);
  expect((e as Error).message).toMatch(message);
}

/** The pid of a process that has exited: its temporaries are a dead writer's. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("saveCheckpoint and loadCheckpoint", () => {
  it("write one file and restore model, optimizer, generators and info from it", async () => {
    const dir = join(tempDir(), "nested");
    const { net, opt } = setup(1);
    const g = new Generator(7);
    g.normal(); // a spare normal in its state
    const history = [{ epoch: 1, loss: 0.5, acc: Number.NaN }];
    await saveCheckpoint(dir, net, opt, { epoch: 1, history }, [g]);
    expect(readdirSync(dir)).toEqual([FILE]);
    const other = setup(2);
    const g2 = new Generator(0);
    const info = await loadCheckpoint(dir, other.net, other.opt, [g2]);
    expect(info).toEqual({
      epoch: 1,
      history: [{ epoch: 1, loss: 0.5, acc: null }],
      generators: [g.getState()],
    });
    expect(values(other.net)).toEqual(values(net));
    expect(g2.getState()).toEqual(g.getState());
    // The optimizer continues as the saved one would: the next steps agree.
    const next = blobs(6, 3);
    for (const [m, o] of [
      [net, opt],
      [other.net, other.opt],
    ] as const) {
      o.zeroGrad();
      new CrossEntropyLoss().forward(m.forward(next.X), next.y).backward();
    }
    opt.step();
    other.opt.step();
    expect(values(other.net)).toEqual(values(net));
  });

  it("return null without a checkpoint, creating nothing", async () => {
    const { net, opt } = setup(1);
    const missing = join(tempDir(), "none");
    expect(await loadCheckpoint(missing, net, opt)).toBeNull();
    expect(existsSync(missing)).toBe(false);
  });

  it("name the file of a truncated or damaged checkpoint, restoring nothing", async () => {
    const dir = tempDir();
    const { net, opt } = setup(1);
    await saveCheckpoint(dir, net, opt, { epoch: 3, history: [] });
    const path = join(dir, FILE);
    const whole = readFileSync(path);
    const fresh = setup(2);
    const before = values(fresh.net);
    const headerLength = Number(whole.readBigUInt64LE(0));
    // Cut inside the length, inside the header, and inside the tensors' data (the last byte).
    for (const length of [0, 5, 8 + (headerLength >> 1), whole.length - 1]) {
      writeFileSync(path, whole.subarray(0, length));
      await expectCheckpointError(
        () => loadCheckpoint(dir, fresh.net, fresh.opt),
        new RegExp(`^loadCheckpoint: ${path} is damaged or not a checkpoint \\(loadSafetensors: `),
      );
    }
    const flipped = Buffer.from(whole);
    flipped[9] = 0x7b; // the header's second byte: no longer JSON
    writeFileSync(path, flipped);
    await expectCheckpointError(() => loadCheckpoint(dir, fresh.net, fresh.opt), `${path} is damaged`);
    expect(values(fresh.net)).toEqual(before);
    // Not a regular file: refused at once, named.
    const folder = join(tempDir(), FILE);
    mkdirSync(folder);
    await expectCheckpointError(
      () => loadCheckpoint(join(folder, ".."), fresh.net, fresh.opt),
      `loadCheckpoint: ${folder} is not a regular file (it is a directory)`,
    );
  });

  it("name a safetensors file without checkpoint info, or with info that is wrong", async () => {
    const dir = tempDir();
    const { net } = setup(1);
    const path = join(dir, FILE);
    const write = (metadata?: Record<string, string>) =>
      writeFileSync(path, saveSafetensors({ "model.0.bias": tensor([1, 2, 3]) }, metadata));
    const load = () => loadCheckpoint(dir, net, null);
    write();
    await expectCheckpointError(load, `loadCheckpoint: ${path} has no "tsgrad.checkpoint" metadata`);
    write({ "tsgrad.checkpoint": "{ not json" });
    await expectCheckpointError(load, `${path} has a "tsgrad.checkpoint" entry that is not valid JSON (`);
    write({ "tsgrad.checkpoint": '{ "format": 1, "epoch": 1 }' });
    await expectCheckpointError(
      load,
      `${path} has a "tsgrad.checkpoint" entry that is not checkpoint info (it needs format, epoch, history, generators and optimizer)`,
    );
    write({ "tsgrad.checkpoint": '{ "format": 2 }' });
    await expectCheckpointError(
      load,
      `${path} is in checkpoint format 2; this version of @tsgrad/trainer reads format 1`,
    );
    const info = (generators: unknown) =>
      JSON.stringify({ format: 1, epoch: 1, history: [], generators, optimizer: false });
    write({ "tsgrad.checkpoint": info([[1, 2]]) });
    await expectCheckpointError(
      () => loadCheckpoint(dir, net, null, [new Generator(0)]),
      `${path} holds an invalid state for generator 0 (Generator.setState: expected a state of 6 numbers`,
    );
  });

  it("refuse a checkpoint that does not fit the model, optimizer or generators, restoring nothing", async () => {
    const dir = tempDir();
    const { net, opt } = setup(1);
    const path = join(dir, FILE);
    await saveCheckpoint(dir, net, opt, { epoch: 1, history: [] });
    manualSeed(3);
    const wide = new Sequential(new Linear(2, 4));
    const before = values(wide);
    await expectCheckpointError(
      () => loadCheckpoint(dir, wide, new Adam(wide.parameters())),
      new RegExp(
        `^loadCheckpoint: ${path} does not fit the model \\(loadStateDict: [^]*size mismatch for 0.weight`,
      ),
    );
    expect(values(wide)).toEqual(before);
    const other = setup(2);
    const saved = values(other.net);
    await expectCheckpointError(
      () => loadCheckpoint(dir, other.net, null),
      `${path} holds an optimizer's state, but no optimizer was given to restore it into`,
    );
    await expectCheckpointError(
      () => loadCheckpoint(dir, other.net, other.opt, []),
      `loadCheckpoint: ${dir} holds 1 generator states but 0 generators were given`,
    );
    // The optimizer refuses its state only as it loads: the model's values are put back.
    const [w, b] = other.net.parameters();
    const split = new SGD([{ params: [w!] }, { params: [b!] }], { lr: 0.1 });
    await expectCheckpointError(
      () => loadCheckpoint(dir, other.net, split),
      `${path} does not fit the optimizer (SGD.loadStateDict: loaded state dict has a different number of parameter groups`,
    );
    expect(values(other.net)).toEqual(saved);
    await saveCheckpoint(dir, net, null, { epoch: 1, history: [] });
    await expectCheckpointError(
      () => loadCheckpoint(dir, other.net, other.opt),
      `${path} was saved without an optimizer, but an optimizer was given`,
    );
  });

  it("remove what killed writers left, in every name this code has used, and only that", async () => {
    const dir = tempDir();
    const dead = deadPid();
    const stale = [
      `.${FILE}.${dead}.k3j9x2ab.tmp`, // writeFileAtomic's
      `.checkpoint.json.${dead}.m2x1f0qzq8d1.tmp`, // plot's saveFile's, for the earlier checkpoint.json
      `${FILE}.tmp-${dead}-1718000000000`, // saveSafetensorsFile's
    ];
    const kept = [
      `.${FILE}.${process.pid}.live0001.tmp`, // a live writer's (this process)
      `${FILE}.tmp-${process.pid}-1718000000000`,
      `.chart.svg.${dead}.abc.tmp`, // not a checkpoint file's
      "notes.txt",
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), "x");
    const { net, opt } = setup(1);
    expect(await loadCheckpoint(dir, net, opt)).toBeNull();
    expect(readdirSync(dir).sort()).toEqual([...kept].sort());
    for (const name of stale) writeFileSync(join(dir, name), "x");
    await saveCheckpoint(dir, net, opt, { epoch: 1, history: [] });
    expect(readdirSync(dir).sort()).toEqual([...kept, FILE].sort());
  });

  it("refuse the earlier two-file format; a save replaces it", async () => {
    const dir = tempDir();
    const { net, opt } = setup(1);
    // The earlier layout: tensors only in checkpoint.safetensors, the rest in checkpoint.json.
    writeFileSync(join(dir, FILE), saveSafetensors({ "model.0.bias": tensor([1, 2, 3]) }));
    writeFileSync(join(dir, "checkpoint.json"), '{ "epoch": 1, "history": [], "generators": [] }');
    await expectCheckpointError(
      () => loadCheckpoint(dir, net, opt),
      `loadCheckpoint: ${dir} holds checkpoint.json and ${FILE}: a checkpoint in the two-file format of earlier @tsgrad/trainer versions, which cannot be resumed safely`,
    );
    await saveCheckpoint(dir, net, opt, { epoch: 2, history: [] });
    expect(readdirSync(dir)).toEqual([FILE]);
    expect((await loadCheckpoint(dir, net, opt))?.epoch).toBe(2);
    writeFileSync(join(dir, "checkpoint.json"), "{}");
    // A stale checkpoint.json beside a one-file checkpoint: the checkpoint is whole, and used.
    expect((await loadCheckpoint(dir, net, opt))?.epoch).toBe(2);
    const lone = tempDir();
    writeFileSync(join(lone, "checkpoint.json"), "{}");
    await expectCheckpointError(
      () => loadCheckpoint(lone, net, opt),
      `loadCheckpoint: ${lone} holds checkpoint.json but no ${FILE}: a checkpoint in the two-file format`,
    );
  });
});

describe("train with checkpoints", () => {
  const run = (dir: string, epochs: number) => {
    manualSeed(5);
    const net = new Sequential(new Linear(2, 3));
    const shuffle = new Generator(11);
    const { X, y } = blobs(90, 1);
    const opt = new SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
    return train(net, new ShuffledBatches(X, y, 30, shuffle), null, new CrossEntropyLoss(), epochs, opt, {
      animator: false,
      checkpoint: { dir, resume: true, generators: [shuffle] },
    });
  };

  it("starts afresh when resuming finds no checkpoint", async () => {
    const dir = tempDir();
    const res = await run(dir, 2);
    expect(res.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it("stops on a damaged checkpoint, naming it, rather than starting afresh", async () => {
    const dir = tempDir();
    await run(dir, 1);
    const path = join(dir, FILE);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    await expect(run(dir, 2)).rejects.toThrow(
      new RegExp(`^loadCheckpoint: ${path} is damaged or not a checkpoint \\(`),
    );
  });
});
