/**
 * findUnsignedTail: the events a store holds past its latest signed
 * checkpoint. The writer seals a batch and its checkpoint in one commit, so
 * such events were written by someone else (tampering, a broken restore):
 * `suyuan repair --drop-unsigned` lists them with this, then drops them.
 */
import type { EventStore } from '../store/index.js';
import { StoreVerifier, type StoreFailure } from './storeVerifier.js';

/** An unsigned event as listed before it is dropped; `error` when its row cannot be decoded. */
export interface UnsignedEvent {
  readonly position: number;
  readonly type?: string;
  readonly hash?: string;
  readonly error?: string;
}

export type UnsignedTailVerdict =
  | {
      readonly ok: true;
      /** The size the latest checkpoint signs: the first unsigned position. */
      readonly signedSize: number;
      readonly events: readonly UnsignedEvent[];
    }
  | StoreFailure;

const PAGE = 1000;

/**
 * findUnsignedTail verifies the signed prefix (every hash, `prev` link and
 * the checkpoint's signature and root), so a repair never starts on a log
 * broken where it is signed, and lists the events after it, as far as the
 * store can decode them. Never throws for what the store holds.
 */
export async function findUnsignedTail(store: EventStore, vkey: string): Promise<UnsignedTailVerdict> {
  const head = await store.head();
  const verifier = new StoreVerifier(store, { vkey });
  let signedSize = 0;
  if (head.checkpoint) {
    const prefix = await verifier.readTo(Math.min(head.checkpoint.size, head.size));
    if (prefix) return prefix;
    const signed = verifier.check(head.checkpoint.note);
    if (!signed.ok) return signed;
    signedSize = signed.size;
  }
  const events: UnsignedEvent[] = [];
  let page = PAGE;
  for (let position = signedSize; position < head.size; ) {
    try {
      const read = await store.readFrom(position, page);
      if (read.length === 0) break;
      for (const event of read) events.push({ position: event.position, type: event.type, hash: event.hash });
      position = read.at(-1)!.position + 1;
    } catch (error) {
      // Find the undecodable row one at a time; it is listed by its position, and the listing goes on past it.
      if (page > 1) {
        page = 1;
        continue;
      }
      events.push({ position, error: (error as Error).message });
      position++;
    }
  }
  return { ok: true, signedSize, events };
}
