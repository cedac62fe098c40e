// The book's Animator figure: train loss, train accuracy and test accuracy per epoch, drawn by
// @tsgrad/plot's lineChartSvg, with an epoch table beside it (the numbers, for every reader).
import { type EpochRecord, lineChartSvg } from "tsgrad";
import { showSvg } from "./svg-image.js";

export function curvesSvg(history: readonly EpochRecord[], epochs: number): string {
  const points = (value: (r: EpochRecord) => number) => history.map((r) => [r.epoch, value(r)] as const);
  const highest = Math.max(1, ...history.map((r) => r.trainLoss).filter(Number.isFinite));
  return lineChartSvg(
    [
      { name: "train loss", data: points((r) => r.trainLoss) },
      { name: "train acc", data: points((r) => r.trainAcc) },
      { name: "test acc", data: points((r) => r.testAcc) },
    ],
    {
      xlabel: "epoch",
      // The book's xlim [1, num_epochs]; one epoch gets room around its point.
      xlim: epochs > 1 ? [1, epochs] : [0.5, 1.5],
      ylim: [0, highest * 1.05],
      legend: "center right",
      width: 480,
      height: 320,
    },
  );
}

export function showCurves(img: HTMLImageElement, history: readonly EpochRecord[], epochs: number): void {
  const last = history.at(-1);
  const alt =
    last === undefined
      ? ""
      : `Training curves over ${history.length} of ${epochs} epochs; last epoch: train loss ${last.trainLoss.toFixed(3)}, train accuracy ${last.trainAcc.toFixed(3)}, test accuracy ${last.testAcc.toFixed(3)}.`;
  showSvg(img, last === undefined ? null : curvesSvg(history, epochs), alt);
}

/** One row per epoch; each cell's data-key names its field, for scripts and the test. */
export function addEpochRow(body: HTMLTableSectionElement, r: EpochRecord): void {
  const row = body.insertRow();
  const cells: [string, string][] = [
    ["epoch", String(r.epoch)],
    ["trainLoss", r.trainLoss.toFixed(4)],
    ["trainAcc", r.trainAcc.toFixed(3)],
    ["testAcc", r.testAcc.toFixed(3)],
    ["seconds", r.seconds.toFixed(2)],
    ["examplesPerSecond", Math.round(r.examplesPerSecond).toLocaleString("en-US")],
  ];
  for (const [key, text] of cells) {
    const cell = row.insertCell();
    cell.dataset.key = key;
    cell.textContent = text;
  }
}
