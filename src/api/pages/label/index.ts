/** Printable labels (统一追溯标识 with the certificate of compliance, 证码合一): one label, or A4 sheets of copies, as SVG or PNG. */
import type { LotView } from '../../../projections/index.js';
import { svgToPng } from './png.js';
import { qrFragment } from './qr.js';
import { imageSheetSvg, sheetSvg } from './sheet.js';
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

/** labelPng: the same document as a PNG; for copies, the label is rendered once and placed on the sheets as an image. */
export async function labelPng(lot: LotView, url: string, { size, copies }: LabelQuery): Promise<Buffer> {
  const one = await svgToPng(labelSvg(lot, await qrFragment(url), size), LABEL_SIZES[size].width);
  if (copies === undefined) return one;
  return oneSheetAtATime(() => svgToPng(imageSheetSvg(one, size, copies), A4.width, { text: false }));
}

/**
 * Sheets are drawn one request at a time: a hundred 100 × 70 copies are 13 A4 sheets, a raster of
 * 1680 × 30,888 px (about half a gigabyte while resvg draws it), and the thread pool would otherwise
 * draw four such at once for whoever asks.
 */
let sheetQueue: Promise<unknown> = Promise.resolve();
function oneSheetAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = sheetQueue.then(work, work);
  sheetQueue = run.catch(() => undefined);
  return run;
}
