// Changeset files must keep their frontmatter (a formatter once turned it into a heading,
// which changesets then silently ignores) and name real, public packages.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const publicPackages = new Set(
  readdirSync(join(root, "packages")).map(
    (d) => JSON.parse(readFileSync(join(root, "packages", d, "package.json"), "utf8")).name as string,
  ),
);
const files = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

describe("changesets", () => {
  it("there is at least one", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file} has frontmatter naming public packages and bumps, then a summary`, () => {
      const text = readFileSync(join(root, ".changeset", file), "utf8");
      const m = /^---\n((?:"[^"]+": (?:major|minor|patch)\n)+)---\n\n\S/.exec(text);
      expect(
        m,
        `${file} must start with ---, lines like "@tsgrad/x": minor, ---, a blank line and the summary`,
      ).not.toBeNull();
      for (const line of m![1]!.trim().split("\n")) {
        const name = /^"([^"]+)"/.exec(line)![1]!;
        expect(
          publicPackages.has(name),
          `${file} names ${name}, which is not a package under packages/`,
        ).toBe(true);
      }
    });
  }
});
