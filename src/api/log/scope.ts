/**
 * What a log reader sees of each event (issue 11, least disclosure). A
 * reader scoped to a region prefix gets the full body of an event that
 * touches its region and only `{ position, hash }` of the rest: the hashes
 * are all a reader needs to rebuild the Merkle tree, so it still verifies
 * every signed checkpoint and consistency proof, without reading the trade
 * of other regions. A nationwide reader gets every body, as before.
 */
import { z } from 'zod';
import { parseTag, principalIdOf, regionCovers, traceCodeRegion } from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { HexSchema, SealedEventSchema } from '../schemas/common.js';

export const WithheldEventSchema = z.object({ position: z.int(), hash: HexSchema }).meta({
  id: 'WithheldEvent',
  description: "An event outside the reader's region: only its position and leaf hash, enough to rebuild the Merkle tree",
});
export type WithheldEvent = z.infer<typeof WithheldEventSchema>;

/** LogEntrySchema: a full event for a reader it touches, a withheld one (`{ position, hash }`) otherwise. */
export const LogEntrySchema = z
  .union([SealedEventSchema, WithheldEventSchema])
  .describe('the full event, or `{ position, hash }` when a region-scoped reader may not see its body');
export type LogEntry = SealedEvent | WithheldEvent;

/** Where the entities an event tags are registered, as this node knows them now. */
export interface RegionLookup {
  operatorRegion(operatorId: string): string | undefined;
  /** The region prefix of a principal ('' for a nationwide one), or of the operator it acts for. */
  principalRegion(principalId: string): string | undefined;
}

/** isDisclosed tells a full event from a withheld one. */
export function isDisclosed(entry: LogEntry): entry is SealedEvent {
  return 'type' in entry;
}

/**
 * logScope returns how `reader` sees each event: unchanged for a nationwide
 * reader (region ''), else the event when it touches the reader's region and
 * `{ position, hash }` when not.
 */
export function logScope(reader: Principal, lookup: RegionLookup): (event: SealedEvent) => LogEntry {
  const scope = reader.region;
  if (scope === '') return (event) => event;
  return (event) => (touchesRegion(event, scope, lookup) ? event : { position: event.position, hash: event.hash });
}

/**
 * touchesRegion reports whether any lot the event tags was issued in `scope`
 * (its trace code's region digits), any operator it tags is registered there,
 * or it is an event of a principal scoped there. Unknown entities touch no
 * region: a reader is shown too little rather than too much.
 */
function touchesRegion(event: SealedEvent, scope: string, lookup: RegionLookup): boolean {
  const inScope = (region: string | undefined) => region !== undefined && region !== '' && regionCovers(scope, region);
  return event.tags.some((tag) => {
    const parsed = parseTag(tag);
    if (parsed?.entity === 'lot') return inScope(traceCodeRegion(parsed.id));
    if (parsed?.entity === 'operator') return inScope(registeredRegion(event, parsed.id) ?? lookup.operatorRegion(parsed.id));
    const principalId = principalIdOf(tag);
    if (principalId === undefined) return false;
    return inScope(createdRegion(event, principalId, lookup) ?? lookup.principalRegion(principalId));
  });
}

/** The region an `operator.registered` event files the operator under: the read model may not have it yet. */
function registeredRegion(event: SealedEvent, operatorId: string): string | undefined {
  if (event.type !== 'operator.registered') return undefined;
  const data = event.data as { operatorId?: unknown; region?: unknown };
  return data.operatorId === operatorId && typeof data.region === 'string' ? data.region : undefined;
}

/** The region a `principal.created` event gives the principal, or its operator's: the directory may not have it yet. */
function createdRegion(event: SealedEvent, principalId: string, lookup: RegionLookup): string | undefined {
  if (event.type !== 'principal.created') return undefined;
  const data = event.data as { id?: unknown; region?: unknown; operatorId?: unknown };
  if (data.id !== principalId) return undefined;
  if (typeof data.operatorId === 'string') return lookup.operatorRegion(data.operatorId);
  return typeof data.region === 'string' ? data.region : '';
}

/** regionLookup asks the read model for operators and the principal directory for principals. */
export function regionLookup(ctx: {
  readonly read: { operatorRegion(operatorId: string): string | undefined };
  readonly principals: { get(id: string): { readonly region?: string; readonly operatorId?: string } | undefined };
}): RegionLookup {
  const operatorRegion = (operatorId: string) => ctx.read.operatorRegion(operatorId);
  return {
    operatorRegion,
    principalRegion(principalId) {
      const state = ctx.principals.get(principalId);
      if (!state) return undefined;
      return state.operatorId === undefined ? (state.region ?? '') : operatorRegion(state.operatorId);
    },
  };
}
