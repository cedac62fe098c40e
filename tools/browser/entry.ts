// Runs in a real browser (headless Chromium, tools/src/browser.test.ts): the built packages,
// bundled, with no Node built-ins. Fashion-MNIST is loaded from bytes (tiny gzipped IDX files
// made here, so gunzip runs on fflate and SHA-256 on Web Crypto), a linear model trains with
// autograd, and float32 products switch to the WebAssembly backend once its asynchronous
// compilation is done; a product in tidy gives the same values there.
// Everything through the umbrella package, as an app would import it. Importing it also
// installs autograd (a declared side effect that bundlers keep).
import { gzipSync } from "fflate";
import {
  arange,
  crossEntropy,
  Flatten,
  Generator,
  getBackend,
  Linear,
  loadDataFashionMnist,
  manualSeed,
  Sequential,
  SGD,
  sha256Hex,
  tensor,
  tidy,
  wasmVariant,
  writeIdxImages,
  writeIdxLabels,
} from "tsgrad";

function split(n: number, shift: number) {
  const pixels = new Uint8Array(n * 28 * 28).map((_, i) => (i * 7 + shift) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i + shift) % 10);
  return { images: writeIdxImages({ count: n, rows: 28, cols: 28, pixels }), labels: writeIdxLabels(labels) };
}

async function main(): Promise<Record<string, unknown>> {
  const train = split(12, 0);
  const test = split(6, 3);
  const sha256 = {
    trainImages: await sha256Hex(train.images),
    trainLabels: await sha256Hex(train.labels),
    testImages: await sha256Hex(test.images),
    testLabels: await sha256Hex(test.labels),
  };
  const { trainIter, testIter } = await loadDataFashionMnist(4, {
    source: {
      trainImages: gzipSync(train.images),
      trainLabels: gzipSync(train.labels),
      testImages: gzipSync(test.images),
      testLabels: gzipSync(test.labels),
    },
    sha256,
    generator: new Generator(0),
  });
  manualSeed(0);
  const net = new Sequential(new Flatten(), new Linear(784, 10));
  const opt = new SGD(net.parameters(), { lr: 0.1 });
  const losses: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    for (const [X, y] of trainIter) {
      const l = crossEntropy(net.forward(X), y);
      opt.zeroGrad();
      l.backward();
      opt.step();
      losses.push(l.item());
    }
  }
  let testBatches = 0;
  for (const [X] of testIter) testBatches += X.shape[0] === 4 || X.shape[0] === 2 ? 1 : 0;
  // The wasm module compiles asynchronously in browsers; js runs until it is ready.
  const start = performance.now();
  while (getBackend() !== "wasm" && performance.now() - start < 10_000)
    await new Promise((r) => setTimeout(r, 20));
  const product = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: "float32" },
  )
    .matmul(tensor([[5], [6]], { dtype: "float32" }))
    .toArray();
  // tidy: an 800 KB product is an arena block (a wasm workspace) that gemm writes in place.
  const G = arange(2560).float().div(2560).reshape([256, 10]);
  const W = arange(7840).float().div(7840).reshape([10, 784]);
  const fresh = G.matmul(W).sum().item();
  const tidied = [0, 1, 2].map(() => tidy(() => G.matmul(W).sum().item()));
  return {
    trainBatches: losses.length,
    testBatches,
    firstLoss: losses[0],
    lastLoss: losses[losses.length - 1],
    backend: getBackend(),
    variant: wasmVariant(),
    product,
    tidyMatches: tidied.every((v) => v === fresh) && Number.isFinite(fresh),
    printed: String(tensor([[0.5, 1]], { dtype: "float32" })),
    hasProcess: typeof (globalThis as { process?: unknown }).process !== "undefined",
  };
}

const show = (r: unknown) => {
  document.getElementById("result")!.textContent = JSON.stringify(r);
};
main().then(show, (e: unknown) =>
  show({ error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e) }),
);
