import { noGrad } from "@tsgrad/autograd";
import { argError, fmtShape, sgdStep, Tensor, ValueError } from "@tsgrad/tensor";
import { fusable } from "./optimizer.js";

/** Plain SGD's step attributes at learning rate `lr`. */
const PLAIN = (lr: number) => ({
  lr,
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
  firstStep: false,
});

/**
 * The minibatch SGD step of d2l's scratch code:
 *
 *     with torch.no_grad():
 *         for param in params:
 *             param -= lr * param.grad / batch_size
 *             param.grad.zero_()
 *
 * Runs under `noGrad`, updates in place (one fused op for contiguous float parameters) and zeroes
 * each gradient in place afterwards. The loss is expected to be a sum over the batch (d2l's
 * `l.sum().backward()`), hence the division by `batchSize`.
 *
 * A parameter without a gradient is an error that names it: it almost always means the tensor
 * was created without `{ requiresGrad: true }` or `backward()` was not called, and silently
 * skipping it would leave the model untrained. Throws a `ValueError` for a negative or
 * non-finite `lr` or a `batchSize` that is not a positive number.
 *
 * @example
 * ```ts
 * const w = normal(0, 0.01, [2, 1], { requiresGrad: true });
 * const b = zeros([1], { requiresGrad: true });
 * squaredLoss(X.matmul(w).add(b), y).sum().backward();
 * sgd([w, b], 0.03, X.shape[0]!); // w, b updated; w.grad, b.grad zeroed
 * ```
 */
export function sgd(params: Iterable<Tensor>, lr: number, batchSize: number): void {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
    throw new ValueError(`sgd: Invalid learning rate: ${String(lr)}`);
  }
  if (typeof batchSize !== "number" || !(batchSize > 0) || !Number.isFinite(batchSize)) {
    throw new ValueError(`sgd: batchSize must be a positive number, got ${String(batchSize)}`);
  }
  // typeof "object": a string iterates too, character by character.
  if (
    typeof params !== "object" ||
    params === null ||
    !(Symbol.iterator in params) ||
    params instanceof Tensor
  ) {
    throw argError("sgd", "params", "an iterable of tensors", params);
  }
  const list: unknown[] = [...params];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw argError("sgd", `params[${i}]`, "a tensor", p);
    if (p.grad === null) {
      throw new ValueError(
        `sgd: params[${i}] (shape ${fmtShape(p.shape)}) has no gradient; create it with { requiresGrad: true } and call backward() on the loss first`,
      );
    }
  });
  const scale = lr / batchSize;
  noGrad(() => {
    for (const p of list as Tensor[]) {
      const grad = p.grad!;
      if (fusable(p, grad)) {
        sgdStep(p, grad, null, PLAIN(scale));
      } else {
        p.sub_(grad.mul(scale));
      }
      grad.zero_();
    }
  });
}
