// The page needs no configuration for tsgrad: the packages bundle for the web as they are.
// What is here is the app's own: its data files, relative URLs, real 404s for them, and the two
// headers that make the page cross-origin isolated, so that tsgrad may run its big products on
// several threads (a host that cannot send them still serves a working, single-threaded page).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { fashionMnistData } from "./vite/fashion-mnist-data.js";

/** Cross-origin isolation: SharedArrayBuffer, and so tsgrad's worker threads, in the page. */
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  // Relative asset URLs: the static build works under any path of any host.
  base: "./",
  // A multi-page app has no fallback to index.html, so a missing data file is a 404, which the
  // page reports as such, instead of an HTML page that fails verification.
  appType: "mpa",
  plugins: [fashionMnistData(fileURLToPath(new URL("./public/data/fashion-mnist/", import.meta.url)))],
});
