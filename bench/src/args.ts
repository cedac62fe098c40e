// Command line: --quick, --long, --only <sections>, --json <file>, --no-torch, --no-node24, --help.
import { isAbsolute, resolve } from "node:path";

/** What can be selected with --only. "epochs" is softmax + mlp + regression. */
export type Part = "kernels" | "softmax" | "mlp" | "regression" | "data";
export const ALL_PARTS: readonly Part[] = ["kernels", "softmax", "mlp", "regression", "data"];

export interface Args {
  quick: boolean;
  /** Memory over 50 epochs (concise and scratch) instead of 10. */
  long: boolean;
  parts: Set<Part>;
  /** Absolute path of the JSON report, or null for none. */
  json: string | null;
  torch: boolean;
  /** Rows on Node 24 (fetched with tools/consumer/node-matrix.mjs when not cached). */
  node24: boolean;
}

export const USAGE = `usage: node --expose-gc dist/main.js [--quick] [--long] [--only SECTIONS] [--json <file>] [--no-torch] [--no-node24]
  --quick          fewer, shorter samples and epochs (a smoke run; ratios are noisier; no TF.js MLP)
  --long           memory check over 50 epochs (tsgrad concise and scratch, softmax and MLP)
  --only SECTIONS  comma-separated: kernels, epochs (= softmax,mlp,regression), softmax, mlp,
                   regression, data; default: all
  --json FILE      also write every number (samples included) to FILE; a relative path is taken
                   from the directory pnpm was started in (INIT_CWD), else the current one
  --no-torch       skip PyTorch even where /usr/bin/python3 can import torch
  --no-node24      no Node 24 rows (default: Node 24 from tools/consumer/node-matrix.mjs's cache,
                   fetched from the npm registry by that script when missing)`;

export class UsageError extends Error {}

function absolute(file: string): string {
  if (isAbsolute(file)) return file;
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function parseParts(spec: string): Set<Part> {
  const out = new Set<Part>();
  for (const raw of spec.split(",")) {
    const s = raw.trim();
    if (s === "") continue;
    if (s === "epochs") {
      out.add("softmax");
      out.add("mlp");
      out.add("regression");
    } else if ((ALL_PARTS as readonly string[]).includes(s)) out.add(s as Part);
    else
      throw new UsageError(
        `--only: unknown section ${JSON.stringify(s)} (kernels, epochs, softmax, mlp, regression, data)`,
      );
  }
  if (out.size === 0) throw new UsageError("--only needs at least one section");
  return out;
}

export function parseArgs(argv: readonly string[]): Args | "help" {
  const args: Args = {
    quick: false,
    long: false,
    parts: new Set(ALL_PARTS),
    json: null,
    torch: true,
    node24: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") continue;
    if (a === "--help" || a === "-h") return "help";
    if (a === "--quick") args.quick = true;
    else if (a === "--long") args.long = true;
    else if (a === "--no-torch") args.torch = false;
    else if (a === "--no-node24") args.node24 = false;
    else if (a === "--only") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError("--only needs a section list");
      args.parts = parseParts(v);
    } else if (a.startsWith("--only=")) args.parts = parseParts(a.slice("--only=".length));
    else if (a === "--json") {
      const file = argv[++i];
      if (file === undefined || file.startsWith("--")) throw new UsageError("--json needs a file name");
      args.json = absolute(file);
    } else if (a.startsWith("--json=")) args.json = absolute(a.slice("--json=".length));
    else throw new UsageError(`unknown argument ${a}`);
  }
  return args;
}
