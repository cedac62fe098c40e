// The page needs no configuration for tsgrad: the packages bundle for the web as they are.
// What is here is the app's own: its data files, relative URLs, and real 404s for them.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { fashionMnistData } from "./vite/fashion-mnist-data.js";

export default defineConfig({
  // Relative asset URLs: the static build works under any path of any host.
  base: "./",
  // A multi-page app has no fallback to index.html, so a missing data file is a 404, which the
  // page reports as such, instead of an HTML page that fails verification.
  appType: "mpa",
  plugins: [fashionMnistData(fileURLToPath(new URL("./public/data/fashion-mnist/", import.meta.url)))],
});
