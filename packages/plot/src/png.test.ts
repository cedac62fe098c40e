// png.ts writes the bytes fast-png writes (a devDependency here), for gray and RGB images of
// every small size.
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { encodePng } from "./png.js";

describe("encodePng", () => {
  it("writes fast-png's bytes", () => {
    let seed = 1;
    for (const channels of [1, 3] as const) {
      for (const [width, height] of [
        [1, 1],
        [2, 3],
        [28, 28],
        [17, 5],
        [300, 40],
      ] as const) {
        const data = new Uint8Array(width * height * channels);
        // Pixels with runs and noise, so that deflate has both to do.
        for (let i = 0; i < data.length; i++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          data[i] = i % 7 < 3 ? 255 : seed >>> 24;
        }
        expect(encodePng(width, height, channels, data)).toEqual(
          encode({ width, height, data, channels, depth: 8 }),
        );
      }
    }
  });
});
