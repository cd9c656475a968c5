/**
 * Staleness of a read-only node: its principal directory is only as current
 * as the follower's last catch-up that verified the writer's latest state.
 * Past the bound, a key revoked at the writer may still look active here, so
 * authenticated requests are refused (503 StaleReader) while public reads go
 * on from the verified prefix.
 */
import { ProblemError } from './problem.js';

/** What staleness needs of a follower. */
export interface Freshness {
  /** When (ms since the epoch) it last verified the store's latest checkpoint; undefined if never. */
  readonly lastVerifiedAt: number | undefined;
}

/** DEFAULT_MAX_STALENESS_MS: SUYUAN_MAX_STALENESS's default, 30 s. */
export const DEFAULT_MAX_STALENESS_MS = 30_000;

/**
 * stalenessCheck returns the StaleReader problem while `follower` has not
 * verified the writer's latest state for longer than `maxStalenessMs`, else
 * undefined. Requires maxStalenessMs >= 0.
 */
export function stalenessCheck(follower: Freshness, maxStalenessMs: number): () => ProblemError | undefined {
  return () => {
    const at = follower.lastVerifiedAt;
    const age = at === undefined ? Number.POSITIVE_INFINITY : Date.now() - at;
    if (age <= maxStalenessMs) return undefined;
    const since = at === undefined ? 'has not yet verified' : `last verified ${(age / 1000).toFixed(1)} s ago`;
    return new ProblemError(
      'StaleReader',
      `this read-only node ${since} the writer's latest state (bound ${maxStalenessMs / 1000} s): it cannot vouch for API keys now`,
      { headers: { 'retry-after': '1' } },
    );
  };
}
