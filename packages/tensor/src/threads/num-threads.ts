/**
 * How many threads the big float32 products use (torch.set_num_threads): the calling thread
 * plus `n - 1` workers of the pool (pool.ts), started on the first product that needs them.
 * The default comes from TSGRAD_NUM_THREADS (Node), else from the machine (see DEFAULT_MAX).
 */
import { checkInt } from "../args.js";
import { ValueError } from "../errors.js";

const ENV_VAR = "TSGRAD_NUM_THREADS";
/** More threads than this are refused: each is a worker with its own wasm instance. */
export const MAX_THREADS = 256;
/**
 * The default's cap. On the 2-core machine the bench runs on, two threads made the MLP epoch
 * ~1.6x faster idle, and chunks taken on demand kept a busy second core from slowing it more
 * than noise (README, Speed); more cores than 4 rarely pay on products this size.
 */
const DEFAULT_MAX = 4;

let threads: number | null = null;

interface ProcessLike {
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

/** The logical cores this program may use: os.availableParallelism() in Node, else navigator's count. */
function cores(): number {
  const process = (globalThis as { process?: ProcessLike }).process;
  const os = process?.getBuiltinModule?.call(process, "node:os") as
    | { availableParallelism?: () => number }
    | undefined;
  const n =
    typeof os?.availableParallelism === "function"
      ? os.availableParallelism()
      : (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : 1;
}

/** The thread count a TSGRAD_NUM_THREADS value asks for; undefined when unset or empty. */
export function parseNumThreadsEnv(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_THREADS || !/^\d+$/.test(value.trim())) {
    throw new ValueError(
      `${ENV_VAR}: expected an integer from 1 to ${MAX_THREADS}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * The number of threads the big float32 matmuls run on (torch.get_num_threads): the calling
 * thread and `n - 1` worker threads. 1 means no workers.
 *
 * @example
 * ```ts
 * getNumThreads(); // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  if (threads === null) {
    const env = (globalThis as { process?: ProcessLike }).process?.env?.[ENV_VAR];
    threads = parseNumThreadsEnv(env) ?? Math.min(cores(), DEFAULT_MAX);
  }
  return threads;
}

/**
 * Sets the number of threads the big float32 matmuls of the wasm backend run on
 * (torch.set_num_threads): the calling thread and `n - 1` workers, over one shared wasm memory,
 * each taking blocks of output rows as it frees up, so the result has the same bits for any
 * `n`. Workers start on the first product that needs them and never keep a process alive.
 * Where memory cannot be shared (a browser page that is not cross-origin isolated) products
 * run on one thread whatever `n` says. The default: TSGRAD_NUM_THREADS in Node, else the
 * machine's cores, at most 4.
 *
 * @example
 * ```ts
 * setNumThreads(1); // single-threaded, as before
 * ```
 */
export function setNumThreads(n: number): void {
  checkInt("setNumThreads", "n", n, 1);
  if (n > MAX_THREADS) {
    throw new ValueError(`setNumThreads: n must be at most ${MAX_THREADS}, got ${n}`);
  }
  threads = n;
}
