// Steps run inside tidy() (the whole step: forward, backward, update) give the same parameters
// as steps outside it: the optimizers keep their state and autograd keeps `.grad`.
import { tidy } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";
import { AdamW } from "./adamw.js";
import { sgd } from "./functional-sgd.js";
import { lossAndBackward, makeParams, train, values } from "./problem.test-util.js";
import { SGD } from "./sgd.js";

type Make = (params: ReturnType<typeof makeParams>) => { zeroGrad(): void; step(): unknown };

const optimizers: [string, Make][] = [
  ["SGD", (p) => new SGD(p, { lr: 0.1 })],
  ["SGD with momentum", (p) => new SGD(p, { lr: 0.1, momentum: 0.9 })],
  [
    "SGD with nesterov and weight decay",
    (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  ],
  ["Adam", (p) => new Adam(p, { lr: 0.05 })],
  ["Adam amsgrad", (p) => new Adam(p, { lr: 0.05, amsgrad: true })],
  ["AdamW", (p) => new AdamW(p, { lr: 0.05 })],
];

describe("optimizer steps inside tidy", () => {
  it.each(optimizers)("%s gives the parameters of untidy steps", (_name, make) => {
    const plain = makeParams();
    train(make(plain), plain[0], plain[1], 6);
    const tidied = makeParams();
    const opt = make(tidied);
    for (let i = 0; i < 6; i++) {
      tidy(() => {
        opt.zeroGrad();
        lossAndBackward(tidied[0], tidied[1]);
        opt.step();
      });
    }
    expect(values(tidied[0])).toEqual(values(plain[0]));
    expect(values(tidied[1])).toEqual(values(plain[1]));
    expect(tidied[0].grad?.isDisposed).toBe(false);
    expect(values(tidied[0].grad!)).toEqual(values(plain[0].grad!));
  });

  it("d2l's scratch sgd gives the parameters of untidy steps", () => {
    const plain = makeParams();
    const tidied = makeParams();
    for (let i = 0; i < 5; i++) {
      for (const p of plain) p.grad = null;
      lossAndBackward(plain[0], plain[1]);
      sgd(plain, 0.1, 4);
      tidy(() => {
        for (const p of tidied) p.grad = null;
        lossAndBackward(tidied[0], tidied[1]);
        sgd(tidied, 0.1, 4);
      });
    }
    expect(values(tidied[0])).toEqual(values(plain[0]));
    expect(values(tidied[1])).toEqual(values(plain[1]));
  });
});
