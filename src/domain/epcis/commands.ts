/**
 * epcis.capture (issue 15): a partner platform's GS1 EPCIS 2.0 events about Suyuan lots, each to
 * join the hash chain of every lot it references. The edge has validated the document against
 * the EPCIS schema, computed each event's CBV 2.0 event hash and found the lots it names; the
 * domain decides who may attach what (decide.ts). The event is kept as sent, with the prefixes
 * its names use, so that exporting it again gives the same event hash.
 */
import { z } from 'zod';
import { TraceCodeSchema } from '../values/index.js';

/** A CBV 2.0 event hash, as `ni:///sha-256;{hex}?ver=CBV2.0`. */
export const EPCIS_HASH_PATTERN = /^ni:\/\/\/sha-256;([0-9a-f]{64})\?ver=CBV2\.0$/;
export const EpcisHashSchema = z.string().regex(EPCIS_HASH_PATTERN, 'a CBV 2.0 event hash: ni:///sha-256;{64 hex}?ver=CBV2.0');

/** The most events one document may hold: a larger delivery is split (a capture is one commit). */
export const MAX_CAPTURED_EVENTS = 500;
/** The most JSON text one captured event may take: the log keeps it forever. */
export const MAX_CAPTURED_EVENT_CHARS = 32 * 1024;
/** The most lots one captured event may reference (each joins that lot's chain). */
export const MAX_CAPTURED_LOTS = 100;

const PrefixSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/);

export const CapturedEventSchema = z.object({
  /** The event's CBV 2.0 event hash (its identity here, whatever eventID it came with). */
  hash: EpcisHashSchema,
  /** The sender's eventID, when it gave one other than the hash (a UUID URN, say). */
  eventId: z.string().min(1).max(500).optional(),
  /** The Suyuan lots the event references, each once. */
  lots: z.array(TraceCodeSchema).min(1).max(MAX_CAPTURED_LOTS),
  /** The JSON-LD prefixes of its document that its names use (prefix → IRI). */
  prefixes: z.record(PrefixSchema, z.string().min(1).max(500)),
  /**
   * Prefixes its names or values use that its document did not define ("urn" of a URN, or an
   * undeclared extension prefix): a document exporting it must not define them either, or the
   * names would expand and the hash change.
   */
  literals: z.array(PrefixSchema).max(100).optional(),
  /** The EPCIS event as sent (eventID and recordTime are the repository's, not part of it). */
  event: z
    .record(z.string(), z.json())
    .refine((event) => typeof event.type === 'string', 'an EPCIS event has a type')
    .refine((event) => JSON.stringify(event).length <= MAX_CAPTURED_EVENT_CHARS, `at most ${MAX_CAPTURED_EVENT_CHARS} characters of JSON`),
});
export type CapturedEvent = z.infer<typeof CapturedEventSchema>;

export const CaptureEpcisSchema = z.object({
  type: z.literal('epcis.capture'),
  /** The capture job's id (the edge draws it), recorded on every event it appends. */
  captureId: z.string().regex(/^[0-9a-f]{32}$/, 'capture id: 32 lowercase hex digits'),
  events: z.array(CapturedEventSchema).min(1).max(MAX_CAPTURED_EVENTS),
});
export type CaptureEpcis = z.infer<typeof CaptureEpcisSchema>;
