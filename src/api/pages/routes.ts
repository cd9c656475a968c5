/** Page routes: the lookup form, trace pages, printable labels, operators' public pages and the problem-type pages. */
import { z } from 'zod';
import { TextCache } from '../../projections/index.js';
import { DEFAULT_TRACE_WINDOW_DAYS } from '../../config.js';
import { OperatorIdSchema, REJECTIONS, normalizeTraceCode, validateTraceCode } from '../../domain/index.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { API_ERRORS, isProblemCode, statusOf, titleOf } from '../errors.js';
import { ProblemError } from '../problem.js';
import { buildBundle } from '../proof/bundle.js';
import { CodeParamsSchema } from '../schemas/common.js';
import type { ZodApp } from '../zodApp.js';
import { verifyBundle, type BundleVerdict } from '../../verify/index.js';
import { errorPage, homePage } from './home.js';
import { html, page } from './html.js';
import { LabelQuerySchema, labelDocument, labelPng } from './label/index.js';
import { ConsumerParamsSchema, ConsumerQuerySchema, gatherFacts, invalidCodePage, langOf } from './consumer/index.js';
import { lotPage } from './lotPage.js';
import { operatorPage } from './operatorPage.js';
import { publicBaseUrl } from './publicUrl.js';
import { publicOperator } from '../read/access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page for people: errors render as HTML unless JSON is asked for. */
    html?: boolean;
  }
}

const HTML = 'text/html; charset=utf-8';
/** Verdicts kept (small objects): per code and log size, so a read-only node's hot codes are checked once. */
const VERDICT_CACHE = 20_000;

export interface PageOptions {
  /** Codes shown as examples on the start page (the demo chain). */
  readonly examples?: () => readonly string[];
  /** Base URL printed in label QR codes, e.g. https://trace.example.cn; default: from the request. */
  readonly publicUrl?: string;
  /** Days of activity that keep an operator under trace management, on its page (default SUYUAN_TRACE_WINDOW_DAYS's, 180). */
  readonly traceWindowDays?: number;
}

export const pageRoutes: RoutePlugin<RateLimited & { readonly pages?: PageOptions | undefined }> = async (
  app: ZodApp,
  { ctx, rateLimit, pages: options = {} },
) => {
  const config = { rateLimit, html: true };
  // Only trace codes are offered as examples: anything else would link to a 400.
  const examples = (): string[] => (options.examples?.() ?? []).filter((code) => validateTraceCode(code).length === 0);
  const hide = { hide: true };
  const verdicts = new Map<string, BundleVerdict>();
  const unknown = (code: string) => new ProblemError('UnknownLot', `未找到追溯码 ${code} 对应的批次`, { field: 'code' });

  const verdictOf = async (code: string): Promise<BundleVerdict> => {
    const head = ctx.head();
    const key = `${code}@${head.size}`;
    const cached = verdicts.get(key);
    if (cached) return cached;
    const sources = { read: ctx.read, store: ctx.store, head, inclusionProof: (i: number, s: number) => ctx.log.inclusionProof(i, s) };
    const bundle = await buildBundle(sources, code, true, { maxLots: 500, maxEvents: 5000 });
    const verdict = bundle
      ? verifyBundle(bundle, ctx.log.vkey)
      : { ok: false as const, reason: 'not-a-bundle' as const, detail: 'no bundle' };
    if (verdicts.size >= VERDICT_CACHE) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(key, verdict);
    return verdict;
  };

  app.get('/', { config, schema: hide }, async (_request, reply) => reply.type(HTML).send(homePage(examples())));

  app.get(
    '/c',
    { config, schema: { ...hide, querystring: z.object({ code: z.string().max(100).default('') }) } },
    async (request, reply) => {
      const typed = request.query.code;
      const reasons = validateTraceCode(typed);
      if (reasons.length > 0) {
        return reply
          .code(400)
          .type(HTML)
          .send(homePage(examples(), `追溯码有误：${reasons.join('；')}`, typed));
      }
      return reply.redirect(`/c/${normalizeTraceCode(typed)}`, 303);
    },
  );

  const consumerSchema = { ...hide, params: ConsumerParamsSchema, querystring: ConsumerQuerySchema };
  // Consumer pages kept ready for hot codes (a label is scanned by many). The key holds the log position and
  // the signed size, so any new event (an erasure's personal.erased too) or checkpoint renders afresh; and the
  // code without its spaces and hyphens (the read model finds a lot by that too), so that spellings of one code
  // share an entry rather than push the hot codes out. Only the public page is kept: it never depends on the caller.
  const pages = new TextCache<string>({ entries: 20_000, bytes: 128 * 1024 * 1024 });
  app.get('/c/:code', { config, schema: consumerSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang);
    const key = `${normalizeTraceCode(request.params.code)}|${lang}|${ctx.read.position}|${ctx.head().size}`;
    const ready = pages.get(key);
    if (ready !== undefined) return reply.type(HTML).send(ready);
    const lot = ctx.read.lot(request.params.code, 'public');
    if (!lot) {
      const exists = (candidate: string) => ctx.read.accessFacts(candidate) !== undefined;
      const invalid = invalidCodePage(request.params.code, lang, exists, /json/.test(request.headers.accept ?? ''));
      if (invalid) return reply.code(invalid.status).type(HTML).send(invalid.html);
      throw unknown(normalizeTraceCode(request.params.code));
    }
    const { code } = lot;
    const lineage = ctx.read.lineage(code, 'backward', { maxDepth: 64, maxNodes: 200 });
    if (!lineage) throw unknown(code);
    // A market-entry certificate's buyer is never shown here; the page says whether the data still exists.
    const buyer = ctx.read.lot(code, 'full')?.buyer;
    const buyerState = buyer === undefined ? undefined : (await ctx.vault?.readPersonal(buyer.ref))?.erased ? 'erased' : 'withheld';
    const facts = gatherFacts(ctx.read, lot, lineage);
    const text = lotPage(lot, facts, await verdictOf(code), { lang, buyer: buyerState });
    pages.set(key, text);
    return reply.type(HTML).send(text);
  });

  const baseUrl = (request: { protocol: string; host: string }): string => publicBaseUrl(options.publicUrl, request);

  // The label (证码合一): ?size=60x40 (default) or 100x70; ?copies=N (1–100) lays N of them out on A4 sheets.
  // Public data only: the certificate's contact is the business phone printed on the goods, never a buyer.
  const labelSchema = { ...hide, params: CodeParamsSchema, querystring: LabelQuerySchema };
  app.get('/c/:code/label.svg', { config, schema: labelSchema }, async (request, reply) => {
    const lot = ctx.read.lot(request.params.code, 'public');
    if (!lot) throw unknown(request.params.code);
    const svg = await labelDocument(lot, `${baseUrl(request)}/c/${lot.code}`, request.query);
    return reply.type('image/svg+xml; charset=utf-8').send(svg);
  });

  app.get('/c/:code/label.png', { config, schema: labelSchema }, async (request, reply) => {
    const lot = ctx.read.lot(request.params.code, 'public');
    if (!lot) throw unknown(request.params.code);
    return reply.type('image/png').send(await labelPng(lot, `${baseUrl(request)}/c/${lot.code}`, request.query));
  });

  app.get('/o/:id', { config, schema: { ...hide, params: z.object({ id: OperatorIdSchema }) } }, async (request, reply) => {
    const operator = ctx.read.operator(request.params.id);
    if (!operator) throw new ProblemError('UnknownOperator', `未找到经营主体 ${request.params.id}`, { field: 'id' });
    const trace = ctx.read.regulation.traceStatus(
      operator.id,
      { windowDays: options.traceWindowDays ?? DEFAULT_TRACE_WINDOW_DAYS },
      new Date(),
    );
    return reply.type(HTML).send(operatorPage(publicOperator(operator), trace));
  });

  app.get(
    '/problems/:code',
    { config: { html: true }, schema: { ...hide, params: z.object({ code: z.string().max(64) }) } },
    async (request, reply) => {
      const { code } = request.params;
      if (!isProblemCode(code)) throw new ProblemError('NotFound', `no problem type ${code}`);
      const kind = Object.hasOwn(API_ERRORS, code) ? 'HTTP' : REJECTIONS[code as keyof typeof REJECTIONS].kind;
      return reply
        .type(HTML)
        .send(
          page(code, html`<section><h1>${code}</h1><p>${titleOf(code)}</p><p class="muted">HTTP ${statusOf(code)} · ${kind}</p></section>`),
        );
    },
  );
};

/** htmlError renders a problem as a page, for page routes asked for by a browser. */
export function htmlError(error: ProblemError): string {
  const titles: Record<number, string> = { 400: '请求有误', 404: '未找到', 429: '请求过于频繁' };
  return errorPage(error.statusCode, titles[error.statusCode] ?? '出错了', error.message);
}
