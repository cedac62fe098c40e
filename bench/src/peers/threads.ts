// tsgrad's thread count (issue 19): `setNumThreads(n)` / `getNumThreads()` of @tsgrad/tensor,
// like torch.set_num_threads, and the env variable TSGRAD_NUM_THREADS. They are looked up on the
// module namespace at run time, so the bench builds and runs against a @tsgrad/tensor that does
// not have them yet: the multi-threaded rows then print "threads n/a" and the one-thread rows run
// as they always did (single-threaded). This is the only place the bench touches them: once they
// exist everywhere, replace the lookup with
//   import { getNumThreads, setNumThreads } from "@tsgrad/tensor";
import * as tensorNs from "@tsgrad/tensor";

/** The env variable the child processes get (each also calls setNumThreads itself). */
export const THREADS_ENV = "TSGRAD_NUM_THREADS";

export interface TsgradThreads {
  /** Whether @tsgrad/tensor exports setNumThreads. */
  available: boolean;
  /** Why not, for the report ("" when available). */
  reason: string;
  /** Sets the thread count; throws when threads are not available and n is not 1. */
  set(n: number): void;
  /** getNumThreads(), or null when the package does not say. */
  get(): number | null;
}

const ns = tensorNs as Record<string, unknown>;

export function tsgradThreads(): TsgradThreads {
  const set = ns.setNumThreads;
  const get = ns.getNumThreads;
  const getNum = (): number | null => {
    if (typeof get !== "function") return null;
    const v: unknown = (get as () => unknown)();
    return typeof v === "number" ? v : null;
  };
  if (typeof set !== "function") {
    return {
      available: false,
      reason: "threads n/a: @tsgrad/tensor exports no setNumThreads yet",
      set: (n) => {
        if (n !== 1) throw new Error("threads n/a: @tsgrad/tensor exports no setNumThreads yet");
      },
      get: getNum,
    };
  }
  return {
    available: true,
    reason: "",
    set: (n) => {
      (set as (n: number) => void)(n);
    },
    get: getNum,
  };
}
