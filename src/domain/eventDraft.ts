/**
 * Event schemas share one shape: what `decide` returns (type, tags, data) and
 * what the ledger stamps on it (actor, time) before it adds v, position, prev
 * and hash (DESIGN §4).
 */
import { z } from 'zod';
import { IsoDateTimeSchema } from './values/index.js';

export function eventDraftSchema<const T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ type: z.literal(type), tags: z.array(z.string()).min(1), data });
}

/** The fields the ledger adds to a draft to make it a domain event. */
export const eventStamp = { actor: z.string().min(1), time: IsoDateTimeSchema };
