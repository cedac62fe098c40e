// Builds dist/tsgrad.browser.js: the whole library as one ES module with its dependencies
// inlined (ndarray and friends are CommonJS, which a browser cannot import), for pages that
// use no bundler: <script type="module">import * as tg from "./tsgrad.browser.js"</script>.
// Bundler users import "tsgrad" as usual and never load this file.
import { build } from "esbuild";

await build({
  entryPoints: [new URL("../dist/index.js", import.meta.url).pathname],
  outfile: new URL("../dist/tsgrad.browser.js", import.meta.url).pathname,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  legalComments: "eof",
  logLevel: "warning",
});
