import { argError, Tensor, ValueError } from "@tsgrad/tensor";
import {
  type GroupHyperparameters,
  isRecord,
  type OptimizerStateDict,
  type ParamStateDict,
} from "./optimizer.js";

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
  const op = "flattenStateDict";
  if (!isRecord(stateDict) || !isRecord(stateDict.state) || !Array.isArray(stateDict.paramGroups)) {
    throw argError(op, "stateDict", "an optimizer state dict ({ state, paramGroups })", stateDict);
  }
  const tensors: Record<string, Tensor> = {};
  const scalars: Record<string, Record<string, number>> = {};
  for (const [index, entry] of Object.entries(stateDict.state)) {
    if (!isRecord(entry)) throw argError(op, `stateDict.state[${JSON.stringify(index)}]`, "an object", entry);
    for (const [key, value] of Object.entries(entry)) {
      if (!(value instanceof Tensor) && typeof value !== "number") {
        throw argError(op, `stateDict.state[${JSON.stringify(index)}].${key}`, "a tensor or a number", value);
      }
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
  let text: string;
  try {
    text = JSON.stringify(json);
  } catch (e) {
    // A BigInt or a cycle in the groups; JSON's own TypeError would not name the call.
    throw new ValueError(`${op}: stateDict.paramGroups cannot be written as JSON (${(e as Error).message})`);
  }
  return { tensors, metadata: { [STATE_DICT_METADATA_KEY]: text } };
}

/**
 * The inverse of `flattenStateDict`. Tensors whose names do not start with `state.` are ignored
 * (the model's own tensors in a shared checkpoint). The result is checked by `loadStateDict`.
 */
export function unflattenStateDict<H extends GroupHyperparameters>(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>>,
): OptimizerStateDict<H> {
  const op = "unflattenStateDict";
  if (!isRecord(tensors)) throw argError(op, "tensors", "an object of tensors by name", tensors);
  if (!isRecord(metadata)) throw argError(op, "metadata", "an object of strings", metadata);
  const raw = metadata[STATE_DICT_METADATA_KEY];
  if (raw === undefined) {
    throw new ValueError(`unflattenStateDict: metadata has no "${STATE_DICT_METADATA_KEY}" entry`);
  }
  if (typeof raw !== "string") throw argError(op, `metadata["${STATE_DICT_METADATA_KEY}"]`, "a string", raw);
  let json: Partial<MetadataJson>;
  try {
    json = JSON.parse(raw) as Partial<MetadataJson>;
  } catch (e) {
    throw new ValueError(`${op}: "${STATE_DICT_METADATA_KEY}" is not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(json) || !Array.isArray(json.paramGroups) || !isRecord(json.scalars)) {
    throw new ValueError(`unflattenStateDict: "${STATE_DICT_METADATA_KEY}" is not an optimizer state dict`);
  }
  const state: Record<string, ParamStateDict> = {};
  for (const [index, entry] of Object.entries(json.scalars)) state[index] = { ...entry };
  for (const [name, t] of Object.entries(tensors)) {
    const match = /^state\.(\d+)\.(.+)$/.exec(name);
    if (match === null) continue;
    if (!(t instanceof Tensor)) throw argError(op, `tensors[${JSON.stringify(name)}]`, "a tensor", t);
    const entry = state[match[1]!] ?? {};
    entry[match[2]!] = t;
    state[match[1]!] = entry;
  }
  return { state, paramGroups: json.paramGroups as OptimizerStateDict<H>["paramGroups"] };
}
