// Checkpoints: the model's and the optimizer's state as one safetensors file (tensors, with
// the optimizer's JSON part as metadata) plus a JSON file with the epoch, the history and the
// random generators' states. Both are written atomically (temporary file, then rename), the
// JSON last, so a checkpoint is either complete or the previous one.
import { loadSafetensorsFile, saveSafetensorsFile } from "@tsgrad/nn";
import { flattenStateDict, type OptimizerStateDict, unflattenStateDict } from "@tsgrad/optim";
import { saveFile } from "@tsgrad/plot";
import { defaultGenerator, type Generator, type Tensor, ValueError } from "@tsgrad/tensor";

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

export function hasState(x: unknown): x is StatefulNet {
  return typeof x === "object" && x !== null && "stateDict" in x && "loadStateDict" in x;
}

/** Writes `dir/checkpoint.safetensors` and `dir/checkpoint.json`. */
export async function saveCheckpoint<R>(
  dir: string,
  net: StatefulNet,
  optimizer: StatefulOptimizer | null,
  info: Omit<CheckpointInfo<R>, "generators">,
  generators: readonly Generator[] = [defaultGenerator],
): Promise<void> {
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
  const json: CheckpointInfo<R> = { ...info, generators: generators.map((g) => g.getState()) };
  await saveFile(`${dir}/checkpoint.json`, `${JSON.stringify(json, null, 2)}\n`);
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
  const { readFile } = await import("node:fs/promises");
  let text: string;
  try {
    text = await readFile(`${dir}/checkpoint.json`, "utf8");
  } catch {
    return null;
  }
  const info = JSON.parse(text) as CheckpointInfo<R>;
  const { tensors, metadata } = await loadSafetensorsFile(`${dir}/checkpoint.safetensors`);
  const model: Record<string, Tensor> = {};
  const optim: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(tensors)) {
    if (k.startsWith(MODEL)) model[k.slice(MODEL.length)] = t;
    else if (k.startsWith(OPTIM)) optim[k.slice(OPTIM.length)] = t;
  }
  net.loadStateDict(model);
  if (optimizer !== null) optimizer.loadStateDict(unflattenStateDict(optim, metadata));
  if (info.generators.length !== generators.length) {
    throw new ValueError(
      `loadCheckpoint: ${dir} holds ${info.generators.length} generator states but ${generators.length} generators were given`,
    );
  }
  for (const [i, g] of generators.entries()) g.setState(info.generators[i]!);
  return info;
}
