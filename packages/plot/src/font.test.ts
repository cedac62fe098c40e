import { describe, expect, it } from "vitest";
import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyphPixel, textWidthPx } from "./font.js";

function bitmap(ch: string): string[] {
  return Array.from({ length: GLYPH_HEIGHT }, (_, row) =>
    Array.from({ length: GLYPH_WIDTH }, (_, col) => (glyphPixel(ch, col, row) ? "#" : ".")).join(""),
  );
}

describe("bitmap font", () => {
  it("draws letters and digits as the classic 5 × 7 glyphs", () => {
    expect(bitmap("A")).toEqual([".###.", "#...#", "#...#", "#...#", "#####", "#...#", "#...#"]);
    expect(bitmap("1")).toEqual(["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."]);
    expect(bitmap("-")).toEqual([".....", ".....", ".....", "#####", ".....", ".....", "....."]);
  });

  it("has a distinct, non-empty glyph for every printable ASCII character but space", () => {
    const seen = new Set<string>();
    for (let code = 0x21; code <= 0x7e; code++) {
      const glyph = bitmap(String.fromCharCode(code)).join("/");
      expect(glyph).toContain("#");
      seen.add(glyph);
    }
    expect(seen.size).toBe(0x7e - 0x21 + 1);
    expect(bitmap(" ").join("")).not.toContain("#");
  });

  it("draws characters outside printable ASCII as ?", () => {
    expect(bitmap("é")).toEqual(bitmap("?"));
    expect(bitmap("\t")).toEqual(bitmap("?"));
  });

  it("measures text with one column of spacing between glyphs", () => {
    expect(textWidthPx("")).toBe(0);
    expect(textWidthPx("a")).toBe(5);
    expect(textWidthPx("ab")).toBe(ADVANCE + 5);
  });
});
