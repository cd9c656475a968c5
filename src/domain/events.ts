/** Every event the domain emits: drafts as `decide` returns them, events as the ledger stamps them. */
import { z } from 'zod';
import { eventStamp } from './eventDraft.js';
import {
  LotAcceptedSchema,
  LotCommissionedSchema,
  LotFrozenSchema,
  LotProcessedSchema,
  LotRecordedSchema,
  LotRejectedSchema,
  LotReleasedSchema,
  LotShippedSchema,
  LotSoldSchema,
} from './lot/events.js';
import {
  OperatorApprovedSchema,
  OperatorCertificationConfirmedSchema,
  OperatorCertifiedSchema,
  OperatorReinstatedSchema,
  OperatorRegisteredSchema,
  OperatorRejectedSchema,
  OperatorSuspendedSchema,
  OperatorWithdrawnSchema,
  OperatorRevokedSchema,
} from './operator/events.js';
import { CaseClosedSchema, CaseOpenedSchema, CasePenalizedSchema, CaseRecordedSchema } from './enforcement/events.js';
import {
  AlertRaisedSchema,
  AlertReleasedSchema,
  SampleTakenSchema,
  SampleTestedSchema,
  SamplingTaskCreatedSchema,
} from './monitoring/events.js';
import { InspectionRecordedSchema, RectificationClosedSchema } from './supervision/events.js';
import { PersonalErasedSchema } from './personal/events.js';
import { EpcisCapturedSchema } from './epcis/events.js';
import { FederationImportedSchema } from './federation/events.js';
import { PrincipalCreatedSchema, PrincipalRevokedSchema } from './principal/events.js';

const drafts = [
  OperatorRegisteredSchema,
  OperatorApprovedSchema,
  OperatorRejectedSchema,
  OperatorCertifiedSchema,
  OperatorCertificationConfirmedSchema,
  OperatorSuspendedSchema,
  OperatorReinstatedSchema,
  OperatorWithdrawnSchema,
  LotCommissionedSchema,
  LotRecordedSchema,
  LotShippedSchema,
  LotAcceptedSchema,
  LotRejectedSchema,
  LotProcessedSchema,
  LotSoldSchema,
  LotFrozenSchema,
  LotReleasedSchema,
  PrincipalCreatedSchema,
  PrincipalRevokedSchema,
  PersonalErasedSchema,
  OperatorRevokedSchema,
  InspectionRecordedSchema,
  RectificationClosedSchema,
  SamplingTaskCreatedSchema,
  SampleTakenSchema,
  SampleTestedSchema,
  AlertRaisedSchema,
  AlertReleasedSchema,
  CaseOpenedSchema,
  CaseRecordedSchema,
  CasePenalizedSchema,
  CaseClosedSchema,
  EpcisCapturedSchema,
  FederationImportedSchema,
] as const;

/** What `decide` returns: the ledger adds actor and time (then v, position, prev and hash). */
export const EventDraftSchema = z.discriminatedUnion('type', drafts);
export type EventDraft = z.infer<typeof EventDraftSchema>;

export const DomainEventSchema = z.discriminatedUnion('type', [
  OperatorRegisteredSchema.extend(eventStamp),
  OperatorApprovedSchema.extend(eventStamp),
  OperatorRejectedSchema.extend(eventStamp),
  OperatorCertifiedSchema.extend(eventStamp),
  OperatorCertificationConfirmedSchema.extend(eventStamp),
  OperatorSuspendedSchema.extend(eventStamp),
  OperatorReinstatedSchema.extend(eventStamp),
  OperatorWithdrawnSchema.extend(eventStamp),
  LotCommissionedSchema.extend(eventStamp),
  LotRecordedSchema.extend(eventStamp),
  LotShippedSchema.extend(eventStamp),
  LotAcceptedSchema.extend(eventStamp),
  LotRejectedSchema.extend(eventStamp),
  LotProcessedSchema.extend(eventStamp),
  LotSoldSchema.extend(eventStamp),
  LotFrozenSchema.extend(eventStamp),
  LotReleasedSchema.extend(eventStamp),
  PrincipalCreatedSchema.extend(eventStamp),
  PrincipalRevokedSchema.extend(eventStamp),
  PersonalErasedSchema.extend(eventStamp),
  OperatorRevokedSchema.extend(eventStamp),
  InspectionRecordedSchema.extend(eventStamp),
  RectificationClosedSchema.extend(eventStamp),
  SamplingTaskCreatedSchema.extend(eventStamp),
  SampleTakenSchema.extend(eventStamp),
  SampleTestedSchema.extend(eventStamp),
  AlertRaisedSchema.extend(eventStamp),
  AlertReleasedSchema.extend(eventStamp),
  CaseOpenedSchema.extend(eventStamp),
  CaseRecordedSchema.extend(eventStamp),
  CasePenalizedSchema.extend(eventStamp),
  CaseClosedSchema.extend(eventStamp),
  EpcisCapturedSchema.extend(eventStamp),
  FederationImportedSchema.extend(eventStamp),
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** EVENT_TYPES lists every event type, for subscribers and exhaustive tests. */
export const EVENT_TYPES: readonly EventType[] = drafts.map((draft) => draft.shape.type.value);
