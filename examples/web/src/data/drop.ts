// Files dropped anywhere on the page, or chosen with the file input, go to `onFiles`. While
// files are dragged over the page, the drop zone is highlighted.
export function acceptFiles(
  zone: HTMLElement,
  input: HTMLInputElement,
  onFiles: (files: File[]) => void,
): void {
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
  let depth = 0; // dragenter/dragleave fire for every child element crossed
  document.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    depth++;
    zone.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove("dragging");
  });
  document.addEventListener("dragover", (e) => {
    // Without this the browser would open the dropped file instead of handing it to the page.
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    zone.classList.remove("dragging");
    onFiles([...(e.dataTransfer?.files ?? [])]);
  });
  input.addEventListener("change", () => {
    onFiles([...(input.files ?? [])]);
    input.value = ""; // choosing the same file again fires change again
  });
}
