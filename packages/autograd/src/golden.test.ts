// Gradients of random op compositions against PyTorch (fixtures/golden-grads.json, made by
// scripts/golden_grads.py): values and input gradients agree to 1e-5 in float32.
import { readFileSync } from "node:fs";
import { fromTypedArray, type Tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import "./index.js";

interface Step {
  op: string;
  args: string[];
  dim?: number;
  out: string;
}
interface Program {
  name: string;
  inputs: Record<string, number[]>;
  shapes: Record<string, number[]>;
  steps: Step[];
  order: string[];
  loss: number;
  grads: Record<string, number[]>;
}

const golden = JSON.parse(readFileSync(new URL("./fixtures/golden-grads.json", import.meta.url), "utf8")) as {
  programs: Program[];
};

function apply(step: Step, pool: Map<string, Tensor>): Tensor {
  const x = pool.get(step.args[0]!)!;
  const y = step.args[1] === undefined ? undefined : pool.get(step.args[1])!;
  const dim = step.dim ?? 0;
  switch (step.op) {
    case "tanh":
      return x.tanh();
    case "sigmoid":
      return x.sigmoid();
    case "relu":
      return x.relu();
    case "neg":
      return x.neg();
    case "abs":
      return x.abs();
    case "square":
      return x.mul(x);
    case "logsigmoid":
      return x.sigmoid().log();
    case "softplus_safe":
      return x.tanh().exp().add(1).log();
    case "add":
      return x.add(y!);
    case "sub":
      return x.sub(y!);
    case "mul":
      return x.mul(y!);
    case "div":
      return x.div(y!.sigmoid().add(0.5));
    case "maximum":
      return x.maximum(y!);
    case "matmul":
      return x.matmul(y!);
    case "sum":
      return x.sum(dim, true);
    case "mean":
      return x.mean(dim, true);
    case "amax":
      return x.amax(dim, true);
    case "logsumexp":
      return x.logsumexp(dim, true);
    case "softmax":
      return x.softmax(dim);
    case "logSoftmax":
      return x.logSoftmax(dim);
    default:
      throw new Error(`unknown op in fixture: ${step.op}`);
  }
}

function expectClose(got: ArrayLike<number>, want: readonly number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = 1e-5 * (1 + Math.abs(want[i]!));
    expect(Math.abs(got[i]! - want[i]!), `${what}[${i}]: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(tol);
  }
}

describe("gradients of random compositions match PyTorch", () => {
  for (const p of golden.programs) {
    it(p.name, () => {
      const pool = new Map<string, Tensor>();
      for (const [name, values] of Object.entries(p.inputs)) {
        pool.set(name, fromTypedArray(Float32Array.from(values), p.shapes[name]!).requiresGrad_());
      }
      for (const step of p.steps) pool.set(step.out, apply(step, pool));
      let loss = pool.get(p.order[0]!)!.sum().mul(0.1);
      p.order.slice(1).forEach((name, k) => {
        loss = loss.add(
          pool
            .get(name)!
            .sum()
            .mul((k + 2) * 0.1),
        );
      });
      expect(Math.abs(loss.item() - p.loss)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(p.loss)) * 10);
      loss.backward();
      for (const [name, want] of Object.entries(p.grads)) {
        const g = pool.get(name)!.grad;
        expect(g, `gradient of ${name}`).not.toBeNull();
        expectClose(g!.toTypedArray(), want, `d loss / d ${name}`);
      }
    });
  }
});
