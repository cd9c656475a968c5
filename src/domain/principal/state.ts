/** What the ledger remembers about an API principal (never its key, only the key's digest). */
import type { PrincipalRole } from './commands.js';

export interface PrincipalState {
  readonly entity: 'principal';
  readonly id: string;
  readonly name: string;
  readonly role: PrincipalRole;
  /** Region prefix of a regional role or an admin ('' or absent = everywhere). */
  readonly region?: string;
  /** The operator an `operator` principal acts for. */
  readonly operatorId?: string;
  readonly keyDigest: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
  readonly reason?: string;
}

/** The tag every principal event carries besides its own, to read them all at once. */
export const PRINCIPALS_TAG = 'principals';
const PREFIX = 'principal:';

export const principalTag = (id: string): string => `${PREFIX}${id}`;

/** principalIdOf returns the id of a `principal:<id>` tag, or undefined for any other tag. */
export function principalIdOf(tag: string): string | undefined {
  return tag.startsWith(PREFIX) ? tag.slice(PREFIX.length) : undefined;
}
