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
 * Both parts are bounded by entry count and, when full, drop their oldest
 * entry (FIFO: a hit costs no bookkeeping, and a hot entry pushed out is
 * rebuilt once).
 */
import type { Direction, LineageLimits } from './lots/lineage.js';
import type { Audience } from './views.js';

export interface ReadCacheSizes {
  /** Lot views kept, per audience. */
  readonly lotViews: number;
  readonly lineages: number;
}

interface LineageEntry {
  readonly json: string;
  /** Ids of the lots it lists: a change to any of them drops it. */
  readonly lots: Int32Array;
}

/** lineageKey names a lineage of lot id `lot` walked with the given (already clamped) limits. */
export function lineageKey(lot: number, direction: Direction, limits: LineageLimits): string {
  return `${lot}|${direction}|${limits.maxDepth}|${limits.maxNodes}`;
}

export class ReadCache {
  private readonly views: Record<Audience, Map<number, string>> = { full: new Map(), public: new Map() };
  private readonly lineages = new Map<string, LineageEntry>();
  /** For each lot, the keys of the lineages listing it. */
  private readonly lineagesByLot = new Map<number, Set<string>>();

  constructor(private readonly sizes: ReadCacheSizes) {}

  /** lotJson: the view of lot id `lot` for `audience`, if kept. */
  lotJson(audience: Audience, lot: number): string | undefined {
    return this.views[audience].get(lot);
  }

  keepLotJson(audience: Audience, lot: number, json: string): void {
    if (this.sizes.lotViews <= 0) return;
    const views = this.views[audience];
    if (views.size >= this.sizes.lotViews) views.delete(views.keys().next().value!);
    views.set(lot, json);
  }

  /** lineageJson: the lineage named `key` (see lineageKey), if kept. */
  lineageJson(key: string): string | undefined {
    return this.lineages.get(key)?.json;
  }

  /** keepLineageJson keeps `json` under `key`; `lots` (a walk's node list, copied here) are the lots it lists. */
  keepLineageJson(key: string, json: string, lots: { readonly data: Int32Array; readonly length: number }): void {
    if (this.sizes.lineages <= 0) return;
    this.dropLineage(key);
    if (this.lineages.size >= this.sizes.lineages) this.dropLineage(this.lineages.keys().next().value!);
    const ids = lots.data.slice(0, lots.length);
    this.lineages.set(key, { json, lots: ids });
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
    if (keys) for (const key of [...keys]) this.dropLineage(key);
  }

  /** operatorsChanged drops the lot views, which carry operator names. */
  operatorsChanged(): void {
    this.views.full.clear();
    this.views.public.clear();
  }

  clear(): void {
    this.operatorsChanged();
    this.lineages.clear();
    this.lineagesByLot.clear();
  }

  /** Entries kept, for tests and metrics. */
  get size(): { readonly lotViews: number; readonly lineages: number } {
    return { lotViews: this.views.full.size + this.views.public.size, lineages: this.lineages.size };
  }

  private dropLineage(key: string): void {
    const entry = this.lineages.get(key);
    if (!entry) return;
    this.lineages.delete(key);
    for (const lot of entry.lots) {
      const keys = this.lineagesByLot.get(lot);
      keys?.delete(key);
      if (keys?.size === 0) this.lineagesByLot.delete(lot);
    }
  }
}
