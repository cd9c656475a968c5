/**
 * Copies of a label on A4 sheets, for packaged goods (one label a package).
 * Sheets are stacked top to bottom in one SVG, each exactly 210 × 297 mm, so
 * printing it at 100 % with no page margins puts one sheet on each page. The
 * label is drawn once and placed with <use>, so a hundred copies stay small.
 */
import type { LotView } from '../../../projections/index.js';
import type { QrFragment } from './qr.js';
import { A4, LABEL_SIZES, sheetGrid, type LabelSize } from './sizes.js';
import { FONT_FAMILY, labelCell } from './svg.js';

/** sheetSvg lays `copies` labels of `size` out on as many A4 sheets as they need. */
export function sheetSvg(lot: LotView, qr: QrFragment, size: LabelSize, copies: number): string {
  return sheetOf(labelCell(lot, qr, size), size, copies, ` font-family="${FONT_FAMILY}"`);
}

/**
 * imageSheetSvg: the same sheets with the label as a PNG (`labelPng`, rendered at the sheet's
 * resolution): what the PNG route draws, since resvg would lay out every copy's text again (0.4 s
 * each, 40 s for a hundred) where placing one image a hundred times takes a fraction of a second.
 */
export function imageSheetSvg(labelPng: Buffer, size: LabelSize, copies: number): string {
  const { width, height } = LABEL_SIZES[size];
  const image = `<image width="${width}" height="${height}" image-rendering="optimizeSpeed" href="data:image/png;base64,${labelPng.toString('base64')}"/>`;
  return sheetOf(image, size, copies, '');
}

function sheetOf(cell: string, size: LabelSize, copies: number, attributes: string): string {
  const grid = sheetGrid(size);
  const perSheet = grid.columns * grid.rows;
  const sheets = Math.ceil(copies / perSheet);
  const height = sheets * A4.height;
  const placed: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const sheet = Math.floor(copy / perSheet);
    const position = copy % perSheet;
    const x = grid.left + (position % grid.columns) * grid.pitchX;
    const y = sheet * A4.height + grid.top + Math.floor(position / grid.columns) * grid.pitchY;
    placed.push(`<use class="label" href="#label" x="${x}" y="${y}"/>`);
  }
  const pages = Array.from(
    { length: sheets },
    (_, sheet) => `<rect class="sheet" y="${sheet * A4.height}" width="${A4.width}" height="${A4.height}" fill="#fff"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}mm" height="${height}mm" viewBox="0 0 ${A4.width} ${height}"${attributes} data-copies="${copies}" data-sheets="${sheets}">
<defs><g id="label">
${cell}
</g></defs>
${pages.join('\n')}
${placed.join('\n')}
</svg>`;
}
