// Shows an SVG document (a chart or an image grid made by @tsgrad/plot) in an <img>: scaled
// with CSS like any picture, and no markup of it enters the page.
const urls = new WeakMap<HTMLImageElement, string>();

export function showSvg(img: HTMLImageElement, svg: string | null, alt: string): void {
  const old = urls.get(img);
  if (old !== undefined) URL.revokeObjectURL(old);
  if (svg === null) {
    img.removeAttribute("src");
    urls.delete(img);
  } else {
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    urls.set(img, url);
    img.src = url;
  }
  img.alt = alt;
  img.hidden = svg === null;
}
