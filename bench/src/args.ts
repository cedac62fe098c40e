// Command line: --quick, --json <file>, --no-torch, --help.
import { isAbsolute, resolve } from "node:path";

export interface Args {
  quick: boolean;
  /** Absolute path of the JSON report, or null for none. */
  json: string | null;
  torch: boolean;
}

export const USAGE = `usage: node --expose-gc dist/main.js [--quick] [--json <file>] [--no-torch]
  --quick       fewer, shorter samples (a smoke run; ratios are noisier)
  --json FILE   also write every number (samples included) to FILE; a relative path is taken
                from the directory pnpm was started in (INIT_CWD), else the current one
  --no-torch    skip PyTorch even where /usr/bin/python3 can import torch`;

export class UsageError extends Error {}

function absolute(file: string): string {
  if (isAbsolute(file)) return file;
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

export function parseArgs(argv: readonly string[]): Args | "help" {
  const args: Args = { quick: false, json: null, torch: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") continue;
    if (a === "--help" || a === "-h") return "help";
    if (a === "--quick") args.quick = true;
    else if (a === "--no-torch") args.torch = false;
    else if (a === "--json") {
      const file = argv[++i];
      if (file === undefined || file.startsWith("--")) throw new UsageError("--json needs a file name");
      args.json = absolute(file);
    } else if (a.startsWith("--json=")) args.json = absolute(a.slice("--json=".length));
    else throw new UsageError(`unknown argument ${a}`);
  }
  return args;
}
