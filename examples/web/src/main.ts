// The page: data status, settings, Train / Stop / Reset, and the results of the run, all fed by
// the training worker's messages.
import "./styles.css";
import type { EpochRecord, FashionMnistFileKey } from "tsgrad";
import { acceptFiles } from "./data/drop.js";
import { addFiles, complete, EXPECTED_NAMES, missingNames } from "./data/files.js";
import { explainDataError } from "./data/messages.js";
import { isVariantId, type TrainConfig, VARIANTS } from "./models/catalog.js";
import { TrainerClient } from "./trainer-client.js";
import { showConfusion } from "./ui/confusion.js";
import { addEpochRow, showCurves } from "./ui/curves.js";
import { byId } from "./ui/dom.js";
import { showPredictions } from "./ui/predictions.js";
import { clearProgress, showProgress } from "./ui/progress.js";
import { Settings } from "./ui/settings.js";
import { SOURCES } from "./ui/source-view.js";
import type { DataSource, FromWorker } from "./worker/protocol.js";

const el = {
  backend: byId("backend", HTMLElement),
  dataStatus: byId("data-status", HTMLElement),
  dropZone: byId("drop-zone", HTMLElement),
  files: byId("data-files", HTMLInputElement),
  form: byId("train-form", HTMLFormElement),
  settings: byId("settings", HTMLFieldSetElement),
  train: byId("train", HTMLButtonElement),
  stop: byId("stop", HTMLButtonElement),
  reset: byId("reset", HTMLButtonElement),
  progress: byId("progress", HTMLProgressElement),
  progressText: byId("progress-text", HTMLElement),
  runStatus: byId("run-status", HTMLElement),
  curves: byId("curves", HTMLImageElement),
  epochsBody: byId("epochs-body", HTMLTableSectionElement),
  predictions: byId("predictions", HTMLImageElement),
  predictionsCaption: byId("predictions-caption", HTMLElement),
  confusion: byId("confusion", HTMLTableElement),
  confusionEmpty: byId("confusion-empty", HTMLElement),
  sourceFile: byId("source-file", HTMLElement),
  source: byId("source", HTMLElement),
};

/** loading: the worker loads the data; no-data: it could not; ready: Train works; training. */
type Phase = "loading" | "no-data" | "ready" | "training";

const settings = new Settings();
let phase: Phase = "loading";
let run: TrainConfig | null = null;
let history: EpochRecord[] = [];
let chosen: Partial<Record<FashionMnistFileKey, File>> = {};
// Served beside the page (copied there by the dev server and the build): relative, so the
// static site works under any path.
let source: DataSource = {
  kind: "url",
  base: new URL(`${import.meta.env.BASE_URL}data/fashion-mnist/`, document.baseURI).href,
};

// Keyboard users keep their place: from Train to Stop while a run goes, and back to Train
// after it, once Train can be pressed again (after Stop, when the data is loaded again).
let focusTrainWhenReady = false;

function setPhase(next: Phase): void {
  const hadFocus = document.activeElement;
  phase = next;
  document.body.dataset.phase = next;
  el.train.disabled = next !== "ready";
  el.stop.disabled = next !== "training";
  el.settings.disabled = next === "training";
  if (next === "training" && hadFocus === el.train) el.stop.focus();
  if (next !== "training" && hadFocus === el.stop) focusTrainWhenReady = true;
  // Unless the user has moved on: a disabled button loses the focus to the body.
  const lost = document.activeElement === null || document.activeElement === document.body;
  if (next === "ready" && focusTrainWhenReady && (lost || document.activeElement === el.stop))
    el.train.focus();
  if (next === "ready") focusTrainWhenReady = false;
}

function say(target: HTMLElement, text: string, error = false): void {
  target.textContent = text;
  target.classList.toggle("error", error);
}

function showSource(): void {
  const id = settings.variant.value;
  if (!isVariantId(id)) return;
  el.sourceFile.textContent = `src/models/${VARIANTS[id].file}`;
  el.source.textContent = SOURCES[id];
}

function clearResults(): void {
  history = [];
  el.epochsBody.replaceChildren();
  showCurves(el.curves, history, 1);
  showPredictions(el.predictions, el.predictionsCaption, null);
  showConfusion(el.confusion, null);
  el.confusionEmpty.hidden = false;
}

const client = new TrainerClient(onWorkerMessage);

function onWorkerMessage(m: FromWorker): void {
  switch (m.type) {
    case "backend": {
      const { name, variant, threads, reason } = m.backend;
      el.backend.dataset.backend = name;
      el.backend.dataset.threads = String(threads);
      const plural = threads === 1 ? "thread" : "threads";
      el.backend.textContent = variant === null ? name : `${name} (${variant}, ${threads} ${plural})`;
      if (reason !== undefined) el.backend.title = reason;
      break;
    }
    case "threads":
      // For the curious (and the tests): how the products' chunks were shared out.
      el.backend.dataset.chunks = m.chunks.join(" ");
      break;
    case "data": {
      const from = source.kind === "url" ? "served by this site" : "from the files you gave";
      const counts = `${m.train.toLocaleString("en-US")} training and ${m.test.toLocaleString("en-US")} test images`;
      say(
        el.dataStatus,
        `Fashion-MNIST ${from}: ${counts}, verified by SHA-256, loaded in ${m.seconds.toFixed(1)} s.`,
      );
      setPhase("ready");
      break;
    }
    case "data-error":
      say(el.dataStatus, explainDataError(m.message, source), true);
      setPhase("no-data");
      // The loader may still be decompressing the other files: that work is of no use now.
      client.restart(null);
      break;
    case "progress":
      showProgress(el.progress, el.progressText, m.progress);
      break;
    case "epoch": {
      history.push(m.record);
      addEpochRow(el.epochsBody, m.record);
      showCurves(el.curves, history, run?.epochs ?? m.record.epoch);
      const r = m.record;
      say(el.runStatus, `Epoch ${r.epoch} of ${run?.epochs}: test accuracy ${r.testAcc.toFixed(3)}.`);
      break;
    }
    case "done": {
      showPredictions(el.predictions, el.predictionsCaption, m.predictions);
      showConfusion(el.confusion, m.confusion);
      el.confusionEmpty.hidden = true;
      const last = history.at(-1);
      const perEpoch = history.reduce((s, r) => s + r.seconds, 0) / Math.max(history.length, 1);
      el.progress.value = 1;
      el.progressText.textContent = "Done.";
      say(
        el.runStatus,
        `Done: test accuracy ${last?.testAcc.toFixed(3)} after ${history.length} epochs, ${perEpoch.toFixed(2)} s per epoch.`,
      );
      setPhase("ready");
      break;
    }
    case "error":
      say(el.runStatus, `Training stopped: ${m.message}`, true);
      if (phase === "training") setPhase("ready");
      break;
  }
}

el.form.addEventListener("submit", (e) => {
  e.preventDefault();
  if (phase !== "ready") return;
  const config = settings.read();
  if (config === null) return;
  clearResults();
  run = config;
  clearProgress(el.progress, el.progressText, "Starting…");
  say(el.runStatus, `Training ${VARIANTS[config.variant].title.toLowerCase()} for ${config.epochs} epochs.`);
  setPhase("training");
  client.train(config);
});

el.stop.addEventListener("click", () => {
  if (phase !== "training") return;
  client.restart();
  setPhase("loading");
  say(el.runStatus, `Stopped after ${history.length} of ${run?.epochs} epochs.`);
  say(el.dataStatus, "Loading the data again for the next run…");
});

el.reset.addEventListener("click", () => {
  if (phase === "training") {
    client.restart();
    setPhase("loading");
    say(el.dataStatus, "Loading the data again for the next run…");
  }
  run = null;
  clearResults();
  settings.restoreDefaults();
  clearProgress(el.progress, el.progressText, "Not started.");
  say(el.runStatus, "Reset: the book's settings are back, and the results are cleared.");
});

settings.variant.addEventListener("change", showSource);

acceptFiles(el.dropZone, el.files, (files) => {
  const set = addFiles(chosen, files);
  chosen = set.files;
  const unknown =
    set.unknown.length === 0
      ? ""
      : `${set.unknown.join(", ")} ${set.unknown.length === 1 ? "is" : "are"} not one of the four files (${EXPECTED_NAMES.join(", ")}). `;
  const four = complete(chosen);
  if (four === null) {
    say(el.dataStatus, `${unknown}Still needed: ${missingNames(chosen).join(", ")}.`, unknown !== "");
    return;
  }
  source = { kind: "files", files: four };
  say(el.dataStatus, `${unknown}Decompressing and verifying the four files…`);
  setPhase("loading");
  client.restart(source);
});

showSource();
clearResults();
client.load(source);
