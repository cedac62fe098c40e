// Checkpoints: ONE file, `checkpoint.safetensors`: the model's and the optimizer's tensors, with
// the epoch, the history, the generators' states and the optimizer's JSON part in its metadata,
// written with one atomic rename (writeFileAtomic). Whenever a run is killed, the file is the
// new checkpoint, the previous one or none, and its parts always belong to the same epoch;
// the earlier pair (checkpoint.json written after checkpoint.safetensors) could mix two epochs.
import { loadSafetensors, saveSafetensors } from "@tsgrad/nn";
import { flattenStateDict, type OptimizerStateDict, unflattenStateDict } from "@tsgrad/optim";
import {
  argError,
  checkInt,
  checkOptions,
  defaultGenerator,
  Generator,
  type Tensor,
  TsgradError,
  ValueError,
  writeFileAtomic,
} from "@tsgrad/tensor";
import { checkGenerators, checkPath } from "./args.js";
import {
  CHECKPOINT_FILE,
  checkpointPath,
  hasLegacyInfo,
  LEGACY_INFO_FILE,
  readCheckpointBytes,
  removeLegacyInfo,
  removeStaleCheckpointTemporaries,
} from "./checkpoint-files.js";
import { FORMAT, INFO_KEY, LEGACY_REFUSAL, parseInfo, type StoredInfo } from "./checkpoint-info.js";

/** A model whose state can be saved (an nn Module). */
export interface StatefulNet {
  /** The model's tensors by name (Module.stateDict). */
  stateDict(): Record<string, Tensor>;
  /** Copies saved tensors into the model (Module.loadStateDict). */
  loadStateDict(dict: Readonly<Record<string, Tensor>>, options?: { strict?: boolean }): unknown;
}

/** An optimizer whose state can be saved (tsgrad's optimizers). */
export interface StatefulOptimizer {
  /** The optimizer's state and hyper-parameters (Optimizer.stateDict). */
  stateDict(): OptimizerStateDict;
  /** Restores what `stateDict` returned (Optimizer.loadStateDict). */
  loadStateDict(dict: OptimizerStateDict): void;
}

/** The training progress a checkpoint holds besides the tensors; `R` is a history record. */
export interface CheckpointInfo<R = unknown> {
  /** Epochs completed. */
  epoch: number;
  /** Per-epoch records so far. */
  history: R[];
  /** States of the generators that drive shuffling, dropout and initialization. */
  generators: number[][];
}

/**
 * A checkpoint that cannot be written or used: unreadable, truncated or damaged, not written by
 * saveCheckpoint, in the earlier two-file format, or not fitting the model, optimizer or
 * generators given. The message names the file and what is wrong; `cause` is the error beneath.
 */
export class CheckpointError extends ValueError {
  override name = "CheckpointError";
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

/** A file system failure as a CheckpointError naming what was being done (Node's error is the cause). */
function fileError(fn: string, what: string, e: unknown): CheckpointError {
  return new CheckpointError(`${fn}: cannot ${what}: ${(e as Error).message}`, { cause: e });
}

/**
 * Writes `dir/checkpoint.safetensors` atomically, replacing the previous checkpoint. Removes
 * temporaries that killed writers left in `dir`, and the earlier format's checkpoint.json.
 */
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
  const stored: StoredInfo = {
    format: FORMAT,
    epoch: info.epoch,
    history: info.history,
    generators: generators.map((g) => g.getState()),
    optimizer: optimizer !== null,
  };
  let json: string;
  try {
    json = JSON.stringify(stored);
  } catch (e) {
    // A BigInt or a cycle in the history: named before anything is written.
    throw new ValueError(`${fn}: info.history must be JSON data (${(e as Error).message})`);
  }
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(net.stateDict())) tensors[MODEL + k] = t;
  const metadata: Record<string, string> = {};
  if (optimizer !== null) {
    const flat = flattenStateDict(optimizer.stateDict());
    for (const [k, t] of Object.entries(flat.tensors)) tensors[OPTIM + k] = t;
    Object.assign(metadata, flat.metadata);
  }
  metadata[INFO_KEY] = json;
  const path = checkpointPath(dir, fn);
  await writeFileAtomic(path, saveSafetensors(tensors, metadata), fn).catch((e) => {
    throw fileError(fn, `write ${path}`, e);
  });
  await Promise.all([removeStaleCheckpointTemporaries(dir, fn), removeLegacyInfo(dir, fn)]).catch((e) => {
    throw fileError(fn, `remove stale files in ${dir}`, e);
  });
}

/**
 * Restores the checkpoint in `dir` (written by `saveCheckpoint`) into the model, the optimizer
 * and the generators (same order as when saved). Returns its info, or null when `dir` has none.
 * Everything is checked before anything is restored; a checkpoint that cannot be used is a
 * `CheckpointError` naming the file. Removes temporaries that killed writers left in `dir`.
 */
export async function loadCheckpoint<R>(
  dir: string,
  net: StatefulNet,
  optimizer: StatefulOptimizer | null,
  generators: readonly Generator[] = [defaultGenerator],
): Promise<CheckpointInfo<R> | null> {
  const fn = "loadCheckpoint";
  checkCommon(fn, dir, net, optimizer, generators);
  const fail = (message: string, cause?: unknown) => new CheckpointError(message, { cause });
  await removeStaleCheckpointTemporaries(dir, fn).catch((e) => {
    throw fileError(fn, `remove stale files in ${dir}`, e);
  });
  const path = checkpointPath(dir, fn);
  const bytes = await readCheckpointBytes(path, fn, fail);
  const legacy = await hasLegacyInfo(dir, fn);
  if (bytes === null) {
    if (!legacy) return null;
    throw fail(`${fn}: ${dir} holds ${LEGACY_INFO_FILE} but no ${CHECKPOINT_FILE}: ${LEGACY_REFUSAL}`);
  }
  let file: ReturnType<typeof loadSafetensors>;
  try {
    file = loadSafetensors(bytes, path);
  } catch (e) {
    if (!(e instanceof TsgradError)) throw e;
    throw fail(`${fn}: ${path} is damaged or not a checkpoint (${e.message})`, e);
  }
  const raw = file.metadata[INFO_KEY];
  if (raw === undefined) {
    if (legacy)
      throw fail(`${fn}: ${dir} holds ${LEGACY_INFO_FILE} and ${CHECKPOINT_FILE}: ${LEGACY_REFUSAL}`);
    throw fail(`${fn}: ${path} has no "${INFO_KEY}" metadata: it is safetensors, not a checkpoint`);
  }
  const info = parseInfo(fn, path, raw, fail);
  // Every check before anything is restored: a failure leaves model, optimizer and generators as they were.
  if (info.generators.length !== generators.length) {
    throw fail(
      `${fn}: ${dir} holds ${info.generators.length} generator states but ${generators.length} generators were given`,
    );
  }
  for (const [i, state] of info.generators.entries()) {
    try {
      new Generator(0).setState(state);
    } catch (e) {
      throw fail(`${fn}: ${path} holds an invalid state for generator ${i} (${(e as Error).message})`, e);
    }
  }
  if (info.optimizer !== (optimizer !== null)) {
    throw fail(
      info.optimizer
        ? `${fn}: ${path} holds an optimizer's state, but no optimizer was given to restore it into`
        : `${fn}: ${path} was saved without an optimizer, but an optimizer was given: its state would start afresh`,
    );
  }
  const model: Record<string, Tensor> = {};
  const optim: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(file.tensors)) {
    if (k.startsWith(MODEL)) model[k.slice(MODEL.length)] = t;
    else if (k.startsWith(OPTIM)) optim[k.slice(OPTIM.length)] = t;
  }
  // Errors of tsgrad's own checks become CheckpointErrors naming the file; others pass through.
  const misfit = (what: string) => (e: unknown) =>
    e instanceof TsgradError ? fail(`${fn}: ${path} does not fit ${what} (${e.message})`, e) : e;
  let optimState: OptimizerStateDict | null = null;
  if (optimizer !== null) {
    try {
      optimState = unflattenStateDict(optim, file.metadata);
    } catch (e) {
      throw misfit("the optimizer")(e);
    }
  }
  restore(net, optimizer, model, optimState, misfit);
  for (const [i, g] of generators.entries()) g.setState(info.generators[i]!);
  return { epoch: info.epoch, history: info.history as R[], generators: info.generators };
}

/**
 * Loads the model's state, then the optimizer's; when the optimizer refuses its state (checked
 * only as it loads), the model's values from before are put back, so that nothing is restored.
 */
function restore(
  net: StatefulNet,
  optimizer: StatefulOptimizer | null,
  model: Record<string, Tensor>,
  optimState: OptimizerStateDict | null,
  misfit: (what: string) => (e: unknown) => unknown,
): void {
  const before =
    optimizer === null
      ? {}
      : Object.fromEntries(Object.entries(net.stateDict()).map(([k, t]) => [k, t.clone()]));
  try {
    net.loadStateDict(model);
  } catch (e) {
    throw misfit("the model")(e);
  }
  if (optimizer === null || optimState === null) return;
  try {
    optimizer.loadStateDict(optimState);
  } catch (e) {
    net.loadStateDict(before);
    throw misfit("the optimizer")(e);
  }
}
