// Checkpoints: the model's and the optimizer's state as one safetensors file (tensors, with
// the optimizer's JSON part as metadata) plus a JSON file with the epoch, the history and the
// random generators' states. Both are written atomically (temporary file, then rename), the
// JSON last, so a checkpoint is either complete or the previous one.
import { loadSafetensorsFile, saveSafetensorsFile } from "@tsgrad/nn";
import { flattenStateDict, type OptimizerStateDict, unflattenStateDict } from "@tsgrad/optim";
import { saveFile } from "@tsgrad/plot";
import {
  argError,
  checkInt,
  checkOptions,
  defaultGenerator,
  type Generator,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { checkGenerators, checkPath } from "./args.js";

/** A model whose state can be saved (an nn Module). */
export interface StatefulNet {
  stateDict(): Record<string, Tensor>;
  loadStateDict(dict: Readonly<Record<string, Tensor>>, options?: { strict?: boolean }): unknown;
}

/** An optimizer whose state can be saved (tsgrad's optimizers). */
export interface StatefulOptimizer {
  stateDict(): OptimizerStateDict;
  loadStateDict(dict: OptimizerStateDict): void;
}

export interface CheckpointInfo<R = unknown> {
  /** Epochs completed. */
  epoch: number;
  /** Per-epoch records so far. */
  history: R[];
  /** States of the generators that drive shuffling, dropout and initialization. */
  generators: number[][];
}

const MODEL = "model.";
const OPTIM = "optim.";

/** Whether `x` has stateDict and loadStateDict methods (a Module, or a tsgrad optimizer). */
export function hasState(x: unknown): x is StatefulNet {
  if (typeof x !== "object" || x === null) return false;
  const o = x as { stateDict?: unknown; loadStateDict?: unknown };
  return typeof o.stateDict === "function" && typeof o.loadStateDict === "function";
}

/** The arguments both functions take: the folder, the model, the optimizer, the generators. */
function checkCommon(fn: string, dir: unknown, net: unknown, optimizer: unknown, generators: unknown): void {
  checkPath(fn, "dir", dir);
  if (!hasState(net))
    throw argError(fn, "net", "a model with stateDict() and loadStateDict() (an nn Module)", net);
  if (optimizer !== null && !hasState(optimizer)) {
    throw argError(fn, "optimizer", "an optimizer with stateDict() and loadStateDict(), or null", optimizer);
  }
  checkGenerators(fn, "generators", generators);
}

/** Writes `dir/checkpoint.safetensors` and `dir/checkpoint.json`. */
export async function saveCheckpoint<R>(
  dir: string,
  net: StatefulNet,
  optimizer: StatefulOptimizer | null,
  info: Omit<CheckpointInfo<R>, "generators">,
  generators: readonly Generator[] = [defaultGenerator],
): Promise<void> {
  const fn = "saveCheckpoint";
  checkCommon(fn, dir, net, optimizer, generators);
  if (typeof info !== "object" || info === null || Array.isArray(info)) {
    throw argError(fn, "info", "an object { epoch, history }", info);
  }
  checkOptions(fn, "info", info, ["epoch", "history"]);
  checkInt(fn, "info.epoch", info.epoch, 0);
  if (!Array.isArray(info.history)) throw argError(fn, "info.history", "an array of records", info.history);
  const state: CheckpointInfo<R> = { ...info, generators: generators.map((g) => g.getState()) };
  let json: string;
  try {
    json = `${JSON.stringify(state, null, 2)}\n`;
  } catch (e) {
    // A BigInt or a cycle in the history: named before anything is written.
    throw new ValueError(`${fn}: info.history must be JSON data (${(e as Error).message})`);
  }
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(net.stateDict())) tensors[MODEL + k] = t;
  let metadata: Record<string, string> = {};
  if (optimizer !== null) {
    const flat = flattenStateDict(optimizer.stateDict());
    for (const [k, t] of Object.entries(flat.tensors)) tensors[OPTIM + k] = t;
    metadata = flat.metadata;
  }
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir, { recursive: true });
  await saveSafetensorsFile(`${dir}/checkpoint.safetensors`, tensors, metadata);
  await saveFile(`${dir}/checkpoint.json`, json);
}

/**
 * Restores a checkpoint written by `saveCheckpoint` into the model, the optimizer and the
 * generators (same order as when saved). Returns its info, or null when `dir` has none.
 */
export async function loadCheckpoint<R>(
  dir: string,
  net: StatefulNet,
  optimizer: StatefulOptimizer | null,
  generators: readonly Generator[] = [defaultGenerator],
): Promise<CheckpointInfo<R> | null> {
  const fn = "loadCheckpoint";
  checkCommon(fn, dir, net, optimizer, generators);
  const { readFile } = await import("node:fs/promises");
  const file = `${dir}/checkpoint.json`;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  const info = parseInfo<R>(fn, file, text);
  // Before anything is restored: a mismatch leaves the model, optimizer and generators as they were.
  if (info.generators.length !== generators.length) {
    throw new ValueError(
      `loadCheckpoint: ${dir} holds ${info.generators.length} generator states but ${generators.length} generators were given`,
    );
  }
  const { tensors, metadata } = await loadSafetensorsFile(`${dir}/checkpoint.safetensors`);
  const model: Record<string, Tensor> = {};
  const optim: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(tensors)) {
    if (k.startsWith(MODEL)) model[k.slice(MODEL.length)] = t;
    else if (k.startsWith(OPTIM)) optim[k.slice(OPTIM.length)] = t;
  }
  net.loadStateDict(model);
  if (optimizer !== null) optimizer.loadStateDict(unflattenStateDict(optim, metadata));
  for (const [i, g] of generators.entries()) g.setState(info.generators[i]!);
  return info;
}

/** checkpoint.json's contents, checked (a generator's NaN spare, written as null, restores as is). */
function parseInfo<R>(fn: string, file: string, text: string): CheckpointInfo<R> {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch (e) {
    throw new ValueError(`${fn}: ${file} is not valid JSON (${(e as Error).message})`);
  }
  const o = info as Partial<Record<keyof CheckpointInfo, unknown>> | null;
  const ok =
    typeof o === "object" &&
    o !== null &&
    Number.isSafeInteger(o.epoch) &&
    Array.isArray(o.history) &&
    Array.isArray(o.generators) &&
    o.generators.every(Array.isArray);
  if (!ok)
    throw new ValueError(`${fn}: ${file} is not a checkpoint (it needs epoch, history and generators)`);
  return o as CheckpointInfo<R>;
}
