/**
 * The kernel registry: for each op name, the kernels that can compute it, most specialised
 * backend first and the "js" kernels (which run every dtype and layout) last. `dispatch` runs
 * the first kernel whose backend runs now (or that follows its data, see Kernel) and whose
 * `accepts` rule takes the call. A backend is a set of kernels registered here; ops never name
 * a kernel.
 */
import { backendRuns } from "./backends/backend.js";
import type { Kernel, OpAttrs, OpCall, OpName } from "./op.js";
import type { Tensor } from "./tensor.js";

const lists = new Map<string, Kernel<never>[]>();

/** The (live) kernel list of op `name`; defineOp keeps it on the op's definition. */
export function kernelList<A>(name: string): Kernel<A>[] {
  let list = lists.get(name);
  if (list === undefined) {
    list = [];
    lists.set(name, list);
  }
  return list as Kernel<A>[];
}

/** Adds a kernel for op `name`: before the js kernels, after other kernels of its backend. */
export function registerKernel<N extends OpName>(name: N, kernel: Kernel<OpAttrs[N]>): void {
  const list = kernelList<OpAttrs[N]>(name);
  const firstJs = list.findIndex((k) => k.backend === "js");
  if (kernel.backend === "js" || firstJs < 0) list.push(kernel);
  else list.splice(firstJs, 0, kernel);
}

/** Whether kernel k may run now, before its `accepts` rule is asked. */
function mayRun<A>(k: Kernel<A>): boolean {
  return k.backend === "js" || k.followsData === true || backendRuns(k.backend);
}

/** The kernel that runs `call` now: the first of its op's kernels that can (see Kernel). */
export function runKernels<A>(call: OpCall<A>): Tensor {
  const ks = call.def.kernels;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (!mayRun(k)) continue;
    if (!k.accepts(call)) continue;
    const out = k.run(call);
    if (out !== null) return out;
  }
  throw new Error(
    `${call.op}: no registered kernel accepts this call (a tsgrad bug: every op needs a js kernel)`,
  );
}

/** Names of the kernels `call` could run on, in the order dispatch tries them (for tests). */
export function candidateKernels<A>(call: OpCall<A>): string[] {
  return call.def.kernels.filter((k) => mayRun(k) && k.accepts(call)).map((k) => k.name);
}
