/**
 * The market-entry certificate (入市追溯凭证) as an A6 print page, in two
 * copies (一式两联): 随货联 goes with the goods to the buyer, 存根联 stays
 * with the seller. Each copy is one A6 page; Chromium ignores `size: A6`, so
 * the page size is written in millimetres.
 */
import { formatTraceCode, type Buyer } from '../../domain/index.js';
import type { LotView } from '../../projections/index.js';
import { amount, escapeHtml, html, maskPhone, raw, type Raw } from './html.js';
import { qrAt, type QrFragment } from './label/index.js';

/** The buyer as the page shows it: read from the vault, erased (已删除), or not available on this node. */
export type BuyerShown =
  | { readonly state: 'recorded'; readonly buyer: Buyer }
  | { readonly state: 'erased' }
  | { readonly state: 'unavailable' };

export interface MarketCertificate {
  readonly lot: LotView;
  /** The QR code of the lot's public page /c/{code}. */
  readonly qr: QrFragment;
  readonly seller: { readonly name: string; readonly region: string };
  readonly buyer: BuyerShown;
}

export const COPIES = [
  { name: '随货联', note: '随货同行，交购货方留存备查' },
  { name: '存根联', note: '开具方留存' },
] as const;

const PRINT_CSS = `
@page { size: 105mm 148mm; margin: 0 }
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font:3.4mm/1.45 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#000;background:#e8ece9}
.copy{width:105mm;height:146mm;overflow:hidden;margin:6mm auto;padding:7mm 8mm;background:#fff;break-after: page;page-break-after:always}
.copy:last-child{break-after:auto;page-break-after:auto}
h1,.title{font-size:5mm;margin:0;text-align:center;letter-spacing:.5mm}
.part{text-align:center;font-size:3.2mm;margin:.5mm 0 3mm}
.part b{border:.3mm solid #000;padding:0 2mm}
.qr{display:flex;gap:4mm;align-items:center;margin-bottom:3mm}
.qr svg{width:30mm;height:30mm;flex:none}
.code{font:600 3.6mm/1.3 "Noto Sans Mono CJK SC",ui-monospace,monospace;letter-spacing:.2mm}
table{width:100%;border-collapse:collapse}
th,td{border:.25mm solid #000;padding:1.2mm 1.6mm;text-align:left;vertical-align:top}
th{width:22mm;font-weight:600;white-space:nowrap}
.note{font-size:2.8mm;margin-top:2.5mm}
.sign{display:flex;justify-content:space-between;margin-top:5mm;font-size:3.2mm}
.hint{text-align:center;font:14px system-ui,sans-serif;color:#444;margin:1rem}
@media print{body{background:#fff}.copy{margin:0}.hint{display:none}}`;

function buyerCell(shown: BuyerShown): Raw {
  if (shown.state === 'erased') return html`<span class="erased">已删除</span>`;
  if (shown.state === 'unavailable') return html`<span>（本节点无个人信息库）</span>`;
  const { name, phone, address } = shown.buyer;
  // The seller's own record, so the phone is shown in full on the stub; the copy with the goods masks it.
  return html`<span class="buyer-name">${name}</span>${phone ? html`<br>电话 ${phone}` : ''}${address ? html`<br>${address}` : ''}`;
}

function maskedBuyerCell(shown: BuyerShown): Raw {
  if (shown.state !== 'recorded') return buyerCell(shown);
  const { name, phone } = shown.buyer;
  return html`<span class="buyer-name">${name}</span>${phone ? html`<br>电话 ${maskPhone(phone)}` : ''}`;
}

function copy(certificate: MarketCertificate, part: (typeof COPIES)[number], buyer: Raw): Raw {
  const { lot, qr, seller } = certificate;
  const source = lot.parents[0];
  const product = lot.product.variety ? `${lot.product.name}（${lot.product.variety}）` : lot.product.name;
  // One <h1> a page: the second copy's title looks the same but is a heading of the second level.
  const title = COPIES.indexOf(part) === 0 ? html`<h1>入市追溯凭证</h1>` : html`<h2 class="title">入市追溯凭证</h2>`;
  return html`<section class="copy" data-copy="${part.name}">
${title}
<p class="part">第${COPIES.indexOf(part) + 1}联 <b>${part.name}</b></p>
<div class="qr">${raw(qrAt(qr, 0, 0, qr.modules))}<div><div>追溯码</div><div class="code">${formatTraceCode(lot.code)}</div><div class="note">扫码查验来源</div></div></div>
<table>
<tr><th>开具方</th><td>${seller.name}<br>${seller.region}</td></tr>
<tr><th>购货方</th><td>${buyer}</td></tr>
<tr><th>品名</th><td>${product}</td></tr>
<tr><th>数量</th><td>${amount(lot.quantity, lot.unit)}</td></tr>
<tr><th>开具日期</th><td>${lot.createdAt.slice(0, 10)}</td></tr>
<tr><th>来源批次</th><td class="code">${source ? formatTraceCode(source.code) : '—'}</td></tr>
<tr><th>合格证</th><td>${lot.certificate ? `附承诺达标合格证（${lot.certificate.issuer}）` : '未附'}</td></tr>
</table>
<p class="note">${part.note}</p>
<div class="sign"><span>开具方（签章）：</span><span>购货方（签字）：</span></div>
</section>`;
}

/** marketCertificatePage renders both copies; only the stub shows the buyer's phone and address in full. */
export function marketCertificatePage(certificate: MarketCertificate): string {
  const [withGoods, stub] = COPIES;
  const body = html`${copy(certificate, withGoods, maskedBuyerCell(certificate.buyer))}${copy(certificate, stub, buyerCell(certificate.buyer))}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>入市追溯凭证 ${escapeHtml(formatTraceCode(certificate.lot.code))}</title><style>${PRINT_CSS}</style></head>
<body><p class="hint">一式两联，每联一页（A6，105 × 148 mm）：打印时选“实际大小”、无边距。</p>
<main>${body.text}</main></body></html>`;
}
