// A small fixed least-squares problem shared by the optimizer tests.
import "@tsgrad/autograd";
import { type Tensor, tensor } from "@tsgrad/tensor";
import { expect } from "vitest";

export const X = tensor(
  [
    [0.5, -1.2, 0.3],
    [1.1, 0.4, -0.7],
    [-0.6, 0.9, 1.5],
    [0.2, -0.3, 0.8],
  ],
  { dtype: "float32" },
);
export const Y = tensor(
  [
    [1.0, 0.2],
    [-0.5, 0.7],
    [2.0, -1.1],
    [0.3, 0.4],
  ],
  { dtype: "float32" },
);

/** Fresh parameters W [2, 3] and b [2], the same values every time. */
export function makeParams(dtype: "float32" | "float64" = "float32"): [Tensor, Tensor] {
  return [
    tensor(
      [
        [0.1, -0.2, 0.3],
        [-0.4, 0.25, 0.6],
      ],
      { dtype, requiresGrad: true },
    ),
    tensor([0.05, -0.1], { dtype, requiresGrad: true }),
  ];
}

/** mean((X @ W.T + b - Y)²). */
export function loss(W: Tensor, b: Tensor): Tensor {
  return X.to(W.dtype).matmul(W.t()).add(b).sub(Y.to(W.dtype)).square().mean();
}

/** The loss, after accumulating its gradients into W and b. */
export function lossAndBackward(W: Tensor, b: Tensor): number {
  const l = loss(W, b);
  l.backward();
  return l.item();
}

/** Runs `steps` optimizer steps on the problem. */
export function train(opt: { zeroGrad(): void; step(): unknown }, W: Tensor, b: Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    lossAndBackward(W, b);
    opt.step();
  }
}

/** A leaf with the same values as `t` but a transposed (non-contiguous) layout. */
export function nonContiguousCopy(t: Tensor): Tensor {
  const rows = t.shape[0]!;
  const cols = t.shape[1]!;
  const storage = tensor(t.toArray(), { dtype: t.dtype }).t().contiguous().t();
  if (storage.isContiguous() || storage.shape[0] !== rows || storage.shape[1] !== cols) {
    throw new Error("nonContiguousCopy: expected a non-contiguous [rows, cols] view");
  }
  return storage.requiresGrad_();
}

export function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray());
}

/** Elementwise toBeCloseTo with `digits` decimals, and equal lengths. */
export function expectClose(got: readonly number[], want: readonly number[], digits: number): void {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => {
    expect(v).toBeCloseTo(want[i]!, digits);
  });
}
