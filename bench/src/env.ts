// The environment line: what machine, runtime and backends produced the numbers.
import os from "node:os";
import type { TfjsInfo } from "./peers/tfjs.js";
import type { TorchOutcome } from "./peers/torch.js";
import type { TsgradInfo } from "./peers/tsgrad.js";

export interface EnvInfo {
  node: string;
  platform: string;
  cpu: string;
  logicalCores: number;
  tsgrad: { backends: string[]; defaultBackend: string; notes: string[] };
  tfjs: { version: string; backends: string[]; wasmSimd: boolean | null; threads: 1; notes: string[] };
  torch: { available: boolean; version?: string; threads?: number; blas?: string; reason?: string };
}

export function describeEnv(ts: TsgradInfo, tfjs: TfjsInfo, torch: TorchOutcome | null): EnvInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    logicalCores: cpus.length,
    tsgrad: { backends: ts.backends, defaultBackend: ts.defaultBackend, notes: ts.notes },
    tfjs: {
      version: tfjs.version,
      backends: tfjs.backends,
      wasmSimd: tfjs.wasmSimd,
      threads: 1,
      notes: tfjs.notes,
    },
    torch:
      torch === null
        ? { available: false, reason: "skipped (--no-torch)" }
        : torch.available
          ? { available: true, version: torch.run.version, threads: torch.run.threads, blas: torch.run.blas }
          : { available: false, reason: torch.reason },
  };
}

export function renderEnv(e: EnvInfo): string {
  const ts = ["js", "wasm"].map((b) => `${b} ${e.tsgrad.backends.includes(b) ? "yes" : "no"}`).join(", ");
  const tf = e.tfjs.backends
    .map((b) => (b === "wasm" ? `wasm (${e.tfjs.wasmSimd ? "SIMD" : "no SIMD"}, 1 thread)` : b))
    .join(", ");
  const torch = e.torch.available
    ? `PyTorch ${e.torch.version} (${e.torch.threads} thread, BLAS ${e.torch.blas})`
    : `PyTorch: ${e.torch.reason}`;
  const lines = [
    `node ${e.node} | ${e.platform} | ${e.cpu} (${e.logicalCores} logical cores)`,
    `tsgrad backends: ${ts}; default ${e.tsgrad.defaultBackend} | tfjs ${e.tfjs.version}: ${tf} | ${torch}`,
    ...e.tsgrad.notes.map((n) => `  tsgrad: ${n}`),
    ...e.tfjs.notes.map((n) => `  tfjs: ${n}`),
  ];
  return lines.join("\n");
}
