import { LOT_TAG_PREFIX } from '../domain/index.js';
import { canonicalJson } from './canonical.js';
import { sha256Hex } from './merkle/hasher.js';

/** The event fields that are hashed (DESIGN §4); `hash` itself is never hashed. */
export interface HashedEventFields {
  readonly v: number;
  readonly position: number;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly tags: readonly string[];
  readonly data: unknown;
  readonly prev: readonly string[];
}

/** LoggedEvent is an event together with its hash, as a log holds it. */
export interface LoggedEvent extends HashedEventFields {
  readonly hash: string;
}

/** The tag prefix whose histories are hash chains (the domain names its tags; the log chains them). */
export { LOT_TAG_PREFIX };

/**
 * eventBody returns the canonical JSON that is hashed: every field of the
 * event except `hash`. Only the known fields are taken, so a stray property
 * on an in-memory object cannot change what is hashed.
 */
export function eventBody(event: HashedEventFields): string {
  // Built in JCS key order (actor < data < position < prev < tags < time < type < v)
  // so that the canonical writer finds every key already sorted.
  const { actor, data, position, prev, tags, time, type, v } = event;
  return canonicalJson({ actor, data, position, prev, tags, time, type, v });
}

/** eventHash returns SHA-256(JCS(event)) in lower-case hex. */
export function eventHash(event: HashedEventFields): string {
  return sha256Hex(eventBody(event));
}

/**
 * computePrev returns an event's `prev`: for each `lot:` tag, the hash of
 * the last earlier event with that tag, sorted, without duplicates; tags with
 * no earlier event (a new lot) contribute nothing.
 */
export function computePrev(tags: readonly string[], headOf: (tag: string) => string | undefined): string[] {
  const prev = new Set<string>();
  for (const tag of tags) {
    if (!tag.startsWith(LOT_TAG_PREFIX)) continue;
    const head = headOf(tag);
    if (head !== undefined) prev.add(head);
  }
  return [...prev].sort();
}

/** The head hash of each lot chain, by tag: a Map, or a compact store of the same (LotHeads in src/projections). */
export interface HeadMap {
  get(tag: string): string | undefined;
  set(tag: string, hash: string): unknown;
}

/**
 * ChainHeads tracks the last event hash of every `lot:` tag, so a sequencer
 * or a verifier can compute and check `prev` in one pass over the log.
 */
export class ChainHeads {
  /** heads may be shared with the caller, who then sees every advance. */
  constructor(private readonly heads: HeadMap = new Map()) {}

  get(tag: string): string | undefined {
    return this.heads.get(tag);
  }

  prevFor(tags: readonly string[]): string[] {
    return computePrev(tags, (tag) => this.heads.get(tag));
  }

  /** advance records `hash` as the head of every `lot:` tag of the event. */
  advance(tags: readonly string[], hash: string): void {
    for (const tag of tags) if (tag.startsWith(LOT_TAG_PREFIX)) this.heads.set(tag, hash);
  }
}
