// The confusion matrix as a table: rows are true classes, columns predicted ones; the shade of
// a cell is its share of the row, so the diagonal is each class's recall.
import { textLabels } from "tsgrad";

export function showConfusion(table: HTMLTableElement, matrix: number[][] | null): void {
  table.replaceChildren();
  table.hidden = matrix === null;
  if (matrix === null) return;
  const names = textLabels;
  table.createCaption().textContent =
    "Rows: the true class; columns: the predicted class (numbered as the rows). Test set.";
  const head = table.createTHead().insertRow();
  const corner = document.createElement("th");
  corner.scope = "col";
  corner.textContent = "true \\ pred.";
  head.append(corner);
  names.forEach((name, j) => {
    const th = document.createElement("th");
    th.scope = "col";
    const abbr = document.createElement("abbr");
    abbr.title = name;
    abbr.textContent = String(j);
    th.append(abbr);
    head.append(th);
  });
  const body = table.createTBody();
  matrix.forEach((row, i) => {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = `${i} ${names[i]}`;
    tr.append(th);
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, j) => {
      const td = tr.insertCell();
      td.textContent = String(count);
      const share = count / total;
      td.style.setProperty("--share", share.toFixed(3));
      if (i === j) td.classList.add("diagonal");
      if (share > 0.5) td.classList.add("dark");
    });
  });
}
