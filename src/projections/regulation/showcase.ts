/**
 * The showcase (在线展示, 产销对接): operators under trace management — the
 * trace hook's rule: approved, with lots recorded in the window — with their
 * valid certifications (green, organic, GI) and newest traced lots, so that
 * supermarkets and e-commerce buyers find traced suppliers. Public business
 * facts only. Paged by the directory's (region, id) order; a page scans the
 * approved operators of the region until it has `limit` of them, so a page
 * costs O(operators scanned), never a sort of all of them. A page scans at
 * most SCAN_LIMIT operators: a rare filter over a large region answers the
 * matches found so far with a `next` cursor to go on from, instead of
 * walking 100,000 operators for one public request.
 */
import { z } from 'zod';
import {
  CERTIFICATION_TYPES,
  OPERATOR_KINDS,
  PRODUCT_CATEGORIES,
  isValidAt,
  regionName,
  type OperatorState,
  type ProductCategory,
} from '../../domain/index.js';
import type { OperatorProjection } from '../operators/operatorProjection.js';
import { InvalidQueryError } from '../queryError.js';
import type { RegulationProjection } from './regulationProjection.js';

export const ShowcaseEntrySchema = z.object({
  operatorId: z.string(),
  name: z.string(),
  kind: z.enum(OPERATOR_KINDS),
  region: z.string(),
  regionName: z.string().nullable(),
  certifications: z.array(
    z.object({ type: z.enum(CERTIFICATION_TYPES), number: z.string(), product: z.string(), validTo: z.string(), confirmed: z.boolean() }),
  ),
  recentLots: z.array(z.object({ code: z.string(), product: z.string(), category: z.enum(PRODUCT_CATEGORIES) })),
  lotsInWindow: z.int(),
});
export const ShowcasePageSchema = z
  .object({ operators: z.array(ShowcaseEntrySchema), next: z.string().optional() })
  .meta({ id: 'Showcase' });
export type ShowcaseEntry = z.infer<typeof ShowcaseEntrySchema>;
export type ShowcasePage = z.infer<typeof ShowcasePageSchema>;

export interface ShowcaseQuery {
  /** Region prefix ('' everywhere). */
  readonly region?: string;
  readonly category?: ProductCategory;
  readonly certification?: (typeof CERTIFICATION_TYPES)[number];
  /** Default 20, at most 100. */
  readonly limit?: number;
  /** The `next` of the previous page. */
  readonly after?: string;
  readonly windowDays: number;
}

/** Approved operators read from the directory per step. */
const STEP = 500;
/** Most operators one page looks at (about 5 ms). */
export const SCAN_LIMIT = 5_000;

export class ShowcaseQueries {
  constructor(
    private readonly regulation: RegulationProjection,
    private readonly operators: OperatorProjection,
  ) {}

  page(query: ShowcaseQuery, now: Date): ShowcasePage {
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 20)), 100);
    const nowMs = now.getTime();
    const found: ShowcaseEntry[] = [];
    let after = query.after;
    let scanned = 0;
    for (;;) {
      let page: ReturnType<OperatorProjection['directoryPage']>;
      try {
        page = this.operators.directoryPage({
          regionPrefix: query.region ?? '',
          status: 'approved',
          limit: STEP,
          ...(after === undefined ? {} : { after }),
        });
      } catch (error) {
        throw new InvalidQueryError((error as Error).message);
      }
      for (const operator of page.operators) {
        const entry = this.entry(operator, query, nowMs);
        after = `${operator.region}:${operator.id}`;
        scanned++;
        if (entry) found.push(entry);
        if (found.length === limit) return { operators: found, next: after };
      }
      if (page.next === undefined) return { operators: found };
      after = page.next;
      if (scanned >= SCAN_LIMIT) return { operators: found, next: after };
    }
  }

  /** entry: the operator as the showcase lists it, or undefined when it is not under trace or fails a filter. */
  private entry(operator: OperatorState, query: ShowcaseQuery, nowMs: number): ShowcaseEntry | undefined {
    const trace = this.regulation.trace;
    const { lots } = trace.window(operator.id, query.windowDays, nowMs);
    if (operator.status !== 'approved' || lots === 0) return undefined;
    if (query.category !== undefined && !trace.tracesCategory(operator.id, query.category)) return undefined;
    const certifications = operator.certifications
      .filter((held) => isValidAt(held, nowMs))
      .map(({ type, number, product, validTo, confirmed }) => ({ type, number, product, validTo, confirmed }));
    if (query.certification !== undefined && !certifications.some(({ type }) => type === query.certification)) return undefined;
    return {
      operatorId: operator.id,
      name: operator.name,
      kind: operator.kind,
      region: operator.region,
      regionName: regionName(operator.region) ?? null,
      certifications,
      recentLots: [...trace.recentLots(operator.id)].reverse().map((lot) => ({ ...lot })),
      lotsInWindow: lots,
    };
  }
}
