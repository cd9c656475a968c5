/** Server-rendered HTML: escaping, the page frame, and the Chinese names of domain values. */
import type { LinkVia, LotStatus, TraceCodeKind } from '../../domain/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters XML 1.0 does not allow at all (C0 controls but tab, line feed and carriage return; the
 * noncharacters U+FFFE and U+FFFF; lone surrogates), and C1 controls: one in a name would make an SVG
 * (label.svg, graph.svg) ill-formed, so browsers show an error and resvg refuses to draw the PNG.
 */
const NOT_XML = /[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu;
const KEPT_CONTROLS = new Set(['\t', '\n', '\r']);

/** escapeHtml makes any text safe inside element content and quoted attributes, of HTML and of XML (SVG) alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(NOT_XML, (char) => (KEPT_CONTROLS.has(char) ? char : '\uFFFD'))
    .replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** html is a tagged template that escapes every interpolated value except Raw ones. */
export class Raw {
  constructor(readonly text: string) {}
}
export const raw = (text: string): Raw => new Raw(text);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Raw(out);
}

function render(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

const STYLE = `
:root{--ink:#1c2b22;--muted:#5b6b61;--line:#d9e2dc;--brand:#1f7a4d;--warn:#b3261e;--bg:#f6f8f6}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
header{background:var(--brand);color:#fff;padding:.8rem 1rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:46rem;margin:0 auto;padding:1rem}section{background:#fff;border:1px solid var(--line);border-radius:.6rem;padding:1rem;margin:0 0 1rem}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.05rem;margin:0 0 .5rem;color:var(--brand)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0}
.code{font-family:ui-monospace,Menlo,monospace;letter-spacing:.05em}.muted{color:var(--muted);font-size:.9rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;background:#e5f2ea;color:var(--brand);font-size:.85rem}
.alert{border-color:var(--warn);color:var(--warn)}.ok{color:var(--brand)}ul{margin:.2rem 0;padding-left:1.2rem}
input[type=text]{width:100%;font-size:1.2rem;padding:.6rem;border:1px solid var(--line);border-radius:.4rem;font-family:ui-monospace,monospace}
button{margin-top:.6rem;font-size:1rem;padding:.5rem 1.4rem;border:0;border-radius:.4rem;background:var(--brand);color:#fff}
footer{text-align:center;color:var(--muted);font-size:.8rem;padding:1rem}a{color:var(--brand)}
.cards{list-style:none;padding:0;margin:0}.card{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;margin:0 0 .6rem}
.card h3{font-size:1rem;margin:0 0 .3rem}.fail{color:var(--warn);font-weight:600}.pass{color:var(--brand);font-weight:600}
.warn{background:#fdecea;color:var(--warn)}mark{background:#fff3c4;color:inherit;font-weight:700}`;

/** PageFrame: what surrounds every page's body, in one language. */
export interface PageFrame {
  /** The html element's lang (BCP 47). */
  readonly lang: string;
  /** The site's name, after each title. */
  readonly site: string;
  /** The header's link text (to the start page). */
  readonly header: string;
  readonly footer: string;
}

export const ZH_FRAME: PageFrame = {
  lang: 'zh-CN',
  site: '溯源',
  header: '溯源 · 农产品质量安全追溯',
  footer: '来源可查 · 去向可追 · 责任可究 — 每条记录均写入带签名的透明日志',
};

export function page(title: string, body: Raw, frame: PageFrame = ZH_FRAME): string {
  return `<!doctype html>
<html lang="${escapeHtml(frame.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(frame.site)}</title><style>${STYLE}</style></head>
<body><header><a href="/">${escapeHtml(frame.header)}</a></header><main>${body.text}</main>
<footer>${escapeHtml(frame.footer)} · <a href="/docs">API</a></footer></body></html>`;
}

export const CATEGORY_NAMES: Record<string, string> = {
  vegetable: '蔬菜',
  fruit: '水果',
  tea: '茶叶',
  grain: '粮食',
  oilseed: '油料',
  'edible-fungus': '食用菌',
  livestock: '畜产品',
  poultry: '禽类',
  egg: '禽蛋',
  milk: '生鲜乳',
  aquatic: '水产品',
  honey: '蜂产品',
  other: '其他',
};

export const UNIT_NAMES: Record<string, string> = {
  g: '克',
  kg: '千克',
  t: '吨',
  jin: '斤',
  mL: '毫升',
  L: '升',
  head: '头',
  piece: '件',
  box: '箱',
  bag: '袋',
  crate: '筐',
  tray: '盘',
  bundle: '捆',
  dozen: '打',
};

export const STATUS_NAMES: Record<LotStatus, string> = {
  open: '在库',
  'in-transit': '运输中',
  received: '已收货',
  depleted: '已售完',
  merged: '已合并',
  rejected: '已拒收',
  frozen: '已冻结',
};

export const KIND_NAMES: Record<TraceCodeKind, string> = { 1: '生产批次', 2: '流通批次', 3: '入市追溯凭证' };

export const CLAIM_NAMES: Record<string, string> = {
  green: '绿色食品',
  organic: '有机农产品',
  'geographical-indication': '农产品地理标志',
};

export const VIA_NAMES: Record<LinkVia, string> = { shipment: '交易', merge: '合并', process: '加工' };

/** maskPhone shows a phone number as 138****8000: enough to recognise, not to call. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 7 ? '****' : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export const amount = (value: number, unit: string): string => `${value} ${UNIT_NAMES[unit] ?? unit}`;
