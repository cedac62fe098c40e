// Concise softmax regression (Dive into Deep Learning 3.7): nn.Sequential, the built-in
// (fused, numerically stable) cross-entropy on logits, and the SGD optimizer.
import { CrossEntropyLoss, Flatten, init, Linear, type Module, Sequential, SGD } from "tsgrad";
import type { Model } from "./model.js";

export function createModel(lr: number): Model {
  // PyTorch does not reshape the input implicitly: Flatten turns [B, 1, 28, 28] into [B, 784].
  const net = new Sequential(new Flatten(), new Linear(784, 10));
  net.apply((m: Module) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01);
  });
  // reduction 'none' as in the book: the trainer averages the per-example losses.
  const loss = new CrossEntropyLoss({ reduction: "none" });
  const updater = new SGD(net.parameters(), { lr });
  return { net, loss, updater };
}
