import { fmtShape, ShapeError, type Tensor } from "@tsgrad/tensor";

/**
 * Predicted labels [N] from class scores [N, C] (argmax over classes, C > 1) or from labels given
 * as [N] or [N, 1], as d2l's `accuracy` reads `y_hat`.
 */
export function predictedLabels(op: string, name: string, yHat: Tensor): Tensor {
  if (yHat.ndim === 2 && yHat.shape[1]! > 1) return yHat.argmax(1);
  if (yHat.ndim === 1) return yHat;
  if (yHat.ndim === 2 && yHat.shape[1] === 1) return yHat.reshape(-1);
  throw new ShapeError(
    `${op}: ${name} must be class scores [N, C] or labels [N], got shape ${fmtShape(yHat.shape)}`,
  );
}

/** True labels [N] from [N] or [N, 1]. */
export function trueLabels(op: string, y: Tensor): Tensor {
  if (y.ndim === 1) return y;
  if (y.ndim === 2 && y.shape[1] === 1) return y.reshape(-1);
  throw new ShapeError(`${op}: y must be labels [N] (or [N, 1]), got shape ${fmtShape(y.shape)}`);
}

/** Throws unless predictions and labels have the same number of examples. */
export function checkSameLength(
  op: string,
  name: string,
  pred: Tensor,
  yHat: Tensor,
  labels: Tensor,
  y: Tensor,
): void {
  if (pred.numel() !== labels.numel()) {
    throw new ShapeError(
      `${op}: ${name} with shape ${fmtShape(yHat.shape)} and y with shape ${fmtShape(y.shape)} have different numbers of examples (${pred.numel()} and ${labels.numel()})`,
    );
  }
}
