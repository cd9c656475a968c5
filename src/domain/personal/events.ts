/** Events about personal data: tagged `personal:<ref>`, they hold no data. */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { PersonalRefSchema, ReasonSchema } from '../values/index.js';

export const PERSONAL_TAG_PREFIX = 'personal:';
export const personalTag = (ref: string): string => `${PERSONAL_TAG_PREFIX}${ref}`;

export const PersonalErasedSchema = eventDraftSchema(
  'personal.erased',
  z.object({ ref: PersonalRefSchema.shape.ref, reason: ReasonSchema }),
);
