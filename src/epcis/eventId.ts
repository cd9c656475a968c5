/** withEventId: an exported event with its CBV 2.0 event hash as eventID (issue 15, Event IDs). */
import type { EpcisEvent } from './event.js';
import { isCaptured } from './captured.js';
import { eventHash } from './eventHash.js';
import { SUYUAN_NAMESPACE, SUYUAN_PREFIX } from './identifiers.js';

/** The prefixes Suyuan's exported events use, for expanding their extension fields while hashing. */
const PREFIXES: Readonly<Record<string, string>> = { [SUYUAN_PREFIX]: SUYUAN_NAMESPACE };

export function withEventId(event: EpcisEvent): EpcisEvent {
  // A partner's event keeps the eventID it was captured with (captured.ts).
  if (isCaptured(event)) return event;
  const { type, eventID: _ignored, ...rest } = event;
  return { type, eventID: eventHash(event, PREFIXES), ...rest };
}
