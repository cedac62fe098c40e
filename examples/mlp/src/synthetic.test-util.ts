// Small synthetic image data for fast tests: 28 × 28 images of noise in [0, 0.3) where class k
// also lights up rows 2k + 4 and 2k + 5, so an MLP separates the ten classes in a few epochs.
import type { Batch } from "@tsgrad/example-kit/fashion-mnist";
import { fromTypedArray, Generator } from "@tsgrad/tensor";

export function syntheticBatches(n: number, batchSize: number, seed: number): Batch[] {
  const g = new Generator(seed);
  const batches: Batch[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const b = Math.min(batchSize, n - start);
    const x = new Float32Array(b * 784);
    const y = new Int32Array(b);
    for (let i = 0; i < b; i++) {
      const k = g.below(10);
      y[i] = k;
      for (let j = 0; j < 784; j++) {
        const row = Math.floor(j / 28);
        x[i * 784 + j] = 0.3 * g.random() + (row === 2 * k + 4 || row === 2 * k + 5 ? 0.7 : 0);
      }
    }
    batches.push([fromTypedArray(x, [b, 1, 28, 28]), fromTypedArray(y, [b])]);
  }
  return batches;
}
