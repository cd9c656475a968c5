/** Which open risk alert holds a lot (kept apart from recall.ts so that the lot deciders can ask without a cycle). */
import { lotIn, type StateView } from '../state.js';
import { recordTag } from '../tags.js';

/**
 * RecallHolds answers which open alert, if any, holds a lot: one raised on a
 * sample of the lot or of any lot it was made from. A lot so held stays
 * frozen until that alert is released, whatever else froze it. Ancestors are
 * walked once per instance (memoised), so checking every lot of a cascade
 * costs O(lots + their ancestors).
 */
export class RecallHolds {
  private readonly memo = new Map<string, string | null>();

  constructor(private readonly view: StateView) {}

  /** holder: the id of an open alert holding lot `code` (other than `except`), or undefined. */
  holder(code: string, except?: string): string | undefined {
    return this.find(code, except ?? '') ?? undefined;
  }

  private find(code: string, except: string): string | null {
    const known = this.memo.get(code);
    if (known !== undefined) return known;
    this.memo.set(code, null); // a lineage has no cycles, but a bad log must not loop
    const recall = this.view.get(recordTag('recall', code));
    let found = recall?.entity === 'recall' ? (recall.open.find((alertId) => alertId !== except) ?? null) : null;
    for (const parent of found === null ? (lotIn(this.view, code)?.parents ?? []) : []) {
      found = this.find(parent.code, except);
      if (found !== null) break;
    }
    this.memo.set(code, found);
    return found;
  }
}
