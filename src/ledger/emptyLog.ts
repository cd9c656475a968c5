import { emptyRoot, formatCheckpoint, signNote, toHex } from '../hash/index.js';
import type { EventStore } from '../store/index.js';
import type { LogKey } from './signingKey.js';

/**
 * signEmptyLog signs the empty tree of a brand-new log: the one checkpoint
 * no sealed batch makes, and one that vouches for no event.
 */
export async function signEmptyLog(store: EventStore, key: LogKey): Promise<string> {
  const root = emptyRoot();
  const note = signNote(formatCheckpoint({ origin: key.origin, size: 0, root }), key.skey);
  const result = await store.appendBatch({ events: [], checkpoint: { size: 0, root: toHex(root), note }, idempotency: [] });
  if (!result.ok) throw new Error(`another writer appended to the log while this one started (found ${result.actual} events)`);
  return note;
}
