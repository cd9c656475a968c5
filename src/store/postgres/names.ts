import { createHash } from 'node:crypto';

/** Quotes an SQL identifier (schema, table, channel). */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Table names qualified by the store's schema, quoted once. */
export interface Tables {
  readonly schema: string;
  readonly migrations: string;
  readonly events: string;
  readonly eventTags: string;
  readonly checkpoints: string;
  readonly idempotency: string;
  readonly personalData: string;
  readonly personalAccess: string;
}

export function tablesIn(schema: string): Tables {
  const q = quoteIdent(schema);
  return {
    schema: q,
    migrations: `${q}.migrations`,
    events: `${q}.events`,
    eventTags: `${q}.event_tags`,
    checkpoints: `${q}.checkpoints`,
    idempotency: `${q}.idempotency`,
    personalData: `${q}.personal_data`,
    personalAccess: `${q}.personal_access`,
  };
}

/** A 64-bit advisory-lock key (as decimal text) derived from purpose and schema. */
export function lockKey(purpose: 'writer' | 'migrate', schema: string): string {
  const digest = createHash('sha256').update(`suyuan:${purpose}:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * The NOTIFY channel of a schema. Channel names are identifiers (at most 63
 * bytes), so a long schema name is replaced by a digest.
 */
export function channelFor(schema: string): string {
  const plain = `suyuan_events_${schema}`;
  if (Buffer.byteLength(plain) <= 63) return plain;
  return `suyuan_events_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}
