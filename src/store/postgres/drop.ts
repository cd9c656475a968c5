import type pg from 'pg';
import { SignedEventsError } from '../errors.js';
import type { Tables } from './names.js';

/**
 * The whole drop as one statement, hence one transaction: it deletes the tag
 * rows and the events from `position` on only when no stored checkpoint
 * signs more than `position` events, and reports the signed size either way.
 */
const dropStatement = (t: Tables): string => `
  WITH signed AS (SELECT coalesce(max(size), 0) AS n FROM ${t.checkpoints}),
  allowed AS (SELECT n <= $1::bigint AS ok FROM signed),
  dropped_tags AS (DELETE FROM ${t.eventTags} WHERE position >= $1::bigint AND (SELECT ok FROM allowed)),
  dropped_events AS (DELETE FROM ${t.events} WHERE position >= $1::bigint AND (SELECT ok FROM allowed) RETURNING 1)
  SELECT (SELECT n FROM signed) AS signed, (SELECT ok FROM allowed) AS ok, (SELECT count(*) FROM dropped_events) AS dropped`;

/** dropFrom removes the unsigned events from `position` on, on the writer connection; see EventStore.dropFrom. */
export async function dropFrom(client: pg.ClientBase, t: Tables, position: number): Promise<number> {
  const { rows } = await client.query<{ signed: string; ok: boolean; dropped: string }>(dropStatement(t), [position]);
  const row = rows[0]!;
  if (!row.ok) throw new SignedEventsError(position, Number(row.signed));
  return Number(row.dropped);
}
