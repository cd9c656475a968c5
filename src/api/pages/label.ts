/** Printable trace labels (统一追溯标识): a QR code linking to the trace page, with the code in groups of four. */
import QRCode from 'qrcode';
import { formatTraceCode } from '../../domain/index.js';
import type { LotView } from '../../projections/index.js';
import { KIND_NAMES, amount, escapeHtml } from './html.js';

/** labelSvg: a 60 × 40 mm label (QR code, product, origin, date, code). */
export async function labelSvg(lot: LotView, url: string): Promise<string> {
  const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const inner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const modules = /viewBox="0 0 (\d+) (\d+)"/.exec(qr)?.[1] ?? '25';
  const text = (y: number, size: number, value: string, weight = 400) =>
    `<text x="33" y="${y}" font-size="${size}" font-weight="${weight}">${escapeHtml(value)}</text>`;
  const origin = lot.origin.regionName ?? lot.origin.region;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">
<rect width="60" height="40" fill="#fff" stroke="#000" stroke-width="0.3"/>
<svg x="3" y="3" width="28" height="28" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">${inner}</svg>
${text(7, 3.2, lot.product.name, 700)}
${text(11.5, 2.4, KIND_NAMES[lot.kind] ?? '')}
${text(15.5, 2.4, amount(lot.quantity, lot.unit))}
${text(19.5, 2.2, origin.length > 12 ? `${origin.slice(0, 12)}…` : origin)}
${text(23.5, 2.2, `生产日期 ${lot.producedAt.slice(0, 10)}`)}
${text(28, 2.2, lot.certificate ? '附承诺达标合格证' : '')}
<text x="30" y="36.5" font-size="3" text-anchor="middle" font-family="monospace" letter-spacing="0.2">${escapeHtml(formatTraceCode(lot.code))}</text>
</svg>`;
}

/** labelPng: the QR code alone as a PNG, for label printers that take images. */
export function labelPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', margin: 2, scale: 8, errorCorrectionLevel: 'M' });
}
