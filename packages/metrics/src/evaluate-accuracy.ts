import { noGrad } from "@tsgrad/autograd";
import { argError, fmtValue, Tensor, ValueError } from "@tsgrad/tensor";
import { accuracy } from "./accuracy.js";

/** A module-like network: anything with `forward`, optionally with PyTorch's training mode. */
export interface EvaluableModule {
  /** The network's output (scores or labels) for a batch of features. */
  forward(x: Tensor): Tensor;
  /** Whether the network is in training mode (as `Module.training`). */
  training?: boolean;
  /** Sets training mode (as `Module.train`); the mode in effect before the pass is restored. */
  train?(mode?: boolean): unknown;
  /** Sets evaluation mode (as `Module.eval`); called for the pass. */
  eval?(): unknown;
  /** The module and its submodules (as `@tsgrad/nn`'s Module), so every mode can be restored. */
  modules?(): Iterable<{ training: boolean }>;
}

/** A module-like network, or a plain function (d2l's scratch `net(X)`). */
export type EvaluableNet = EvaluableModule | ((x: Tensor) => Tensor);

/** One batch of features and labels. */
export type Batch = readonly [Tensor, Tensor];

/**
 * The accuracy (correct / total) of `net` over every batch of `dataIter`, as d2l's
 * `evaluate_accuracy`: the network is put in evaluation mode (`eval()`) for the pass and every
 * module's previous mode is restored afterwards, even on error; each forward pass runs under
 * `noGrad`, so no graph is recorded.
 *
 * `dataIter` is any iterable of `[X, y]` pairs (an array, a DataLoader) — the result is a number —
 * or an async iterable — the result is a Promise. Predictions are read as in `accuracy`.
 */
export function evaluateAccuracy(net: EvaluableNet, dataIter: Iterable<Batch>): number;
export function evaluateAccuracy(net: EvaluableNet, dataIter: AsyncIterable<Batch>): Promise<number>;
export function evaluateAccuracy(
  net: EvaluableNet,
  dataIter: Iterable<Batch> | AsyncIterable<Batch>,
): number | Promise<number>;
export function evaluateAccuracy(
  net: EvaluableNet,
  dataIter: Iterable<Batch> | AsyncIterable<Batch>,
): number | Promise<number> {
  const fn = "evaluateAccuracy";
  const isNet =
    typeof net === "function" ||
    (typeof net === "object" && net !== null && typeof (net as { forward?: unknown }).forward === "function");
  const forward = typeof net === "function" ? net : (x: Tensor) => net.forward(x);
  const batch = (item: Batch, counts: [number, number]) => {
    // Per batch, not per element: two instanceof beside a forward pass.
    if (
      !Array.isArray(item) ||
      item.length !== 2 ||
      !(item[0] instanceof Tensor) ||
      !(item[1] instanceof Tensor)
    ) {
      throw new ValueError(`${fn}: dataIter must yield [X, y] pairs of tensors, got ${fmtValue(item)}`);
    }
    const [X, y] = item;
    counts[0] += noGrad(() => {
      const yHat = forward(X);
      if (!(yHat instanceof Tensor))
        throw new ValueError(`${fn}: net must return a tensor, got ${fmtValue(yHat)}`);
      return accuracy(yHat, y);
    });
    counts[1] += y.numel();
  };
  const result = ([correct, total]: [number, number]) => {
    if (total === 0) throw new ValueError(`${fn}: dataIter yielded no examples`);
    return correct / total;
  };
  const netError = () => argError(fn, "net", "a function or a module (an object with forward)", net);
  if (typeof dataIter === "object" && dataIter !== null && Symbol.iterator in dataIter) {
    if (!isNet) throw netError();
    const restore = enterEvalMode(net);
    try {
      const counts: [number, number] = [0, 0];
      for (const item of dataIter) batch(item, counts);
      return result(counts);
    } finally {
      restore();
    }
  }
  if (typeof dataIter === "object" && dataIter !== null && Symbol.asyncIterator in dataIter) {
    return (async () => {
      // The result is a promise: a bad net rejects it, as every error of the pass does.
      if (!isNet) throw netError();
      const restore = enterEvalMode(net);
      try {
        const counts: [number, number] = [0, 0];
        for await (const item of dataIter) batch(item, counts);
        return result(counts);
      } finally {
        restore();
      }
    })();
  }
  throw argError(fn, "dataIter", "an iterable or async iterable of [X, y] pairs", dataIter);
}

/** Switches `net` to evaluation mode; returns the function that restores every previous mode. */
function enterEvalMode(net: EvaluableNet): () => void {
  if (typeof net === "function") return () => {};
  const modules = typeof net.modules === "function" ? [...net.modules()] : [];
  const saved = modules.map((m) => m.training);
  const own = net.training;
  if (typeof net.eval === "function") net.eval();
  else if (typeof net.train === "function") net.train(false);
  else if (typeof own === "boolean") net.training = false;
  return () => {
    if (modules.length > 0) {
      modules.forEach((m, i) => {
        m.training = saved[i]!;
      });
    } else if (typeof own === "boolean" && typeof net.train === "function") {
      net.train(own);
    }
    if (typeof own === "boolean") net.training = own;
  };
}
