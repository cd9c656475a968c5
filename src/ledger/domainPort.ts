/**
 * What the ledger needs from a domain: the decider functions, typed loosely
 * enough that the sequencer can be tested with a toy domain. src/domain
 * provides the real one (see ledgerDomain.ts).
 */
export interface EventDraft {
  readonly type: string;
  readonly tags: readonly string[];
  readonly data: unknown;
}

/** An event as evolve sees it: a draft stamped with actor and time (a SealedEvent is one). */
export interface StampedEvent extends EventDraft {
  readonly actor: string;
  readonly time: string;
}

export type Decision<Rejection> =
  | { readonly ok: true; readonly events: readonly EventDraft[] }
  | { readonly ok: false; readonly rejection: Rejection };

export interface LedgerDomain<Command, Actor, Entity, Rejection> {
  decide(command: Command, context: { time: string; actor: Actor }, view: { get(tag: string): Entity | undefined }): Decision<Rejection>;
  /** The new state of the entity `tag` after `event`, or undefined when it does not change. */
  evolve(tag: string, state: Entity | undefined, event: StampedEvent): Entity | undefined;
  actorId(actor: Actor): string;
  /** The rejection answered when the writer cannot seal an accepted event (never expected). */
  invalidEvent(message: string): Rejection;
}
