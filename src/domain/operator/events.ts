/** Events about operators; each is tagged `operator:<id>` and nothing else. */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { CertificationSchema, OperatorIdSchema, ReasonSchema } from '../values/index.js';
import { CertificationRefSchema, RegisterOperatorSchema } from './commands.js';

/** Who recorded a certification: the operator itself (self-declared, 自我声明) or a reviewer or admin. */
export const CERTIFICATION_DECLARERS = ['operator', 'reviewer'] as const;
export type CertificationDeclarer = (typeof CERTIFICATION_DECLARERS)[number];

/**
 * The registration as filed, minus the citizen ID (only its digest is kept),
 * with who filed it: `registrant` is the filer's actor id and, for a public
 * filing, `registrantKeyDigest` the digest of the secret it was given. Events
 * written before they were recorded lack them (the event's actor then is the
 * registrant).
 */
export const OperatorRegisteredSchema = eventDraftSchema(
  'operator.registered',
  RegisterOperatorSchema.omit({ type: true, citizenId: true }).extend({ registrant: z.string().min(1).max(200).optional() }),
);

const withReason = z.object({ operatorId: OperatorIdSchema, reason: ReasonSchema });

export const OperatorApprovedSchema = eventDraftSchema(
  'operator.approved',
  z.object({ operatorId: OperatorIdSchema, reason: ReasonSchema.optional() }),
);
export const OperatorRejectedSchema = eventDraftSchema('operator.rejected', withReason);
/** `declaredBy` is absent in events written before it was recorded (the event's actor then tells). */
export const OperatorCertifiedSchema = eventDraftSchema(
  'operator.certified',
  z.object({
    operatorId: OperatorIdSchema,
    certification: CertificationSchema,
    declaredBy: z.enum(CERTIFICATION_DECLARERS).optional(),
  }),
);
export const OperatorCertificationConfirmedSchema = eventDraftSchema(
  'operator.certificationConfirmed',
  z.object({ operatorId: OperatorIdSchema, certification: CertificationRefSchema }),
);
export const OperatorSuspendedSchema = eventDraftSchema('operator.suspended', withReason);
export const OperatorReinstatedSchema = eventDraftSchema('operator.reinstated', withReason);
export const OperatorWithdrawnSchema = eventDraftSchema('operator.withdrawn', withReason);
/** A penalty of revocation (吊销, see enforcement/): the operator may never trade again. */
export const OperatorRevokedSchema = eventDraftSchema('operator.revoked', withReason);
