/** Events about operators; each is tagged `operator:<id>` and nothing else. */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { CertificationSchema, OperatorIdSchema, ReasonSchema } from '../values/index.js';
import { RegisterOperatorSchema } from './commands.js';

/** The registration as filed, minus the citizen ID (only its digest is kept). */
export const OperatorRegisteredSchema = eventDraftSchema(
  'operator.registered',
  RegisterOperatorSchema.omit({ type: true, citizenId: true }),
);

const withReason = z.object({ operatorId: OperatorIdSchema, reason: ReasonSchema });

export const OperatorApprovedSchema = eventDraftSchema(
  'operator.approved',
  z.object({ operatorId: OperatorIdSchema, reason: ReasonSchema.optional() }),
);
export const OperatorRejectedSchema = eventDraftSchema('operator.rejected', withReason);
export const OperatorCertifiedSchema = eventDraftSchema(
  'operator.certified',
  z.object({ operatorId: OperatorIdSchema, certification: CertificationSchema }),
);
export const OperatorSuspendedSchema = eventDraftSchema('operator.suspended', withReason);
export const OperatorReinstatedSchema = eventDraftSchema('operator.reinstated', withReason);
export const OperatorWithdrawnSchema = eventDraftSchema('operator.withdrawn', withReason);
