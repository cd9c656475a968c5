/**
 * ReadModel is the query face of the projections, what the HTTP API calls.
 * Every method answers from memory, synchronously, as of `position` (the
 * events applied so far). Codes may be given formatted ("1440 1131 …" or
 * with hyphens); unknown or malformed codes and ids answer undefined.
 */
import { isValidAt, normalizeTraceCode, regionName, type OperatorState, type Product } from '../domain/index.js';
import { InvalidQueryError } from './queryError.js';
import { accessFactsOf, type LotAccessFacts } from './accessFacts.js';
import { LineageWalker, type Direction, type LineageLimits } from './lots/lineage.js';
import type { LotProjection } from './lots/lotProjection.js';
import type { DirectoryQuery, OperatorProjection } from './operators/operatorProjection.js';
import { type CacheSize, ReadCache, lineageKey } from './readCache.js';
import { Renderer } from './render.js';
import type { ProjectionRunner, ProjectionStatus } from './runner/runner.js';
import { RegulationQueries } from './regulation/queries.js';
import { RegulationProjection } from './regulation/regulationProjection.js';
import { ShowcaseQueries } from './regulation/showcase.js';
import type { Audience, HoldingLot, HoldingsView, LineageView, LotView, OperatorPage, OperatorView, StepLot } from './views.js';

export interface ReadModelOptions {
  /** Lots whose JSON text is kept ready, per audience. Default 50,000 (about 1 KB each). */
  readonly jsonCacheSize?: number;
  /** Lineages whose JSON text is kept ready (lineageJson). Default 20,000. */
  readonly traceCacheSize?: number;
  /** Bytes of lineage JSON kept ready, at most. Default 128 MiB; one lineage over a quarter of it is never kept. */
  readonly traceCacheBytes?: number;
  /** Bytes of lot-view JSON kept ready per audience, at most. Default 64 MiB. */
  readonly jsonCacheBytes?: number;
  /** Most parents and children a LotView lists (see parentCount, childCount). Default 1,000. */
  readonly linkLimit?: number;
  /** The regulators' projection (issue 12); a fresh empty one when absent (tests and benchmarks that build a ReadModel by hand). */
  readonly regulation?: RegulationProjection;
}

export interface LineageOptions {
  /** Default 64. */
  readonly maxDepth?: number;
  /** Lots to include, the root counted. Default 10,000; at most 1,000,000. */
  readonly maxNodes?: number;
}

export interface HoldingsOptions {
  /** Lots per page, held and in transit together. Default 1,000; at most 10,000. */
  readonly limit?: number;
  /** The `next` of the previous page. */
  readonly after?: string;
}

export { InvalidQueryError };

export class ReadModel {
  private readonly render: Renderer;
  private readonly walker: LineageWalker;
  private readonly cache: ReadCache;
  private readonly unsubscribe: (() => void)[];
  /** The regulators' questions: records, risk findings, the trace hook and the reports (issue 12). */
  readonly regulation: RegulationQueries;
  /** The showcase (在线展示): operators under trace management, with certified products and newest lots. */
  readonly showcase: ShowcaseQueries;

  /**
   * Every answer is read from `lotProjection` and `operatorProjection`.
   * Snapshot tests and benchmarks look at them directly; the HTTP API only
   * asks the methods below (test/api/readModelBoundary.unit.test.ts checks).
   */
  constructor(
    readonly lotProjection: LotProjection,
    readonly operatorProjection: OperatorProjection,
    private readonly runner?: ProjectionRunner,
    options: ReadModelOptions = {},
  ) {
    this.render = new Renderer(lotProjection, operatorProjection, options.linkLimit ?? 1000);
    this.walker = new LineageWalker(lotProjection);
    const regulation = options.regulation ?? new RegulationProjection();
    this.regulation = new RegulationQueries(regulation);
    this.showcase = new ShowcaseQueries(regulation, operatorProjection);
    this.cache = new ReadCache({
      lotViews: options.jsonCacheSize ?? 50_000,
      lineages: options.traceCacheSize ?? 20_000,
      ...(options.traceCacheBytes === undefined ? {} : { lineageBytes: options.traceCacheBytes }),
      ...(options.jsonCacheBytes === undefined ? {} : { lotViewBytes: options.jsonCacheBytes }),
    });
    // The cache's one invalidation path: the projections' change notices (-1: every lot renumbered).
    this.unsubscribe = [
      lotProjection.onChange((id) => (id < 0 ? this.cache.clear() : this.cache.lotChanged(id))),
      operatorProjection.onChange(() => this.cache.operatorsChanged()),
    ];
  }

  /** dispose stops listening to the projections (for a read model dropped while they live on). */
  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.cache.clear();
  }

  /** Events applied: every answer reflects the log up to here. */
  get position(): number {
    return this.runner?.position ?? Math.min(this.lotProjection.position, this.operatorProjection.position);
  }

  /** Events behind the newest log size known to the runner (0 without a runner). */
  get lag(): number {
    return this.runner?.lag ?? 0;
  }

  /** What the read cache holds (entries and bytes), for tests and metrics. */
  get cacheSize(): CacheSize {
    return this.cache.size;
  }

  /** Position and lag of each projection. */
  status(): ProjectionStatus[] {
    return (
      this.runner?.status() ?? [this.lotProjection, this.operatorProjection].map((p) => ({ name: p.name, position: p.position, lag: 0 }))
    );
  }

  /** Number of lots. */
  get lotCount(): number {
    return this.lotProjection.size;
  }

  /** lot: the lot as a scan shows it (full view: holders, buyers and children included). */
  lot(code: string, audience: Audience = 'full'): LotView | undefined {
    const found = this.find(code);
    return found && this.render.lot(found.id, found.code, audience);
  }

  /** lotProduct: a lot's product (name, category, variety, GTIN), cheaply; undefined for an unknown code. */
  lotProduct(code: string): Product | undefined {
    const found = this.find(code);
    return found && this.lotProjection.table.productOf(found.id);
  }

  /**
   * lotJson: JSON.stringify(lot(code, audience)), kept ready for hot codes
   * (GET /v1/codes/{code}: reply with this text as is).
   */
  lotJson(code: string, audience: Audience = 'full'): string | undefined {
    const found = this.find(code);
    if (!found) return undefined;
    let json = this.cache.lotJson(audience, found.id);
    if (json === undefined) {
      json = JSON.stringify(this.render.lot(found.id, found.code, audience));
      this.cache.keepLotJson(audience, found.id, json);
    }
    return json;
  }

  /** accessFacts: what an access decision needs about a lot, without rendering its view. */
  accessFacts(code: string): LotAccessFacts | undefined {
    const found = this.find(code);
    return found && accessFactsOf(this.lotProjection, found.id, found.code);
  }

  /** operatorRegion: the region an operator is registered in. */
  operatorRegion(operatorId: string): string | undefined {
    return this.operatorProjection.get(operatorId)?.region;
  }

  /** operator: an operator with its certifications' validity at `at` (default now). */
  operator(operatorId: string, at: Date = new Date()): OperatorView | undefined {
    const state = this.operatorProjection.get(operatorId);
    return state && operatorView(state, at.getTime());
  }

  /** operators: the directory (监管主体目录), by (region, id), filtered by region prefix and status. */
  operators(query: DirectoryQuery = {}, at: Date = new Date()): OperatorPage {
    let page: ReturnType<OperatorProjection['directoryPage']>;
    try {
      page = this.operatorProjection.directoryPage(query);
    } catch (error) {
      throw new InvalidQueryError((error as Error).message);
    }
    const now = at.getTime();
    const operators = page.operators.map((state) => operatorView(state, now));
    return page.next === undefined ? { operators } : { operators, next: page.next };
  }

  /** holdings: the live lots an operator holds, and those on their way to it; undefined for an unknown operator. */
  holdings(operatorId: string, options: HoldingsOptions = {}): HoldingsView | undefined {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 1000)), 10_000);
    let after = -1;
    if (options.after !== undefined) {
      after = this.lotProjection.index.idOf(options.after);
      if (after < 0) throw new InvalidQueryError(`not a holdings cursor: ${JSON.stringify(options.after)}`);
    }
    const owner = this.lotProjection.table.operators.idOf(operatorId);
    if (owner < 0) return this.operatorProjection.get(operatorId) ? { operatorId, held: [], inTransit: [] } : undefined;
    const ids = this.lotProjection.holdings.list(owner, limit + 1, after);
    const more = ids.length > limit;
    if (more) ids.pop();
    const held: HoldingLot[] = [];
    const inTransit: HoldingLot[] = [];
    for (const id of ids) {
      (this.lotProjection.table.baseStatus(id) === 'in-transit' ? inTransit : held).push(this.render.holding(id));
    }
    const last = ids.at(-1);
    return more && last !== undefined
      ? { operatorId, held, inTransit, next: this.lotProjection.index.codeOf(last) }
      : { operatorId, held, inTransit };
  }

  /** oneStepBack (向前一步): the lots this one was made from, oldest link first. */
  oneStepBack(code: string): StepLot[] | undefined {
    const found = this.find(code);
    return found && this.lotProjection.graph.edgesIn(found.id).map((edge) => this.render.step(edge, true));
  }

  /** oneStepForward (向后一步): the lots made from this one, oldest link first. */
  oneStepForward(code: string): StepLot[] | undefined {
    const found = this.find(code);
    return found && this.lotProjection.graph.edgesOut(found.id).map((edge) => this.render.step(edge, false));
  }

  /**
   * lineage (全程追溯): every lot reachable backward (towards the farms) or
   * forward (towards the shops), breadth first, each lot once at its
   * smallest depth; `truncated` says a limit cut it short.
   */
  lineage(code: string, direction: Direction, options: LineageOptions = {}): LineageView | undefined {
    const found = this.find(code);
    if (!found) return undefined;
    const walk = this.walker.walk(found.id, direction, lineageLimits(options));
    return this.render.lineage(found.code, direction, walk);
  }

  /**
   * lineageJson: JSON.stringify(lineage(code, direction, options)), kept
   * ready for hot traces (GET /v1/codes/{code}/trace: reply with it as is).
   */
  lineageJson(code: string, direction: Direction, options: LineageOptions = {}): string | undefined {
    const found = this.find(code);
    if (!found) return undefined;
    const limits = lineageLimits(options);
    const key = lineageKey(found.id, direction, limits);
    let json = this.cache.lineageJson(key);
    if (json === undefined) {
      const walk = this.walker.walk(found.id, direction, limits);
      json = JSON.stringify(this.render.lineage(found.code, direction, walk));
      this.cache.keepLineageJson(key, json, walk.nodes);
    }
    return json;
  }

  /**
   * lotEvents: positions of the events tagged with the lot, oldest first (for
   * proof bundles); undefined for an unknown lot, or when the lots
   * projection does not keep positions (then use store.readByTag).
   */
  lotEvents(code: string): number[] | undefined {
    const found = this.find(code);
    if (!found || !this.lotProjection.trackEvents) return undefined;
    return this.lotProjection.events.list(found.id);
  }

  private find(code: string): { id: number; code: string } | undefined {
    let canonical = code;
    let id = this.lotProjection.index.idOf(code);
    if (id < 0 && code.length !== 20) {
      canonical = normalizeTraceCode(code);
      id = this.lotProjection.index.idOf(canonical);
    }
    return id < 0 ? undefined : { id, code: canonical };
  }
}

/** The walk limits of `options`, defaults filled in and clamped. */
/** A walk never goes deeper than the most lots it may list. */
const MAX_DEPTH = 1_000_000;

/** The limits a walk (and its cache key) uses: whole numbers within bounds, so that no two spellings of one walk differ. */
function lineageLimits(options: LineageOptions): LineageLimits {
  return {
    maxDepth: Math.min(Math.max(0, Math.floor(options.maxDepth ?? 64)), MAX_DEPTH),
    maxNodes: Math.min(Math.max(1, Math.floor(options.maxNodes ?? 10_000)), 1_000_000),
  };
}

/** The operator as the directory shows it: everything but the citizen-ID digest, certifications checked at `now`. */
function operatorView(state: OperatorState, now: number): OperatorView {
  return {
    id: state.id,
    name: state.name,
    kind: state.kind,
    roles: state.roles,
    region: state.region,
    regionName: regionName(state.region) ?? null,
    address: state.address,
    contact: state.contact,
    ...(state.uscc === undefined ? {} : { uscc: state.uscc }),
    status: state.status,
    certifications: state.certifications.map((certification) => ({
      ...certification,
      valid: isValidAt(certification, now),
    })),
    registeredAt: state.registeredAt,
    history: state.history,
  };
}
