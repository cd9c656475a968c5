/**
 * The operator's electronic identity (电子身份标识): a printable card whose QR
 * code opens the public page /o/{id}. Regulators scan it to start an
 * inspection, a sample or a case; the API takes the scanned URL as the id.
 */
import QRCode from 'qrcode';
import type { OperatorView } from '../../projections/index.js';
import { escapeHtml } from './html.js';
import { OPERATOR_STATUS_NAMES } from './operatorPage.js';

/** operatorUrl: what the card's QR code holds, the operator's public page. */
export const operatorUrl = (baseUrl: string, operatorId: string): string => `${baseUrl}/o/${encodeURIComponent(operatorId)}`;

/** escapeXml: escapeHtml's entities are XML's too, and it replaces the characters XML 1.0 forbids. */
export const escapeXml = escapeHtml;

/**
 * lines cuts a name into at most `count` lines of `width` characters (code
 * points, so that an emoji is never split into a lone surrogate, which no
 * XML document may hold), the last one ending in … when cut.
 */
function lines(text: string, width: number, count: number): string[] {
  const chars = [...text];
  const out: string[][] = [];
  for (let i = 0; i < count && i * width < chars.length; i++) out.push(chars.slice(i * width, (i + 1) * width));
  if (chars.length > width * count) out[count - 1] = [...out[count - 1]!.slice(0, -1), '…'];
  return out.map((line) => line.join(''));
}

/**
 * identityCardSvg: an 85.6 × 54 mm card (ID-1): the QR code, the name, region,
 * id and status, in zh-CN. The URL is also in <desc> and data-url, so that a
 * reader (or a test) finds the payload without decoding the QR.
 */
export async function identityCardSvg(operator: OperatorView, url: string): Promise<string> {
  const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const inner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const modules = /viewBox="0 0 (\d+) (\d+)"/.exec(qr)?.[1] ?? '25';
  const text = (y: number, size: number, value: string, weight = 400) =>
    `<text x="44" y="${y}" font-size="${size}" font-weight="${weight}">${escapeXml(value)}</text>`;
  const name = lines(operator.name, 11, 2);
  const region = operator.regionName ?? operator.region;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xml:lang="zh-CN" width="85.6mm" height="54mm" viewBox="0 0 85.6 54" data-url="${escapeXml(url)}" data-operator="${escapeXml(operator.id)}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">
<title>${escapeXml(`经营主体电子身份标识 · ${operator.name}`)}</title>
<desc>${escapeXml(url)}</desc>
<rect width="85.6" height="54" rx="3" fill="#fff" stroke="#1f7a4d" stroke-width="0.4"/>
<rect width="85.6" height="8" rx="3" fill="#1f7a4d"/>
<text x="42.8" y="5.6" font-size="3.4" font-weight="700" fill="#fff" text-anchor="middle">农产品生产经营主体电子身份标识</text>
<svg x="4" y="11" width="37" height="37" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">${inner}</svg>
${name.map((line, index) => text(15 + index * 4.6, 3.6, line, 700)).join('\n')}
${text(26.5, 2.6, `地区：${lines(region, 14, 1)[0] ?? ''}`)}
${text(31, 2.6, `状态：${OPERATOR_STATUS_NAMES[operator.status]}`)}
${text(35.5, 2.2, '编号：')}
<text x="44" y="39.5" font-size="2.3" font-family="monospace">${escapeXml(operator.id)}</text>
<text x="42.8" y="51.5" font-size="2.3" fill="#5b6b61" text-anchor="middle">扫码查看主体信息与追溯状态 · 溯源</text>
</svg>
`;
}

/**
 * identityCardPng: the QR code alone, with its quiet zone, as a PNG for
 * printers that take images. The text stays in the SVG card: drawing CJK
 * text into a bitmap needs a rasteriser and a Chinese font on the server,
 * which this service does not carry.
 */
export function identityCardPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', margin: 4, scale: 8, errorCorrectionLevel: 'M' });
}
