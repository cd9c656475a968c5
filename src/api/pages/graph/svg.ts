/**
 * The lineage picture as SVG: a node per lot (a link to its page, carrying
 * `data-code`), coloured by status, and an edge per hand-off, merge or
 * processing step labelled with its quantity.
 */
import { formatTraceCode, type LotStatus } from '../../../domain/index.js';
import type { LineageEdge } from '../../../projections/index.js';
import { VIA_NAMES, amount, escapeHtml } from '../html.js';
import { NODE_HEIGHT, NODE_WIDTH, type LaidGraph } from './layout.js';

/** Fill and stroke by status: moving (green), on its way (amber), frozen (red), gone (grey); each stroke is text-contrast (≥ 4.5:1) on its fill. */
export const COLOURS: Record<LotStatus, { fill: string; stroke: string }> = {
  open: { fill: '#e5f2ea', stroke: '#1f7a4d' },
  received: { fill: '#e5f2ea', stroke: '#1f7a4d' },
  'in-transit': { fill: '#fff4d6', stroke: '#7a4d00' },
  frozen: { fill: '#fde8e6', stroke: '#b3261e' },
  depleted: { fill: '#eef0ef', stroke: '#4a5650' },
  merged: { fill: '#eef0ef', stroke: '#4a5650' },
  rejected: { fill: '#eef0ef', stroke: '#4a5650' },
};

export interface SvgText {
  readonly title: string;
  readonly status: Record<LotStatus, string>;
}

const clip = (text: string, max: number): string => {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
};

export function lineageSvg(graph: LaidGraph, root: string, text: SvgText): string {
  const width = Math.max(graph.width, NODE_WIDTH + 32);
  const height = Math.max(graph.height, NODE_HEIGHT + 32);
  const edges = graph.edges.map(({ points, label }) => {
    if (points.length < 2) return '';
    const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
    const caption = label
      ? `<text class="q" x="${label.x.toFixed(1)}" y="${label.y.toFixed(1)}" text-anchor="middle">${escapeHtml(label.text)}</text>`
      : '';
    return `<path d="${path}" fill="none" stroke="#8a9a90" stroke-width="1.5" marker-end="url(#arrow)"/>${caption}`;
  });
  const nodes = graph.nodes.map(({ node, x, y }) => {
    const colour = COLOURS[node.status];
    const isRoot = node.code === root;
    return (
      `<a href="/c/${node.code}"><g data-code="${node.code}" data-status="${node.status}" transform="translate(${x.toFixed(1)},${y.toFixed(1)})">` +
      `<title>${escapeHtml(`${node.product} · ${formatTraceCode(node.code)} · ${text.status[node.status]}`)}</title>` +
      `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${colour.fill}" stroke="${colour.stroke}" stroke-width="${isRoot ? 3 : 1.5}"/>` +
      `<text x="10" y="22" class="p">${escapeHtml(clip(node.product, 12))}</text>` +
      `<text x="10" y="40" class="c">${escapeHtml(formatTraceCode(node.code))}</text>` +
      `<text x="10" y="56" class="s" fill="${colour.stroke}">${escapeHtml(text.status[node.status])}</text></g></a>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeHtml(text.title)}">` +
    `<title>${escapeHtml(text.title)}</title>` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a9a90"/></marker></defs>' +
    '<style>text{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}.p{font-size:14px;font-weight:600;fill:#1c2b22}.c{font-size:11px;font-family:ui-monospace,monospace;fill:#1c2b22}.s{font-size:11px}.q{font-size:11px;fill:#44544a}</style>' +
    `${edges.join('')}${nodes.join('')}</svg>`
  );
}

/** The label of an edge: how the child was made and the quantity that went along it, in the parent's unit. */
export function quantityLabel(edge: LineageEdge): string {
  return `${VIA_NAMES[edge.via]} ${amount(edge.quantity, edge.unit)}`;
}
