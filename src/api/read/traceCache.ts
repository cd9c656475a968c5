/**
 * TraceCache keeps the JSON text of recent lineages, as the read model does
 * for lot views: a hot trace is then one map lookup. A lineage depends only
 * on the lots it lists (their status, and for a forward walk their new
 * children, change those lots), so an entry is dropped when any of its lots
 * changes, and everything is dropped when the projection is rebuilt.
 */
import type { ReadModel } from '../../projections/index.js';

interface Entry {
  readonly json: string;
  readonly lots: readonly number[];
}

export class TraceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byLot = new Map<number, Set<string>>();
  private readonly detach: () => void;

  constructor(
    private readonly read: ReadModel,
    private readonly capacity = 20_000,
  ) {
    this.detach = read.lotProjection.onChange((lot) => (lot < 0 ? this.clear() : this.dropLot(lot)));
  }

  /** json returns the lineage as JSON text, or undefined for an unknown code. */
  json(code: string, direction: 'backward' | 'forward', maxDepth: number, maxNodes: number): string | undefined {
    const key = `${code}|${direction}|${maxDepth}|${maxNodes}`;
    const hit = this.entries.get(key);
    if (hit) return hit.json;
    const lineage = this.read.lineage(code, direction, { maxDepth, maxNodes });
    if (!lineage) return undefined;
    const json = JSON.stringify(lineage);
    if (this.capacity <= 0) return json;
    const index = this.read.lotProjection.index;
    const lots = lineage.nodes.map((node) => index.idOf(node.code));
    if (this.entries.size >= this.capacity) this.drop(this.entries.keys().next().value!);
    this.entries.set(key, { json, lots });
    for (const lot of lots) {
      let keys = this.byLot.get(lot);
      if (!keys) {
        keys = new Set();
        this.byLot.set(lot, keys);
      }
      keys.add(key);
    }
    return json;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.byLot.clear();
  }

  close(): void {
    this.detach();
    this.clear();
  }

  private dropLot(lot: number): void {
    const keys = this.byLot.get(lot);
    if (!keys) return;
    for (const key of [...keys]) this.drop(key);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const lot of entry.lots) {
      const keys = this.byLot.get(lot);
      keys?.delete(key);
      if (keys?.size === 0) this.byLot.delete(lot);
    }
  }
}
