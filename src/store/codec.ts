import { CorruptStoredEventError } from './errors.js';
import type { AppendBatch, SealedEvent } from './port.js';

/**
 * encodeBody is the text an adapter stores for an event the writer sent no
 * body for: the JSON of the event exactly as given, without its hash.
 * Reading parses this text, so an altered byte either breaks the JSON or
 * changes what the ledger re-hashes.
 */
export function encodeBody(event: SealedEvent): string {
  const { hash: _hash, ...body } = event;
  return JSON.stringify(body);
}

/**
 * batchBodies returns the text to store for each event of the batch, in
 * order: the writer's canonical bodies when it sent them (so nothing is
 * serialised twice), else encodeBody of each event. Requires a batch that
 * passed validateBatch (bodies, if any, as many as events).
 */
export function batchBodies(batch: AppendBatch): readonly string[] {
  return batch.bodies ?? batch.events.map(encodeBody);
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
