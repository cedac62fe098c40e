export { ImageGrid, type ShowImagesOptions, showImages } from "./images.js";
export { type LegendPosition, type LineChartOptions, lineChartSvg } from "./line-chart.js";
export { saveFile } from "./save.js";
export { PALETTE, type Point, type Series, type SeriesData, type SeriesInput } from "./series.js";
export { type TerminalChartOptions, terminalChart } from "./terminal.js";
export { escapeXml } from "./xml.js";
