// The published declarations in strict TypeScript consumers: the tarballs installed by npm (no
// @types package installed by the consumer, so a declaration that needs @types/node or
// @types/ndarray fails), `strict` and `skipLibCheck: false` (every .d.ts is checked), under
// module NodeNext and under moduleResolution Bundler (module ESNext, and Preserve), with lib
// ES2022 alone and with ES2022 + DOM. NodeNext also checks a .cts file that require()s the
// packages (fixtures/types/).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { allPackages, npmProject, run, tarball, tscBin } from "./lib.js";

let dir = "";
beforeAll(async () => {
  dir = await npmProject("types", allPackages().map(tarball), ["types"]);
});
afterAll(() => {
  if (dir !== "" && process.env.KEEP_CONSUMER !== "1") rmSync(dir, { recursive: true, force: true });
});

// Both lib settings under each resolution; of the two modules under Bundler, ESNext with ES2022
// and Preserve with DOM (they resolve alike; each tsc run costs ~4 s of CPU).
const setups = [
  { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022"] },
  { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"] },
  { module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022"] },
  { module: "Preserve", moduleResolution: "Bundler", lib: ["ES2022", "DOM"] },
] as const;

// Side by side: each tsc is one process, and most of a run is spent waiting for them.
describe.concurrent("tsc --noEmit in a strict consumer (skipLibCheck false, no @types)", () => {
  for (const setup of setups) {
    const name = `${setup.module}-${setup.lib.join("-")}`.toLowerCase();
    it(`module ${setup.module}, moduleResolution ${setup.moduleResolution}, lib ${setup.lib.join(" + ")}`, async ({
      expect,
    }) => {
      const config = {
        compilerOptions: {
          ...setup,
          target: "ES2022",
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          forceConsistentCasingInFileNames: true,
        },
        files: setup.module === "NodeNext" ? ["types/common.ts", "types/cjs.cts"] : ["types/common.ts"],
      };
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
      const r = await run(process.execPath, [tscBin, "-p", `tsconfig.${name}.json`, "--pretty", "false"], {
        cwd: dir,
      });
      expect(r.stdout + r.stderr, r.output).toBe("");
      expect(r.status).toBe(0);
    });
  }
});
