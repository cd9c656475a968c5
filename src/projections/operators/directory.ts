/**
 * RegionDirectory orders operators by region, then id: the county's
 * directory of supervised operators (监管主体目录). Regions are kept sorted,
 * so a region prefix (44, 4401, 440113 or 440100) is one contiguous run.
 */
import { regionCovers } from '../../domain/index.js';

export class RegionDirectory {
  private readonly regions: string[] = [];
  private readonly members = new Map<string, string[]>();

  add(region: string, id: string): void {
    let ids = this.members.get(region);
    if (!ids) {
      ids = [];
      this.members.set(region, ids);
      this.regions.splice(lowerBound(this.regions, region), 0, region);
    }
    const at = lowerBound(ids, id);
    if (ids[at] !== id) ids.splice(at, 0, id);
  }

  remove(region: string, id: string): void {
    const ids = this.members.get(region);
    if (!ids) return;
    const at = lowerBound(ids, id);
    if (ids[at] === id) ids.splice(at, 1);
  }

  /**
   * walk calls `visit` for each operator whose region the scope covers, in
   * (region, id) order, starting after the (region, id) cursor if given,
   * until `visit` returns false.
   */
  walk(scope: string, after: { region: string; id: string } | undefined, visit: (region: string, id: string) => boolean): void {
    const start = after && after.region >= scope ? after.region : scope;
    for (let r = lowerBound(this.regions, start); r < this.regions.length; r++) {
      const region = this.regions[r]!;
      // The regions a scope covers share a prefix, so they sort together, from the scope on.
      if (!regionCovers(scope, region)) break;
      const ids = this.members.get(region)!;
      const from = after && region === after.region ? upperBound(ids, after.id) : 0;
      for (let i = from; i < ids.length; i++) if (!visit(region, ids[i]!)) return;
    }
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function upperBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
