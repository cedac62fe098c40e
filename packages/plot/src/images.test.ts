import { fromTypedArray, ShapeError, tensor, ValueError, zeros } from "@tsgrad/tensor";
import pngjs from "pngjs";
import { describe, expect, it } from "vitest";
import { ImageGrid, showImages } from "./images.js";
import { all, parseSvg } from "./xml.test-util.js";

/** Decodes with pngjs, an independent decoder (the package encodes with fast-png). */
function decode(png: Uint8Array) {
  const img = pngjs.PNG.sync.read(Buffer.from(png));
  const at = (x: number, y: number) => {
    const i = (y * img.width + x) * 4;
    return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
  };
  return { width: img.width, height: img.height, at };
}

/** Images [n, h, w] where image i has the constant value values[i]. */
function constant(values: number[], h = 4, w = 4, dtype: "float32" | "int32" = "float32") {
  const data =
    dtype === "float32" ? new Float32Array(values.length * h * w) : new Int32Array(values.length * h * w);
  for (const [i, v] of values.entries()) data.fill(v, i * h * w, (i + 1) * h * w);
  return fromTypedArray(data, [values.length, h, w]);
}

describe("showImages", () => {
  it("draws a PNG of the announced size with each image zoomed in its cell", () => {
    const grid = showImages(constant([1, 0, 0.5]), 1, 3, { scale: 5 });
    const png = decode(grid.toPng());
    expect([png.width, png.height]).toEqual([grid.width, grid.height]);
    // Margins 6, gaps 8, no titles: 3 cells of 20 px.
    expect([grid.width, grid.height]).toEqual([6 + 20 + 8 + 20 + 8 + 20 + 6, 6 + 20 + 6]);
    const [white, black, gray] = [0, 1, 2].map((i) => grid.imageOrigin(i));
    expect(png.at(white!.x, white!.y)).toEqual([255, 255, 255]);
    expect(png.at(black!.x + 19, black!.y + 19)).toEqual([0, 0, 0]);
    expect(png.at(gray!.x + 10, gray!.y + 10)).toEqual([128, 128, 128]);
    // Outside the black image is the white background.
    expect(png.at(black!.x - 1, black!.y)).toEqual([255, 255, 255]);
    expect(png.at(black!.x + 20, black!.y)).toEqual([255, 255, 255]);
  });

  it("draws titles in black above the images, two lines for a title with \\n", () => {
    const black = constant([0, 0]);
    const one = showImages(black, 1, 2, { titles: ["A", "B"], scale: 4, fontScale: 1 });
    const two = showImages(black, 1, 2, { titles: ["true\npred", "x"], scale: 4, fontScale: 1 });
    expect(two.height - one.height).toBe(10); // one more 7 px line plus its spacing
    const png = decode(one.toPng());
    const o = one.imageOrigin(0);
    // "A" (5 px wide) is centred over the 16 px image, from x + 5: its middle column (x + 7) is
    // dark at the apex and at the crossbar, 4 rows below, and nowhere else.
    const titleRows = Array.from({ length: 12 }, (_, k) => o.y - 12 + k);
    const dark = titleRows.filter((y) => png.at(o.x + 7, y)[0] === 0);
    expect(dark).toHaveLength(2);
    expect(dark[1]! - dark[0]!).toBe(4);
    expect(png.at(o.x + 4, dark[1]!)).toEqual([255, 255, 255]);
    expect(png.at(o.x + 5, dark[1]!)).toEqual([0, 0, 0]);
    const white = decode(showImages(constant([1]), 1, 1, { scale: 4 }).toPng());
    expect(white.at(0, 0)).toEqual([255, 255, 255]);
  });

  it("scales the title font and widens cells for long titles", () => {
    const grid = showImages(constant([1]), 1, 1, { titles: ["ankle boot"], scale: 2, fontScale: 2 });
    expect(grid.width).toBe(6 + (10 * 6 - 1) * 2 + 6);
    const png = decode(grid.toPng());
    let darkPixels = 0;
    for (let y = 0; y < grid.imageOrigin(0).y; y++)
      for (let x = 0; x < grid.width; x++) if (png.at(x, y)[0] === 0) darkPixels++;
    // Glyph pixels come in 2 × 2 blocks.
    expect(darkPixels).toBeGreaterThan(0);
    expect(darkPixels % 4).toBe(0);
  });

  it("treats [N, 1, H, W] like [N, H, W] and shows [N, 3, H, W] in color", () => {
    const gray = showImages(constant([0.25]), 1, 1, { scale: 2 }).toPng();
    const withChannel = showImages(constant([0.25]).view(1, 1, 4, 4), 1, 1, { scale: 2 }).toPng();
    expect(withChannel).toEqual(gray);
    const rgb = zeros([1, 3, 2, 2]);
    rgb.select(1, 0).fill_(1); // red
    rgb.select(1, 2).fill_(0.5);
    const grid = showImages(rgb, 1, 1, { scale: 3 });
    const o = grid.imageOrigin(0);
    expect(decode(grid.toPng()).at(o.x + 5, o.y + 5)).toEqual([255, 0, 128]);
  });

  it("maps float and bool tensors from [0, 1] and int32 tensors from 0..255, clipping", () => {
    const px = (t: Parameters<typeof showImages>[0], range?: [number, number]) => {
      const grid = showImages(t, 1, 1, range ? { scale: 1, range } : { scale: 1 });
      const o = grid.imageOrigin(0);
      return decode(grid.toPng()).at(o.x, o.y)[0];
    };
    expect(px(constant([100], 2, 2, "int32"))).toBe(100);
    expect(px(constant([300], 2, 2, "int32"))).toBe(255);
    expect(px(constant([2]))).toBe(255);
    expect(px(constant([-1]))).toBe(0);
    expect(px(constant([Number.NaN]))).toBe(0);
    expect(px(constant([127.5]), [0, 255])).toBe(128);
    expect(px(tensor([[[true]]]))).toBe(255);
    expect(px(tensor([[[0.2]]]).double())).toBe(51);
  });

  it("leaves cells blank when there are fewer images than cells", () => {
    const grid = showImages(constant([0]), 2, 2, { scale: 2 });
    const png = decode(grid.toPng());
    expect([grid.width, grid.height]).toEqual([6 + 8 + 8 + 8 + 6, 6 + 8 + 8 + 8 + 6]);
    expect(png.at(6 + 8 + 8 + 1, 6 + 8 + 8 + 1)).toEqual([255, 255, 255]);
    expect(png.at(6, 6)).toEqual([0, 0, 0]);
  });

  it("makes an SVG with a PNG data URI per image and a text per title", () => {
    const titles = ["t-shirt\nshirt", '<bag> & "boot"'];
    const svg = showImages(constant([1, 0], 3, 5), 1, 2, { titles, scale: 2 }).toSvg();
    const root = parseSvg(svg);
    const images = all(root, "image");
    expect(images).toHaveLength(2);
    for (const img of images) {
      expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["10", "6"]);
      const href = img.getAttribute("href")!;
      expect(href.startsWith("data:image/png;base64,")).toBe(true);
      const png = pngjs.PNG.sync.read(Buffer.from(href.slice("data:image/png;base64,".length), "base64"));
      expect([png.width, png.height]).toEqual([5, 3]);
    }
    const texts = all(root, "text");
    expect(texts).toHaveLength(2);
    expect(all(texts[0]!, "tspan").map((t) => t.textContent)).toEqual(["t-shirt", "shirt"]);
    expect(texts[1]!.textContent).toBe('<bag> & "boot"');
    // Titles sit above their images.
    const firstBaseline = Number(all(texts[0]!, "tspan")[1]!.getAttribute("y"));
    expect(firstBaseline).toBeLessThanOrEqual(Number(images[0]!.getAttribute("y")));
  });

  it("returns each image alone as a gray or RGB PNG", () => {
    const grid = showImages(constant([0.5], 3, 2), 1, 1);
    const png = decode(grid.imagePng(0));
    expect([png.width, png.height]).toEqual([2, 3]);
    expect(png.at(1, 2)).toEqual([128, 128, 128]);
    expect(() => grid.imagePng(1)).toThrow("ImageGrid.imagePng: index 1 is out of range for 1 images");
  });

  it("rejects bad shapes, titles and grids, naming the argument", () => {
    expect(() => showImages(zeros([2, 3]), 1, 2)).toThrow(
      new ShapeError("showImages: expected images of shape [N, H, W] or [N, C, H, W], got [2, 3]"),
    );
    expect(() => showImages(zeros([2, 3]), 1, 2)).toThrow(ShapeError);
    expect(() => showImages(zeros([1, 2, 3, 4, 5]), 1, 2)).toThrow("got [1, 2, 3, 4, 5]");
    expect(() => showImages(zeros([2, 2, 4, 4]), 1, 2)).toThrow(
      "showImages: expected 1 or 3 channels (dim 1), got images of shape [2, 2, 4, 4]",
    );
    expect(() => showImages(zeros([2, 0, 4]), 1, 2)).toThrow(
      "showImages: images of shape [2, 0, 4] are empty",
    );
    expect(() => showImages(zeros([2, 4, 4]), 1, 2, { titles: ["a"] })).toThrow(
      new ValueError("showImages: got 1 titles for 2 images"),
    );
    expect(() => showImages(zeros([5, 4, 4]), 2, 2)).toThrow(
      "showImages: 5 images do not fit in a grid of 2 x 2",
    );
    expect(() => showImages(zeros([1, 4, 4]), 0, 2)).toThrow(
      "showImages: numRows must be a positive integer, got 0",
    );
    expect(() => showImages(zeros([1, 4, 4]), 1, 1.5)).toThrow(
      "showImages: numCols must be a positive integer, got 1.5",
    );
    expect(() => showImages(zeros([1, 4, 4]), 1, 1, { scale: 0 })).toThrow(
      "showImages: scale must be a positive integer, got 0",
    );
    expect(() => showImages(zeros([1, 4, 4]), 1, 1, { range: [1, 1] })).toThrow(
      "showImages: range must be two finite numbers with low < high, got [1, 1]",
    );
    expect(() => showImages([[1]] as unknown as Parameters<typeof showImages>[0], 1, 1)).toThrow(
      "showImages: images must be a tensor, got [[1]]",
    );
  });
});

describe("images from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const images = zeros([2, 4, 4]);

  it("showImages names arguments and options of the wrong kind", () => {
    expect(() => showImages(js(undefined), 1, 2)).toThrowError(ValueError);
    expect(() => showImages(js(undefined), 1, 2)).toThrowError(
      /^showImages: images must be a tensor, got undefined$/,
    );
    expect(() => showImages(images, js("1"), 2)).toThrowError(
      'showImages: numRows must be a positive integer, got "1"',
    );
    expect(() => showImages(images, 1, js(images))).toThrowError(
      "showImages: numCols must be a positive integer, got a tensor of shape [2, 4, 4]",
    );
    expect(() => showImages(images, 1, 2, js(null))).toThrowError(
      /^showImages: options must be an object of options, got null$/,
    );
    expect(() => showImages(images, 1, 2, js({ title: ["a", "b"] }))).toThrowError(
      'showImages: unknown option "title" in options; did you mean "titles"?',
    );
    expect(() => showImages(images, 1, 2, js({ titles: "ab" }))).toThrowError(
      /^showImages: options\.titles must be an array of titles \(one per image\), got "ab"$/,
    );
    expect(() => showImages(images, 1, 2, js({ scale: null }))).toThrowError(
      "showImages: scale must be a positive integer, got null",
    );
    expect(() => showImages(images, 1, 2, js({ range: 1 }))).toThrowError(
      "showImages: range must be two finite numbers with low < high, got 1",
    );
    expect(() => showImages(images, 1e12, 2)).toThrowError(
      /^showImages: the grid is \d+ x \d+ px, too large for one PNG \(more than 2147483647 bytes of pixels\)$/,
    );
    expect(() => showImages(images, 1, 2, { scale: 1e12 })).toThrowError("too large for one PNG");
  });

  it("ImageGrid names an init of the wrong kind, and its methods an index of the wrong kind", () => {
    expect(() => new ImageGrid(js(undefined))).toThrowError(ValueError);
    expect(() => new ImageGrid(js(undefined))).toThrowError(
      /^ImageGrid: init must be an object \{ pixels, titles,/,
    );
    const init = {
      pixels: [new Uint8Array(16)],
      titles: [],
      numRows: 1,
      numCols: 1,
      imageHeight: 4,
      imageWidth: 4,
      channels: 1 as const,
      scale: 1,
      fontScale: 1,
    };
    expect(() => new ImageGrid(js({ ...init, scael: 1 }))).toThrowError(
      'ImageGrid: unknown option "scael" in init; did you mean "scale"?',
    );
    expect(() => new ImageGrid(js({ ...init, numRows: 0 }))).toThrowError(
      "ImageGrid: init.numRows must be an integer >= 1, got 0",
    );
    expect(() => new ImageGrid(js({ ...init, channels: 2 }))).toThrowError(
      "ImageGrid: init.channels must be 1 or 3, got 2",
    );
    expect(() => new ImageGrid(js({ ...init, pixels: [new Uint8Array(3)] }))).toThrowError(
      "ImageGrid: init.pixels must be an array of Uint8Array of 16 bytes each",
    );
    expect(() => new ImageGrid(js({ ...init, titles: ["a"] }))).toThrowError(
      'ImageGrid: init.titles must be an array of title lines (arrays of strings) per image, got ["a"]',
    );
    const grid = new ImageGrid(init);
    expect(() => grid.imagePng(js("0"))).toThrowError(/^ImageGrid\.imagePng: i must be an integer, got "0"$/);
    expect(() => grid.imageOrigin(js(undefined))).toThrowError(
      /^ImageGrid\.imageOrigin: i must be an integer, got undefined$/,
    );
    expect(() => grid.imageOrigin(1)).toThrowError(
      "ImageGrid.imageOrigin: index 1 is out of range for a grid of 1 cells",
    );
    expect(() => new ImageGrid({ ...init, numRows: 1e6, numCols: 1e6 }).toPng()).toThrowError(
      /^ImageGrid\.toPng: the grid is \d+ x \d+ px, too large for one PNG/,
    );
  });
});
