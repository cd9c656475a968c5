/** Commands about personal data kept in the vault beside the log. */
import { z } from 'zod';
import { PersonalRefSchema, ReasonSchema } from '../values/index.js';

/**
 * Record that the vault row under `ref` was erased, and why. The edge checks
 * who may erase (the vault row names its recorder and region) and erases the
 * row first; the event names the reference and the reason, never the data.
 */
export const ErasePersonalSchema = z.object({
  type: z.literal('personal.erase'),
  ref: PersonalRefSchema.shape.ref,
  reason: ReasonSchema,
});
export type ErasePersonal = z.infer<typeof ErasePersonalSchema>;
