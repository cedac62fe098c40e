// The progress bar of a run: overall fraction, the epoch, examples/s and the latest batch loss.
import type { Progress } from "../worker/protocol.js";

export function showProgress(bar: HTMLProgressElement, text: HTMLElement, p: Progress): void {
  const done = (p.epoch - 1 + p.examples / p.examplesPerEpoch) / p.epochs;
  bar.value = done;
  const rate = Math.round(p.examplesPerSecond).toLocaleString("en-US");
  const label = `epoch ${p.epoch}/${p.epochs}, ${p.examples.toLocaleString("en-US")}/${p.examplesPerEpoch.toLocaleString("en-US")} examples, ${rate} examples/s, batch loss ${p.loss.toFixed(4)}`;
  bar.setAttribute("aria-valuetext", `${Math.round(done * 100)}%: ${label}`);
  text.textContent = label;
}

export function clearProgress(bar: HTMLProgressElement, text: HTMLElement, message: string): void {
  bar.value = 0;
  bar.removeAttribute("aria-valuetext");
  text.textContent = message;
}
