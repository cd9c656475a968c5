/**
 * PrincipalDirectory: every API principal, by key digest, built from the
 * log's `principals` tag and kept current from the writer's commits (or by
 * following the store on a read-only node). Any node that follows the log
 * can therefore authenticate every key, and none holds a key in clear.
 */
import { PRINCIPALS_TAG, evolve, principalIdOf, type DomainEvent, type PrincipalState } from '../../domain/index.js';
import type { EventStore, SealedEvent } from '../../store/index.js';
import { principalFromState, type Principal } from './principal.js';

export type Lookup = { readonly kind: 'active'; readonly principal: Principal } | { readonly kind: 'revoked' | 'unknown' };

interface CommitSource {
  onCommit(listener: (events: readonly SealedEvent[], size: number) => void): () => void;
}
// The ledger, or a LogFollower on a read-only node.

export class PrincipalDirectory {
  private readonly states = new Map<string, PrincipalState>();
  private readonly byDigest = new Map<string, string>();
  private readonly bootstrap = new Map<string, Principal>();
  /** Position after the last principal event applied. */
  private next = 0;

  /** addBootstrap registers a principal that lives outside the log (the admin key). */
  addBootstrap(digest: string, principal: Principal): void {
    this.bootstrap.set(digest, principal);
  }

  lookup(digest: string): Lookup {
    const fixed = this.bootstrap.get(digest);
    if (fixed) return { kind: 'active', principal: fixed };
    const id = this.byDigest.get(digest);
    const state = id === undefined ? undefined : this.states.get(id);
    if (!state) return { kind: 'unknown' };
    return state.status === 'active' ? { kind: 'active', principal: principalFromState(state) } : { kind: 'revoked' };
  }

  get(id: string): PrincipalState | undefined {
    return this.states.get(id);
  }

  list(): PrincipalState[] {
    return [...this.states.values()];
  }

  /** apply folds a principal event in; other events, and events seen already, are ignored. */
  apply(event: SealedEvent): void {
    if (event.position < this.next || !event.type.startsWith('principal.')) return;
    this.next = event.position + 1;
    for (const tag of event.tags) {
      if (tag === PRINCIPALS_TAG) continue;
      const id = principalIdOf(tag);
      if (id === undefined) continue;
      const before = this.states.get(id);
      const after = evolve(tag, before, event as unknown as DomainEvent);
      if (after?.entity !== 'principal') continue;
      this.states.set(after.id, after);
      this.byDigest.set(after.keyDigest, after.id);
    }
  }

  /** load reads every principal event from the store (positions from `next` on). */
  async load(store: EventStore): Promise<void> {
    for (const event of await store.readByTag(PRINCIPALS_TAG, this.next)) this.apply(event);
  }

  /**
   * attach loads from the store and then applies the writer's commits as they
   * happen; commits that land while loading are held and applied after it.
   */
  async attach(ledger: CommitSource, store: EventStore): Promise<() => void> {
    let held: SealedEvent[] | undefined = [];
    const detach = ledger.onCommit((events) => {
      if (held) held.push(...events);
      else for (const event of events) this.apply(event);
    });
    await this.load(store);
    const pending = held;
    held = undefined;
    for (const event of pending) this.apply(event);
    return detach;
  }

  /** follow keeps a read-only node current: waits for new events and reads the principals tag, until aborted. */
  async follow(store: EventStore, signal: AbortSignal): Promise<void> {
    let size = (await store.head()).size;
    while (!signal.aborted) {
      await this.load(store);
      try {
        await store.waitForEvents(size, signal);
      } catch {
        if (signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      size = (await store.head()).size;
    }
  }
}
