/**
 * One label, trace code and certificate together (证码合一): the QR code of
 * the trace page, the certificate of compliance's content (product, quantity,
 * producer and contact, origin, issue date, the commitment and its basis) and
 * the code in groups of four. Laid out on a 60 × 40 grid (millimetres on the
 * thermal printer's label); a larger label scales the same grid up.
 */
import { CERTIFICATE_BASES, formatTraceCode, type Certificate } from '../../../domain/index.js';
import type { LotView } from '../../../projections/index.js';
import { KIND_NAMES, amount, escapeHtml } from '../html.js';
import { qrAt, type QrFragment } from './qr.js';
import { LABEL_SIZES, type LabelSize } from './sizes.js';
import { BASIS_NAMES, COMMITMENT, emWidth, fitLine, wrap } from './text.js';

/** The grid every label is drawn on. */
const GRID = { width: 60, height: 40 } as const;
export const FONT_FAMILY = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";
const CODE_FAMILY = "'Noto Sans Mono CJK SC','DejaVu Sans Mono',monospace";

const FIELD = { x: 24, top: 8.2, step: 3.05, size: 2.1, ems: 16 } as const;
const COMMITMENT_LINE = { x: 2, top: 27.3, step: 1.95, size: 1.5, ems: 36 } as const;
const BASIS_ROW = { x: 2, y: 32.4, size: 1.6, box: 1.5 } as const;

const text = (x: number, y: number, size: number, value: string, extra = ''): string =>
  `<text x="${x}" y="${y}" font-size="${size}"${extra}>${escapeHtml(value)}</text>`;

/** The label's lines beside the QR code: the certificate's content, or the lot's own facts without one. */
function fieldLines(lot: LotView, certificate: Certificate | undefined): [string, string][] {
  if (certificate) {
    return [
      ['品名', certificate.product],
      ['数量', amount(certificate.quantity.amount, certificate.quantity.unit)],
      ['生产者', certificate.issuer],
      ['联系方式', certificate.contact],
      ['产地', certificate.origin],
      ['开具日期', certificate.issuedAt.slice(0, 10)],
    ];
  }
  return [
    ['品名', lot.product.name],
    ['数量', amount(lot.quantity, lot.unit)],
    ['类型', KIND_NAMES[lot.kind] ?? ''],
    ['产地', lot.origin.regionName ?? lot.origin.region],
    ['生产日期', lot.producedAt.slice(0, 10)],
  ];
}

/** The basis row: a box per basis, the recorded one ticked (勾选); none ticked on a certificate without a basis. */
function basisRow(certificate: Certificate): string {
  const { x, y, size, box } = BASIS_ROW;
  const parts = [text(x, y, size, '承诺依据：')];
  let left = x + emWidth('承诺依据：') * size;
  for (const basis of CERTIFICATE_BASES) {
    const checked = certificate.basis === basis;
    const top = y - box * 0.95;
    const tick = checked
      ? `<path d="M${left + 0.3} ${top + box * 0.5}l${box * 0.3} ${box * 0.35}l${box * 0.55} ${-box * 0.7}" fill="none" stroke="#000" stroke-width="0.28"/>`
      : '';
    parts.push(
      `<g class="basis" data-basis="${basis}" data-checked="${checked}"><rect x="${left}" y="${top}" width="${box}" height="${box}" fill="none" stroke="#000" stroke-width="0.18"/>${tick}${text(left + box + 0.4, y, size, BASIS_NAMES[basis])}</g>`,
    );
    left += box + 0.4 + emWidth(BASIS_NAMES[basis]) * size + 1.2;
  }
  return parts.join('');
}

/** labelBody draws a label on the 60 × 40 grid (no outer <svg>): reused for one label and for sheets of copies. */
export function labelBody(lot: LotView, qr: QrFragment): string {
  const { certificate } = lot;
  const title = certificate ? '食用农产品承诺达标合格证' : '农产品质量安全追溯码';
  const parts = [text(GRID.width / 2, 3.9, 2.6, title, ' font-weight="700" text-anchor="middle"'), qrAt(qr, 2, 5.6, 20)];
  fieldLines(lot, certificate).forEach(([name, value], index) => {
    const line = `${name} ${value}`;
    parts.push(text(FIELD.x, FIELD.top + index * FIELD.step, FIELD.size, fitLine(line, FIELD.ems), ` class="field" data-field="${name}"`));
  });
  if (certificate) {
    wrap(COMMITMENT, COMMITMENT_LINE.ems).forEach((line, index) => {
      parts.push(
        text(COMMITMENT_LINE.x, COMMITMENT_LINE.top + index * COMMITMENT_LINE.step, COMMITMENT_LINE.size, line, ' class="commitment"'),
      );
    });
    parts.push(basisRow(certificate));
  } else {
    parts.push(text(12, 28.4, 1.7, '扫码查看来源', ' text-anchor="middle"'));
  }
  parts.push(
    `<line x1="2" y1="34.3" x2="58" y2="34.3" stroke="#000" stroke-width="0.15"/>`,
    text(GRID.width / 2, 38.2, 2.7, formatTraceCode(lot.code), ` text-anchor="middle" font-family="${CODE_FAMILY}" class="code"`),
  );
  return parts.join('\n');
}

/** fitGrid: the transform that draws the 60 × 40 grid as large as `size` allows, centred. */
export function fitGrid(size: LabelSize): string {
  const { width, height } = LABEL_SIZES[size];
  const scale = Math.min(width / GRID.width, height / GRID.height);
  const dx = (width - GRID.width * scale) / 2;
  const dy = (height - GRID.height * scale) / 2;
  return scale === 1 ? '' : `translate(${round(dx)} ${round(dy)}) scale(${round(scale)})`;
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** labelCell: a whole label of `size` at (0, 0), its edge drawn (the cutting line on a sheet, the die-cut edge on a roll). */
export function labelCell(lot: LotView, qr: QrFragment, size: LabelSize): string {
  const { width, height } = LABEL_SIZES[size];
  const transform = fitGrid(size);
  return `<rect width="${width}" height="${height}" fill="#fff" stroke="#000" stroke-width="0.25"/>
<g${transform ? ` transform="${transform}"` : ''}>
${labelBody(lot, qr)}
</g>`;
}

/** labelSvg: one label of `size`, its width and height in millimetres. */
export function labelSvg(lot: LotView, qr: QrFragment, size: LabelSize): string {
  const { width, height } = LABEL_SIZES[size];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">
<g class="label">
${labelCell(lot, qr, size)}
</g>
</svg>`;
}
