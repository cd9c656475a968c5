import { CorruptStoredEventError } from './errors.js';
import type { SealedEvent } from './port.js';

// Bodies a writer already serialised (the ledger canonicalises every event to hash it).
const knownBodies = new WeakMap<SealedEvent, string>();

/**
 * rememberBody hands the store the JSON text of an event (without its hash)
 * that the writer has already made, so the store does not serialise it again.
 * The text must parse to exactly the event's fields other than `hash`.
 */
export function rememberBody(event: SealedEvent, body: string): void {
  knownBodies.set(event, body);
}

/**
 * encodeBody is the text every SQL adapter stores for an event: the JSON of
 * the event exactly as given, without its hash (its canonical form when the
 * writer remembered it). Reading parses this text, so an altered byte either
 * breaks the JSON or changes what the ledger re-hashes.
 */
export function encodeBody(event: SealedEvent): string {
  const known = knownBodies.get(event);
  if (known !== undefined) return known;
  const { hash: _hash, ...body } = event;
  return JSON.stringify(body);
}

/**
 * decodeEvent turns a stored row back into a SealedEvent. Requires the row's
 * position column; throws CorruptStoredEventError (naming the position) when
 * the body is not a JSON object or disagrees with that position.
 */
export function decodeEvent(position: number, hash: string, body: string): SealedEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new CorruptStoredEventError(position, `body is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CorruptStoredEventError(position, 'body is not a JSON object');
  }
  const event = parsed as Record<string, unknown>;
  if (event.position !== position) {
    throw new CorruptStoredEventError(position, `body says position ${String(event.position)}`);
  }
  return { ...(event as unknown as Omit<SealedEvent, 'hash'>), hash };
}
