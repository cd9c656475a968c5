/**
 * Device activations waiting to be redeemed: a fresh API key under a one-time random token, kept in
 * this process's memory only (never in the log, which holds the key's digest, nor in any server log)
 * for a short time. redeem() hands the key out once and forgets it; a restart forgets them all, and
 * the admin issues a new activation. Tokens are kept as their SHA-256, so the map's keys are not
 * tokens either.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';

/** How long an activation link works: long enough to scan it, short enough that a lost printout is harmless. */
export const ACTIVATION_TTL_MS = 10 * 60_000;
/** Most activations pending at once; issuing more refuses (old ones expire within the TTL). */
export const MAX_PENDING = 10_000;

export interface ActivationOptions {
  /** Milliseconds since the epoch (default Date.now); tests pass a clock they move. */
  readonly now?: () => number;
  readonly ttlMs?: number;
  readonly maxPending?: number;
}

interface Pending {
  readonly key: string;
  readonly principal: Principal;
  readonly expiresAt: number;
}

export type Redeemed =
  | { readonly ok: true; readonly key: string; readonly principal: Principal }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' };

/** The token of an activation: 32 CSPRNG bytes in base64url (43 characters). */
export const ACTIVATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export class Activations {
  readonly #pending = new Map<string, Pending>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #maxPending: number;

  constructor(options: ActivationOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? ACTIVATION_TTL_MS;
    this.#maxPending = options.maxPending ?? MAX_PENDING;
  }

  /** hasRoom reports whether one more activation may be issued now (check before minting its principal). */
  hasRoom(): boolean {
    this.#sweep();
    return this.#pending.size < this.#maxPending;
  }

  /** issue keeps `key` for `principal` and returns the token that redeems it and when it stops working. */
  issue(key: string, principal: Principal): { token: string; expiresAt: number } {
    this.#sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.#now() + this.#ttlMs;
    this.#pending.set(tokenDigest(token), { key, principal, expiresAt });
    return { token, expiresAt };
  }

  /** redeem returns the key of `token` once; afterwards, or after it expired, the token is unknown. */
  redeem(token: string): Redeemed {
    const digest = tokenDigest(token);
    const pending = this.#pending.get(digest);
    if (!pending) return { ok: false, reason: 'unknown' };
    this.#pending.delete(digest);
    if (pending.expiresAt <= this.#now()) return { ok: false, reason: 'expired' };
    return { ok: true, key: pending.key, principal: pending.principal };
  }

  /** Forget what expired; an expired token redeemed before a sweep still answers "expired". */
  #sweep(): void {
    const now = this.#now();
    for (const [digest, pending] of this.#pending) if (pending.expiresAt + this.#ttlMs <= now) this.#pending.delete(digest);
  }
}
