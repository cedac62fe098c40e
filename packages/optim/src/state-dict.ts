import { type Tensor, ValueError } from "@tsgrad/tensor";
import type { GroupHyperparameters, OptimizerStateDict, ParamStateDict } from "./optimizer.js";

/** The metadata key under which `flattenStateDict` stores the JSON part. */
export const STATE_DICT_METADATA_KEY = "tsgrad.optim";

/** An optimizer state dict as named tensors and string metadata (what a safetensors file holds). */
export interface FlatStateDict {
  /** Buffers named `state.<index>.<key>`, e.g. `state.0.momentumBuffer`. */
  tensors: Record<string, Tensor>;
  /** `{ "tsgrad.optim": JSON of the param groups and the numeric state (e.g. Adam's step) }`. */
  metadata: Record<string, string>;
}

interface MetadataJson {
  paramGroups: unknown[];
  scalars: Record<string, Record<string, number>>;
}

/**
 * Splits an optimizer state dict into tensors and JSON metadata, e.g. to store it next to the
 * model in a safetensors checkpoint (`saveSafetensorsFile(path, { ...model, ...prefixed }, metadata)`).
 */
export function flattenStateDict<H extends GroupHyperparameters>(
  stateDict: OptimizerStateDict<H>,
): FlatStateDict {
  const tensors: Record<string, Tensor> = {};
  const scalars: Record<string, Record<string, number>> = {};
  for (const [index, entry] of Object.entries(stateDict.state)) {
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value === "number") {
        const entryScalars = scalars[index] ?? {};
        entryScalars[key] = value;
        scalars[index] = entryScalars;
      } else {
        tensors[`state.${index}.${key}`] = value;
      }
    }
  }
  const json: MetadataJson = { paramGroups: stateDict.paramGroups, scalars };
  return { tensors, metadata: { [STATE_DICT_METADATA_KEY]: JSON.stringify(json) } };
}

/**
 * The inverse of `flattenStateDict`. Tensors whose names do not start with `state.` are ignored
 * (the model's own tensors in a shared checkpoint). The result is checked by `loadStateDict`.
 */
export function unflattenStateDict<H extends GroupHyperparameters>(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>>,
): OptimizerStateDict<H> {
  const raw = metadata[STATE_DICT_METADATA_KEY];
  if (raw === undefined) {
    throw new ValueError(`unflattenStateDict: metadata has no "${STATE_DICT_METADATA_KEY}" entry`);
  }
  const json = JSON.parse(raw) as MetadataJson;
  if (!Array.isArray(json.paramGroups) || typeof json.scalars !== "object" || json.scalars === null) {
    throw new ValueError(`unflattenStateDict: "${STATE_DICT_METADATA_KEY}" is not an optimizer state dict`);
  }
  const state: Record<string, ParamStateDict> = {};
  for (const [index, entry] of Object.entries(json.scalars)) state[index] = { ...entry };
  for (const [name, t] of Object.entries(tensors)) {
    const match = /^state\.(\d+)\.(.+)$/.exec(name);
    if (match === null) continue;
    const entry = state[match[1]!] ?? {};
    entry[match[2]!] = t;
    state[match[1]!] = entry;
  }
  return { state, paramGroups: json.paramGroups as OptimizerStateDict<H>["paramGroups"] };
}
