/** GET /showcase: the server-rendered showcase (在线展示), public and rate-limited. */
import { z } from 'zod';
import { CERTIFICATION_TYPES, PRODUCT_CATEGORIES, RegionPrefixCodeSchema } from '../../../domain/index.js';
import { TextCache } from '../../../projections/index.js';
import type { RateLimited, RoutePlugin } from '../../context.js';
import type { ZodApp } from '../../zodApp.js';
import { showcasePage } from './page.js';

const ShowcaseQuery = z.object({
  region: z.union([z.literal(''), RegionPrefixCodeSchema]).optional(),
  category: z.union([z.literal(''), z.enum(PRODUCT_CATEGORIES)]).optional(),
  certification: z.union([z.literal(''), z.enum(CERTIFICATION_TYPES)]).optional(),
  after: z.string().max(120).optional(),
});

export const showcaseRoutes: RoutePlugin<RateLimited & { readonly traceWindowDays: number }> = async (
  app: ZodApp,
  { ctx, rateLimit, traceWindowDays },
) => {
  // Pages kept ready per query, log position and minute (the trace window moves with the clock): the first
  // pages of the usual filters are what buyers open.
  const pages = new TextCache<string>({ entries: 2_000, bytes: 32 * 1024 * 1024 });
  app.get(
    '/showcase',
    { config: { rateLimit, html: true }, schema: { hide: true, querystring: ShowcaseQuery } },
    async (request, reply) => {
      const { region, category, certification, after } = request.query;
      const minute = Math.floor(Date.now() / 60_000);
      const key = `${region ?? ''}|${category ?? ''}|${certification ?? ''}|${after ?? ''}|${ctx.read.position}|${minute}`;
      const ready = pages.get(key);
      if (ready !== undefined) return reply.type('text/html; charset=utf-8').send(ready);
      const result = ctx.read.showcase.page(
        {
          windowDays: traceWindowDays,
          ...(region ? { region } : {}),
          ...(category ? { category } : {}),
          ...(certification ? { certification } : {}),
          ...(after ? { after } : {}),
        },
        new Date(),
      );
      const filters = { ...(region ? { region } : {}), ...(category ? { category } : {}), ...(certification ? { certification } : {}) };
      const text = showcasePage(result, filters, traceWindowDays);
      pages.set(key, text);
      return reply.type('text/html; charset=utf-8').send(text);
    },
  );
};
