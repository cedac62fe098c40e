// The concise multilayer perceptron (d2l 4.3): nn.Sequential, the built-in cross-entropy on
// logits, and the SGD optimizer. Options: d2l 4.5's weight decay through SGD's weightDecay,
// and d2l 4.6's nn.Dropout after the hidden layer's ReLU.
import { CrossEntropyLoss } from "@tsgrad/losses";
import { Dropout, Flatten, init, Linear, type Module, ReLU, Sequential } from "@tsgrad/nn";
import { SGD } from "@tsgrad/optim";
import { manualSeed } from "@tsgrad/tensor";
import { type ModelOptions, NUM_HIDDENS, NUM_INPUTS, NUM_OUTPUTS } from "./scratch.js";

export interface ConciseModel {
  net: Sequential;
  loss: CrossEntropyLoss;
  trainer: SGD;
}

export function conciseModel(o: ModelOptions): ConciseModel {
  manualSeed(o.seed);
  const hidden = new Linear(NUM_INPUTS, NUM_HIDDENS);
  const output = new Linear(NUM_HIDDENS, NUM_OUTPUTS);
  // Without --dropout the net is d2l 4.3's, layer for layer.
  const dropout: Module[] = o.dropout > 0 ? [new Dropout(o.dropout)] : [];
  const net = new Sequential(new Flatten(), hidden, new ReLU(), ...dropout, output);
  // d2l's init_weights: the weights from N(0, 0.01²); the biases keep Linear's own init.
  net.apply((m: Module) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01);
  });
  // reduction 'none' as in the book: the trainer averages the per-example losses.
  const loss = new CrossEntropyLoss({ reduction: "none" });
  // d2l 4.5 decays the weights only: the biases are in a group without weight decay.
  const trainer = new SGD(
    [
      { params: [hidden.weight, output.weight], weightDecay: o.weightDecay },
      { params: [hidden.bias!, output.bias!] },
    ],
    { lr: o.lr },
  );
  return { net, loss, trainer };
}
