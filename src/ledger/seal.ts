import { LOT_TAG_PREFIX, computePrev, eventBody, sha256Hex, type MerkleTree } from '../hash/index.js';
import type { SealedEvent } from '../store/index.js';
import type { LedgerDomain } from './domainPort.js';
import { Overlay } from './overlay.js';

/** A command's sealed events with the canonical text each was hashed from, or its rejection. */
export type Sealed<Rejection> =
  | { readonly ok: true; readonly events: SealedEvent[]; readonly bodies: string[] }
  | { readonly ok: false; readonly rejection: Rejection };

/** What sealing a command needs: the domain, the tree that takes its leaves, and the batch's time and overlay. */
export interface SealContext<Command, Actor, Entity, Rejection> {
  readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>;
  readonly tree: MerkleTree;
  readonly time: string;
  readonly batchOverlay: Overlay<Entity>;
}

/**
 * decideAndSeal decides one command in its own overlay over the batch's and
 * seals its events: position (the tree's size), prev, canonical body, hash,
 * Merkle leaf. On success the command's overlay is merged into the batch's;
 * on a rejection, or an event that cannot be sealed, the tree and the
 * batch's overlay are left exactly as they were.
 */
export function decideAndSeal<Command, Actor, Entity, Rejection>(
  context: SealContext<Command, Actor, Entity, Rejection>,
  command: Command,
  commandActor: Actor,
): Sealed<Rejection> {
  const { domain, tree, time, batchOverlay } = context;
  const view = new Overlay<Entity>(batchOverlay);
  const decision = domain.decide(command, { time, actor: commandActor }, view);
  if (!decision.ok) return decision;
  const startSize = tree.size;
  const actor = domain.actorId(commandActor);
  const events: SealedEvent[] = [];
  const bodies: string[] = [];
  try {
    for (const draft of decision.events) {
      const body = {
        v: 2 as const,
        position: tree.size,
        type: draft.type,
        time,
        actor,
        tags: [...draft.tags],
        data: draft.data,
        prev: computePrev(draft.tags, (tag) => view.head(tag)),
      };
      const text = eventBody(body);
      const hash = sha256Hex(text);
      const event: SealedEvent = { ...body, hash };
      for (const tag of draft.tags) {
        if (tag.startsWith(LOT_TAG_PREFIX)) view.setHead(tag, hash);
        const next = domain.evolve(tag, view.get(tag), event);
        if (next !== undefined) view.set(tag, next);
      }
      tree.append(Buffer.from(hash, 'hex'));
      events.push(event);
      bodies.push(text);
    }
  } catch (error) {
    // eventBody throws CanonicalJsonError for data JSON cannot carry faithfully (NaN, ±Infinity, …).
    tree.truncate(startSize);
    return { ok: false, rejection: domain.invalidEvent((error as Error).message) };
  }
  batchOverlay.merge(view);
  return { ok: true, events, bodies };
}
