/**
 * The lineage picture (全程追溯图): `/c/{code}/graph.svg` and the page around
 * it, `/c/{code}/graph`. The public sees the lot's provenance (upstream);
 * a regulator or auditor whose key gives full access to the lot sees both
 * directions. Layouts are kept for the log position they were drawn at.
 */
import { z } from 'zod';
import { TextCache, type LineageEdge, type LineageNode, type LineageView } from '../../../projections/index.js';
import type { Principal } from '../../auth/principal.js';
import type { RateLimited, RoutePlugin } from '../../context.js';
import { ProblemError } from '../../problem.js';
import { REGULATORS, lotAccess } from '../../read/access.js';
import { CodeParamsSchema } from '../../schemas/common.js';
import type { ZodApp } from '../../zodApp.js';
import { STATUS_NAMES, html, page, raw } from '../html.js';
import { layoutLineage } from './layout.js';
import { COLOURS, lineageSvg, quantityLabel } from './svg.js';

/** Most lots drawn in each direction: elk's layered layout grows faster than linearly. */
const MAX_NODES = 300;
/** Pictures kept ready (a label's code is scanned by many): entries and bytes; a layout costs about 2 ms. */
const CACHE = { entries: 4096, bytes: 64 * 1024 * 1024 };
const SVG = 'image/svg+xml; charset=utf-8';
/**
 * The picture depends on who asks: the destinations are for a regulator's or auditor's eyes only, so no
 * shared cache (a CDN, a proxy) may keep that variant, nor hand the public one to whoever sends a key.
 */
const cacheHeaders = (both: boolean): Record<string, string> =>
  both ? { vary: 'Authorization', 'cache-control': 'private, no-store' } : { vary: 'Authorization' };

const DirectionQuery = z.object({
  direction: z
    .enum(['backward', 'both'])
    .optional()
    .describe('both (a regulator or auditor with access only): provenance and destinations'),
});

export const graphRoutes: RoutePlugin<RateLimited> = async (app: ZodApp, { ctx, rateLimit }) => {
  const config = { rateLimit, html: true };
  const hide = { hide: true };
  const drawn = new TextCache<string>(CACHE);
  const facts = new Map<string, { lots: number; truncated: boolean }>();

  /** Both directions for a regulator or auditor with full access to the lot, upstream for everyone else. */
  const mayTraceForward = (principal: Principal | null, code: string): boolean => {
    if (!principal || !(principal.role === 'auditor' || REGULATORS.has(principal.role))) return false;
    const facts = ctx.read.accessFacts(code);
    return facts !== undefined && lotAccess(principal, facts, (id) => ctx.read.operatorRegion(id)) === 'full';
  };

  const draw = async (code: string, both: boolean) => {
    const key = `${code}|${both}|${ctx.read.position}`;
    const kept = drawn.get(key);
    const known = facts.get(key);
    if (kept !== undefined && known) return { svg: kept, ...known };
    const backward = ctx.read.lineage(code, 'backward', { maxDepth: 1000, maxNodes: MAX_NODES });
    if (!backward) throw new ProblemError('UnknownLot', `未找到追溯码 ${code} 对应的批次`, { field: 'code' });
    const forward = both ? ctx.read.lineage(code, 'forward', { maxDepth: 1000, maxNodes: MAX_NODES }) : undefined;
    const { nodes, edges } = union(backward, forward);
    const laid = await layoutLineage(nodes, edges, quantityLabel);
    const title = `${both ? '全程追溯图（来源与去向）' : '来源追溯图'} · ${code}`;
    const picture = {
      svg: lineageSvg(laid, code, { title, status: STATUS_NAMES }),
      lots: nodes.length,
      truncated: backward.truncated || !!forward?.truncated,
    };
    if (drawn.set(key, picture.svg)) {
      if (facts.size >= CACHE.entries) facts.delete(facts.keys().next().value!);
      facts.set(key, { lots: picture.lots, truncated: picture.truncated });
    }
    return picture;
  };

  app.get(
    '/c/:code/graph.svg',
    { config, schema: { ...hide, params: CodeParamsSchema, querystring: DirectionQuery } },
    async (request, reply) => {
      const { code } = request.params;
      const both = request.query.direction !== 'backward' && mayTraceForward(request.principal, code);
      return reply
        .headers(cacheHeaders(both))
        .type(SVG)
        .send((await draw(code, both)).svg);
    },
  );

  app.get(
    '/c/:code/graph',
    { config, schema: { ...hide, params: CodeParamsSchema, querystring: DirectionQuery } },
    async (request, reply) => {
      const { code } = request.params;
      const both = request.query.direction !== 'backward' && mayTraceForward(request.principal, code);
      const picture = await draw(code, both);
      const legend = (['open', 'in-transit', 'frozen', 'depleted'] as const).map(
        (status) =>
          html`<span class="badge" style="background:${COLOURS[status].fill};color:${COLOURS[status].stroke}">${STATUS_NAMES[status]}</span> `,
      );
      const body = html`<section>
      <h1>${both ? '全程追溯图' : '来源追溯图'}</h1>
      <p class="muted">追溯码 <a class="code" href="/c/${code}">${code}</a> · ${picture.lots} 个批次${picture.truncated ? '（批次过多，仅显示一部分）' : ''} · 点击批次查看详情</p>
      <p>${legend}</p>
      <div style="overflow-x:auto">${raw(picture.svg)}</div>
    </section>`;
      return reply.headers(cacheHeaders(both)).type('text/html; charset=utf-8').send(page('追溯图', body));
    },
  );
};

/** union: the lots and edges of both walks, each once (the root is in both). */
function union(backward: LineageView, forward: LineageView | undefined): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  for (const view of forward ? [backward, forward] : [backward]) {
    for (const node of view.nodes) if (!nodes.has(node.code)) nodes.set(node.code, node);
    for (const edge of view.edges) edges.set(`${edge.parent}>${edge.child}>${edge.via}`, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
