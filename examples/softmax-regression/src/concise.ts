// Concise softmax regression (d2l 3.7): nn.Sequential, the built-in (fused, stable)
// cross-entropy on logits, and the SGD optimizer.
import { CrossEntropyLoss } from "@tsgrad/losses";
import { Flatten, init, Linear, type Module, Sequential } from "@tsgrad/nn";
import { SGD } from "@tsgrad/optim";
import { manualSeed } from "@tsgrad/tensor";

export interface ConciseModel {
  net: Sequential;
  loss: CrossEntropyLoss;
  trainer: SGD;
}

export function conciseModel(lr: number, seed: number): ConciseModel {
  manualSeed(seed);
  // PyTorch does not reshape the input implicitly: Flatten turns [B, 1, 28, 28] into [B, 784].
  const net = new Sequential(new Flatten(), new Linear(784, 10));
  net.apply((m: Module) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01);
  });
  // reduction 'none' as in the book: the trainer sums or averages the per-example losses.
  const loss = new CrossEntropyLoss({ reduction: "none" });
  const trainer = new SGD(net.parameters(), { lr });
  return { net, loss, trainer };
}
