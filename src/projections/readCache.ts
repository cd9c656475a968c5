/**
 * ReadCache is the read model's one cache: the ready JSON text of recently
 * served lot views (per audience) and lineages, so that a hot code or trace
 * is answered with one map lookup, no rendering and no serialisation.
 *
 * It is invalidated from one place, the projections' change notices (wired in
 * ReadModel): a changed lot drops its views and every lineage that lists it
 * (a lineage depends only on its lots: their status, and for a forward walk
 * their new children, change those lots); an operator change drops the lot
 * views, which name operators (lineages name issuers by id only); a rebuild,
 * which renumbers lots, drops everything.
 *
 * Both parts are bounded by entry count and by bytes (TextCache) and, when
 * full, drop their oldest entries. Keys are lot ids, so every spelling of a
 * code (spaces, hyphens) shares one entry, and lineage limits are clamped
 * before they reach a key.
 */
import type { Direction, LineageLimits } from './lots/lineage.js';
import { TextCache } from './textCache.js';
import type { Audience } from './views.js';

export interface ReadCacheSizes {
  /** Lot views kept, per audience. */
  readonly lotViews: number;
  readonly lineages: number;
  /** Bytes of lot-view text kept, per audience (default 64 MiB). */
  readonly lotViewBytes?: number;
  /** Bytes of lineage text kept (default 128 MiB). */
  readonly lineageBytes?: number;
}

const MiB = 1024 * 1024;

export interface CacheSize {
  readonly lotViews: number;
  readonly lineages: number;
  readonly lotViewBytes: number;
  readonly lineageBytes: number;
}

/** lineageKey names a lineage of lot id `lot` walked with the given (already clamped) limits. */
export function lineageKey(lot: number, direction: Direction, limits: LineageLimits): string {
  return `${lot}|${direction}|${limits.maxDepth}|${limits.maxNodes}`;
}

export class ReadCache {
  private readonly views: Record<Audience, TextCache<number>>;
  private readonly lineages: TextCache<string>;
  /** For each kept lineage, the ids of the lots it lists: a change to any of them drops it. */
  private readonly lotsOf = new Map<string, Int32Array>();
  /** For each lot, the keys of the kept lineages listing it. */
  private readonly lineagesByLot = new Map<number, Set<string>>();

  constructor(sizes: ReadCacheSizes) {
    const views = { entries: sizes.lotViews, bytes: sizes.lotViewBytes ?? 64 * MiB };
    this.views = { full: new TextCache(views), public: new TextCache(views) };
    this.lineages = new TextCache({ entries: sizes.lineages, bytes: sizes.lineageBytes ?? 128 * MiB }, (key) => this.unindex(key));
  }

  /** lotJson: the view of lot id `lot` for `audience`, if kept. */
  lotJson(audience: Audience, lot: number): string | undefined {
    return this.views[audience].get(lot);
  }

  keepLotJson(audience: Audience, lot: number, json: string): void {
    this.views[audience].set(lot, json);
  }

  /** lineageJson: the lineage named `key` (see lineageKey), if kept. */
  lineageJson(key: string): string | undefined {
    return this.lineages.get(key);
  }

  /** keepLineageJson keeps `json` under `key`; `lots` (a walk's node list, copied here) are the lots it lists. */
  keepLineageJson(key: string, json: string, lots: { readonly data: Int32Array; readonly length: number }): void {
    this.lineages.delete(key);
    if (!this.lineages.set(key, json)) return;
    const ids = lots.data.slice(0, lots.length);
    this.lotsOf.set(key, ids);
    for (const lot of ids) {
      let keys = this.lineagesByLot.get(lot);
      if (!keys) {
        keys = new Set();
        this.lineagesByLot.set(lot, keys);
      }
      keys.add(key);
    }
  }

  /** lotChanged drops what lot id `lot` appears in. */
  lotChanged(lot: number): void {
    this.views.full.delete(lot);
    this.views.public.delete(lot);
    const keys = this.lineagesByLot.get(lot);
    if (keys) for (const key of [...keys]) this.lineages.delete(key);
  }

  /** operatorsChanged drops the lot views, which carry operator names. */
  operatorsChanged(): void {
    this.views.full.clear();
    this.views.public.clear();
  }

  clear(): void {
    this.operatorsChanged();
    this.lineages.clear();
  }

  /** Entries and bytes kept, for tests and metrics. */
  get size(): CacheSize {
    return {
      lotViews: this.views.full.size + this.views.public.size,
      lineages: this.lineages.size,
      lotViewBytes: this.views.full.bytes + this.views.public.bytes,
      lineageBytes: this.lineages.bytes,
    };
  }

  private unindex(key: string): void {
    const lots = this.lotsOf.get(key);
    if (!lots) return;
    this.lotsOf.delete(key);
    for (const lot of lots) {
      const keys = this.lineagesByLot.get(lot);
      keys?.delete(key);
      if (keys?.size === 0) this.lineagesByLot.delete(lot);
    }
  }
}
