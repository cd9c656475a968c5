/**
 * epcis.captured: one partner's EPCIS event, tagged with every lot it references (so it joins
 * their hash chains and traces) and with `epcis:<hex of its hash>` (so the same event is not
 * captured twice, and its error declaration finds it).
 */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { CapturedEventSchema } from './commands.js';

export const EpcisCapturedSchema = eventDraftSchema(
  'epcis.captured',
  CapturedEventSchema.extend({
    captureId: z.string(),
    /** Its place in the captured document's event list. */
    index: z.int().min(0),
  }),
);
