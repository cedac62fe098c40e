// `reduction` everywhere: 'none' keeps one loss per element, 'sum' adds them, 'mean' (the
// default except for d2l's squaredLoss) averages them.
import { manualSeed, randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  bceLoss,
  bceWithLogitsLoss,
  crossEntropy,
  huberLoss,
  l1Loss,
  mseLoss,
  nllLoss,
  type ReductionOptions,
  smoothL1Loss,
  squaredLoss,
} from "./index.js";

manualSeed(11);
const x = randn([5, 3], { dtype: "float64" });
const y = randn([5, 3], { dtype: "float64" });
const idx = tensor([0, 2, 1, 1, 0]);

const losses: [string, (o: ReductionOptions) => Tensor, number[]][] = [
  ["squaredLoss", (o) => squaredLoss(x, y, o), [5, 3]],
  ["mseLoss", (o) => mseLoss(x, y, o), [5, 3]],
  ["l1Loss", (o) => l1Loss(x, y, o), [5, 3]],
  ["huberLoss", (o) => huberLoss(x, y, o), [5, 3]],
  ["smoothL1Loss", (o) => smoothL1Loss(x, y, o), [5, 3]],
  ["crossEntropy", (o) => crossEntropy(x, idx, o), [5]],
  ["crossEntropy soft", (o) => crossEntropy(x, y.softmax(1), o), [5]],
  ["nllLoss", (o) => nllLoss(x.logSoftmax(1), idx, o), [5]],
  ["bceLoss", (o) => bceLoss(x.sigmoid(), y.sigmoid(), o), [5, 3]],
  ["bceWithLogitsLoss", (o) => bceWithLogitsLoss(x, y.sigmoid(), o), [5, 3]],
];

describe("reduction", () => {
  for (const [name, loss, shape] of losses) {
    it(`${name}: 'none' has shape [${shape.join(", ")}], 'sum' and 'mean' reduce it`, () => {
      const none = loss({ reduction: "none" });
      expect(none.shape).toEqual(shape);
      const sum = loss({ reduction: "sum" });
      const mean = loss({ reduction: "mean" });
      expect(sum.shape).toEqual([]);
      expect(sum.item()).toBeCloseTo(none.sum().item(), 12);
      expect(mean.item()).toBeCloseTo(none.sum().item() / none.numel(), 12);
    });
  }

  it("defaults to 'mean', except squaredLoss which defaults to 'none' as in d2l", () => {
    for (const [name, loss] of losses) {
      const want = name === "squaredLoss" ? loss({ reduction: "none" }) : loss({ reduction: "mean" });
      expect(Array.from(loss({}).toTypedArray()), name).toEqual(Array.from(want.toTypedArray()));
    }
  });
});
