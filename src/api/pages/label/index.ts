/** Printable labels (统一追溯标识 with the certificate of compliance, 证码合一): one label, or A4 sheets of copies, as SVG or PNG. */
import type { LotView } from '../../../projections/index.js';
import { svgToPng } from './png.js';
import { qrFragment } from './qr.js';
import { sheetSvg } from './sheet.js';
import { A4, LABEL_SIZES, type LabelQuery } from './sizes.js';
import { labelSvg } from './svg.js';

export { qrAt, qrFragment, type QrFragment } from './qr.js';
export { BASIS_NAMES, COMMITMENT } from './text.js';
export { LABEL_SIZES, LabelQuerySchema, sheetGrid, type LabelQuery, type LabelSize } from './sizes.js';

/** labelDocument: the SVG a label route answers — one label, or sheets when copies are asked for. `url` is the QR's payload. */
export async function labelDocument(lot: LotView, url: string, { size, copies }: LabelQuery): Promise<string> {
  const qr = await qrFragment(url);
  return copies === undefined ? labelSvg(lot, qr, size) : sheetSvg(lot, qr, size, copies);
}

/** labelPng: the same document as a PNG. */
export async function labelPng(lot: LotView, url: string, query: LabelQuery): Promise<Buffer> {
  const svg = await labelDocument(lot, url, query);
  return svgToPng(svg, query.copies === undefined ? LABEL_SIZES[query.size].width : A4.width);
}
