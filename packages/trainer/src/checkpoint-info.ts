// The checkpoint's JSON part, kept in the safetensors file's metadata beside the optimizer's:
// the format, the epoch, the history, the generators' states and whether an optimizer was saved.
import type { ReadFailure } from "@tsgrad/tensor";

/** The metadata entry holding the checkpoint's JSON part (the optimizer's is "tsgrad.optim"). */
export const INFO_KEY = "tsgrad.checkpoint";
/** Raised when the file's layout changes, so that an older trainer refuses what it cannot read. */
export const FORMAT = 1;

export interface StoredInfo {
  format: number;
  /** Epochs completed. */
  epoch: number;
  history: unknown[];
  /** Generator.getState() of each generator, in order (a NaN spare is written as null). */
  generators: number[][];
  /** Whether the file holds an optimizer's state (a resume needs the optimizer, and only then). */
  optimizer: boolean;
}

/**
 * Why a checkpoint in the earlier two-file format is not resumed: nothing in the tensors says
 * which epoch they are from, so a pair that a kill left from two epochs looks like a whole one.
 */
export const LEGACY_REFUSAL =
  "a checkpoint in the two-file format of earlier @tsgrad/trainer versions, which cannot be resumed " +
  "safely (a run killed between its two writes left files from different epochs, and nothing tells " +
  "them apart); delete checkpoint.json and checkpoint.safetensors, or train without resume, to start afresh";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The INFO_KEY entry of `path`, checked; what is wrong comes from `fail`, naming the file. */
export function parseInfo(fn: string, path: string, raw: string, fail: ReadFailure): StoredInfo {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw fail(
      `${fn}: ${path} has a "${INFO_KEY}" entry that is not valid JSON (${(e as Error).message})`,
      e,
    );
  }
  const o = isRecord(v) ? v : {};
  if (typeof o.format === "number" && o.format !== FORMAT) {
    throw fail(
      `${fn}: ${path} is in checkpoint format ${o.format}; this version of @tsgrad/trainer reads format ${FORMAT}`,
    );
  }
  const ok =
    o.format === FORMAT &&
    Number.isSafeInteger(o.epoch) &&
    (o.epoch as number) >= 0 &&
    Array.isArray(o.history) &&
    Array.isArray(o.generators) &&
    o.generators.every(Array.isArray) &&
    typeof o.optimizer === "boolean";
  if (!ok) {
    throw fail(
      `${fn}: ${path} has a "${INFO_KEY}" entry that is not checkpoint info (it needs format, epoch, history, generators and optimizer)`,
    );
  }
  return o as unknown as StoredInfo;
}
