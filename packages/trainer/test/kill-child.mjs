// A training run that checkpoint-kill.test.ts kills with SIGKILL at random moments. It runs under
// plain node on the built packages (dist), as a user's script would: a small MLP with dropout
// and Adam on synthetic data, a checkpoint after every epoch, resumed from the one in <dir>.
// Usage: node kill-child.mjs <dir> <epochs>. Prints "start" as training starts, "epoch <n>"
// after each epoch (just before its checkpoint is written), and last "result <json>": the
// metrics and a hash of the weights.
import { createHash } from "node:crypto";
import { DataLoader, TensorDataset } from "@tsgrad/data";
import { CrossEntropyLoss } from "@tsgrad/losses";
import { Dropout, Linear, ReLU, Sequential } from "@tsgrad/nn";
import { Adam } from "@tsgrad/optim";
import { defaultGenerator, Generator, manualSeed, normal } from "@tsgrad/tensor";
import { train } from "@tsgrad/trainer";

const [dir, epochs] = [process.argv[2], Number(process.argv[3])];

// Four classes, labelled by a fixed random linear map: learnable, not trivially.
const data = new Generator(1);
const X = normal(0, 1, [192, 16], { generator: data });
const y = X.matmul(normal(0, 1, [16, 4], { generator: data }))
  .argmax(1)
  .int();
const shuffle = new Generator(2);
const trainIter = new DataLoader(new TensorDataset(X.narrow(0, 0, 128), y.narrow(0, 0, 128)), {
  batchSize: 32,
  shuffle: true,
  generator: shuffle,
});
const testIter = new DataLoader(new TensorDataset(X.narrow(0, 128, 64), y.narrow(0, 128, 64)), {
  batchSize: 64,
});

manualSeed(3); // the weights' initialization and dropout draw from defaultGenerator
const net = new Sequential(new Linear(16, 64), new ReLU(), new Dropout(0.2), new Linear(64, 4));
const optimizer = new Adam(net.parameters(), { lr: 0.01 });
process.stdout.write("start\n");
const { history } = await train(net, trainIter, testIter, new CrossEntropyLoss(), epochs, optimizer, {
  animator: false,
  // A resumed run measures the loss's start anew; the growth rule changes no weight: off.
  divergence: false,
  onEpoch: (r) => process.stdout.write(`epoch ${r.epoch}\n`),
  checkpoint: { dir, resume: true, generators: [shuffle, defaultGenerator] },
});
// Timings differ between runs; everything else must be bit-identical (JSON keeps a double
// exactly; the weights' bytes go into one SHA-256, so that a mismatch's message stays short).
const metrics = history.map(({ epoch, trainLoss, trainAcc, testAcc }) => ({
  epoch,
  trainLoss,
  trainAcc,
  testAcc,
}));
const hash = createHash("sha256");
for (const [name, t] of Object.entries(net.stateDict())) {
  const a = t.toTypedArray();
  hash.update(`${name} ${t.dtype} ${t.shape}\n`).update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}
process.stdout.write(`result ${JSON.stringify({ metrics, weights: hash.digest("hex") })}\n`);
