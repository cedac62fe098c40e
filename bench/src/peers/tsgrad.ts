// Which tsgrad backends this build of @tsgrad/tensor offers. `setBackend` / `getBackend` are
// looked up at run time, so the bench works with builds that predate the wasm backend (it
// then measures the pure-JS kernels only and says why wasm was skipped).
import * as tsgrad from "@tsgrad/tensor";

export type TsgradBackend = "js" | "wasm";

export interface TsgradInfo {
  /** The backends that could be selected, in table order. */
  backends: TsgradBackend[];
  /** What getBackend() said before the bench touched anything ("js" when there is no getBackend). */
  defaultBackend: string;
  /** Why a backend was skipped, for the environment line and the JSON. */
  notes: string[];
  /** Makes `b` the active backend; a no-op when the package has a single backend. */
  activate: (b: TsgradBackend) => Promise<void>;
}

type SetBackend = (name: TsgradBackend) => unknown;
type GetBackend = () => unknown;

const mod: object = tsgrad;

function lookup(name: "setBackend" | "getBackend"): unknown {
  return name in mod ? Reflect.get(mod, name) : undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function detectTsgrad(): Promise<TsgradInfo> {
  const set = lookup("setBackend");
  const get = lookup("getBackend");
  const getBackend = typeof get === "function" ? (get as GetBackend) : undefined;
  if (typeof set !== "function") {
    return {
      backends: ["js"],
      defaultBackend: "js",
      notes: ["wasm skipped: @tsgrad/tensor exports no setBackend"],
      activate: async () => {},
    };
  }
  const setBackend = set as SetBackend;
  const current = getBackend?.();
  const defaultBackend = typeof current === "string" ? current : "js";
  const backends: TsgradBackend[] = [];
  const notes: string[] = [];
  for (const b of ["js", "wasm"] as const) {
    try {
      await setBackend(b);
      const now = getBackend?.();
      if (now !== undefined && now !== b)
        notes.push(`${b} skipped: setBackend("${b}") left getBackend() = ${String(now)}`);
      else backends.push(b);
    } catch (e) {
      notes.push(`${b} skipped: setBackend("${b}") threw: ${message(e)}`);
    }
  }
  if (defaultBackend === "js" || defaultBackend === "wasm") await setBackend(defaultBackend);
  return {
    backends,
    defaultBackend,
    notes,
    activate: async (b) => {
      await setBackend(b);
    },
  };
}
