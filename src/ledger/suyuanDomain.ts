import { createHash } from 'node:crypto';
import {
  EVENT_TYPES,
  STATE_VERSION,
  actorId,
  decide,
  evolve,
  type Actor,
  type Command,
  type DomainEvent,
  type EntityState,
  type Rejection,
} from '../domain/index.js';
import { ColumnStates, LOT_SNAPSHOT_VERSION, LotHeads } from '../projections/index.js';
import type { LedgerDomain } from './domainPort.js';
import { Ledger, type OpenLedgerOptions } from './ledger.js';

/** The real domain (src/domain) as the sequencer sees it. */
export const suyuanDomain: LedgerDomain<Command, Actor, EntityState, Rejection> = {
  decide,
  // The sequencer stamps drafts that decide produced, so they are DomainEvents by construction.
  evolve: (tag, state, event) => evolve(tag, state, event as DomainEvent),
  actorId,
  invalidEvent: (message) => ({ code: 'InvalidCommand', message }),
};

/** The snapshot version of this domain: its state version, the lot columns' layout and its event types. */
export const SNAPSHOT_VERSION = `${STATE_VERSION}:${LOT_SNAPSHOT_VERSION}:${createHash('sha256').update(EVENT_TYPES.join(',')).digest('hex').slice(0, 16)}`;

/** The ledger of Suyuan's own domain. */
export type SuyuanLedger = Ledger<Command, Actor, EntityState, Rejection>;

/** The real domain's committed state: lots in columns, the rest as objects (issue 17). */
export const suyuanEntities = (): ColumnStates => new ColumnStates();

/** The real domain's lot-chain heads: 32 bytes a lot in a column, numbered by the lot columns' own index. */
export const suyuanHeads = (entities: unknown): LotHeads =>
  new LotHeads(entities instanceof ColumnStates ? () => entities.lots.index : undefined);

/** openSuyuanLedger opens the writer over `store` with the real domain. */
export function openSuyuanLedger(
  options: Omit<OpenLedgerOptions<Command, Actor, EntityState, Rejection>, 'domain'>,
): Promise<SuyuanLedger> {
  return Ledger.open({ snapshotVersion: SNAPSHOT_VERSION, entities: suyuanEntities, heads: suyuanHeads, ...options, domain: suyuanDomain });
}
