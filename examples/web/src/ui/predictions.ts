// d2l's predict_ch3 on the page: the first test images with "true / predicted" titles (an
// @tsgrad/plot image grid as SVG), described in words for screen readers.
import type { Predictions } from "../train/results.js";
import { showSvg } from "./svg-image.js";

export function showPredictions(img: HTMLImageElement, caption: HTMLElement, p: Predictions | null): void {
  if (p === null) {
    showSvg(img, null, "");
    caption.textContent =
      "After training: the first test images, each titled with its true and predicted label.";
    return;
  }
  const pairs = p.trueLabels.map((t, i) => `${t} → ${p.predLabels[i]}`);
  const right = p.trueLabels.filter((t, i) => t === p.predLabels[i]).length;
  showSvg(img, p.svg, `The first ${pairs.length} test images, true → predicted: ${pairs.join(", ")}.`);
  caption.textContent = `The first ${pairs.length} test images, each titled with its true label above the predicted one: ${right} of ${pairs.length} right.`;
}
