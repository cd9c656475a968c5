/**
 * What a regulator's screen offers to whom. The server decides every write; these only keep a
 * button off the screen when the server would refuse it for the role or the region.
 */

/**
 * coversRegion: whether a principal of region `scope` ('' nationwide, or a GB/T 2260 prefix;
 * 440000 and 440100 read as 44 and 4401) covers `region`. The domain's regionCovers, written
 * again here because the domain's file carries the region tables (too big for the app); a unit
 * test holds the two equal.
 */
export function coversRegion(scope: string, region: string): boolean {
  return region.startsWith(prefixOf(scope));
}

function prefixOf(scope: string): string {
  if (!/^\d{6}$/.test(scope)) return scope;
  if (scope.endsWith('0000')) return scope.slice(0, 2);
  if (scope.endsWith('00')) return scope.slice(0, 4);
  return scope;
}

/** The roles that release an alert (the domain's decideReleaseAlert). */
const RELEASING_ROLES: ReadonlySet<string> = new Set(['monitor', 'inspector', 'enforcer', 'admin']);

/** mayRelease: an open alert is released by a releasing role whose region covers the alert's. */
export const mayRelease = (principal: { role: string; region: string }, alert: { region: string; status: string }): boolean =>
  alert.status === 'open' && RELEASING_ROLES.has(principal.role) && coversRegion(principal.region, alert.region);
