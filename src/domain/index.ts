/**
 * The domain's public surface: pure deciders and evolvers for operators and
 * lots, their command and event schemas, and the identifier codes. No I/O, no
 * clock, no randomness: time, fresh codes and digests arrive on commands.
 */
export { decide } from './decide.js';
export { changesOf, evolve, foldEvents } from './evolve.js';
export type { Checked, Decision, Refusal } from './decision.js';
export { REJECTIONS, isRejectionCode, issueRejection } from './rejections.js';
export type { Rejection, RejectionCode, RejectionKind, SchemaIssue } from './rejections.js';

export {
  AUTHORITY_ACTOR_PREFIX,
  AUTHORITY_ROLES,
  ActorSchema,
  CommandContextSchema,
  OPERATOR_ACTOR_PREFIX,
  PUBLIC_ACTOR,
  SUBSCRIBER_ACTOR_PREFIX,
  actorId,
  operatorOfActorId,
  parseActorId,
} from './actor.js';
export type { Actor, AuthorityActor, AuthorityRole, CommandContext, OperatorActor, ParsedActorId, SubscriberActor } from './actor.js';
export { CommandSchema } from './commands.js';
export type { Command, CommandType } from './commands.js';
export { DomainEventSchema, EVENT_TYPES, EventDraftSchema } from './events.js';
export type { DomainEvent, EventDraft, EventOf, EventType } from './events.js';

export { STATE_VERSION, lotIn, operatorIn } from './state.js';
export type { EntityState, RecordState, StateView } from './state.js';
export {
  CAPTURED_TAG_PREFIX,
  LOT_TAG_PREFIX,
  OPERATOR_TAG_PREFIX,
  RECORD_KINDS,
  capturedTag,
  isLotTag,
  lotTag,
  operatorTag,
  parseTag,
  recordTag,
} from './tags.js';
export * from './epcis/index.js';
export * from './federation/index.js';
export type { ParsedTag, RecordKind } from './tags.js';

export {
  CERTIFICATION_DECLARERS,
  CertificationRefSchema,
  CertifyOperatorSchema,
  ChangeOperatorStatusSchema,
  ConfirmCertificationSchema,
  ContactSchema,
  OPERATOR_KINDS,
  OPERATOR_ROLES,
  OPERATOR_STATUSES,
  RegisterOperatorSchema,
  ReviewOperatorSchema,
  isCertification,
} from './operator/index.js';
export type {
  CertificationDeclarer,
  CertificationRef,
  CertifyOperator,
  ChangeOperatorStatus,
  ConfirmCertification,
  Contact,
  HeldCertification,
  OperatorHistoryEntry,
  OperatorKind,
  OperatorRole,
  OperatorState,
  OperatorStatus,
  RegisterOperator,
  ReviewOperator,
} from './operator/index.js';

export {
  AcceptLotSchema,
  ClaimSchema,
  CommissionLotSchema,
  FreezeLotSchema,
  LotPortionSchema,
  ProcessLotsSchema,
  ProcessOutputSchema,
  ProductionRecordSchema,
  RecipientSchema,
  RecordLotSchema,
  RejectLotSchema,
  ReleaseLotSchema,
  SellLotSchema,
  ShipLotSchema,
  LINK_VIAS,
  LOT_ORIGINS,
  LOT_STATUSES,
  ObjectLot,
  applyLot,
  baseStatus,
  childLinks,
  descendants,
  expectedAvailable,
  keeperOf,
  withChildren,
} from './lot/index.js';
export type {
  AcceptLot,
  ChildLink,
  KeeperFields,
  Claim,
  CommissionLot,
  FreezeLot,
  FrozenInfo,
  LinkVia,
  LotCounter,
  LotOrigin,
  LotPort,
  LotPortion,
  LotState,
  LotStatus,
  ParentLink,
  ProcessLots,
  ProcessOutput,
  ProductionRecord,
  Recipient,
  RecordLot,
  RejectLot,
  ReleaseLot,
  SellLot,
  ShipLot,
  UnfrozenStatus,
} from './lot/index.js';

export {
  BOOTSTRAP_ADMIN_ID,
  CreatePrincipalSchema,
  LOG_ROLES,
  PRINCIPAL_ROLES,
  PRINCIPALS_TAG,
  PrincipalIdSchema,
  REGIONAL_ROLES,
  RESERVED_PRINCIPAL_IDS,
  RegionPrefixSchema,
  RevokePrincipalSchema,
  isReservedPrincipalId,
  principalIdOf,
  principalIn,
  principalTag,
} from './principal/index.js';
export type { CreatePrincipal, PrincipalRole, PrincipalState, RevokePrincipal } from './principal/index.js';

export { ErasePersonalSchema, PERSONAL_TAG_PREFIX, PersonalErasedSchema, personalTag } from './personal/index.js';
export type { ErasePersonal } from './personal/index.js';

export * from './codes/index.js';
export * from './values/index.js';

export {
  CloseRectificationSchema,
  INSPECTION_KINDS,
  INSPECTION_RESULTS,
  RecordInspectionSchema,
  isOverdue,
} from './supervision/index.js';
export type { CloseRectification, InspectionKind, InspectionResult, InspectionState, RecordInspection } from './supervision/index.js';
export {
  AffectedBuyerSchema,
  CreateSamplingTaskSchema,
  HolderSchema,
  RecordResultSchema,
  ReleaseAlertSchema,
  SAMPLING_KINDS,
  TakeSampleSchema,
  TaskRegionSchema,
  TestItemResultSchema,
  VERDICTS,
  alertIdOf,
  hasGoods,
  recallOf,
} from './monitoring/index.js';
export type {
  AlertState,
  CreateSamplingTask,
  Recall,
  RecordResult,
  ReleaseAlert,
  SampleState,
  SamplingKind,
  TakeSample,
  TaskState,
  TestItemResult,
  Verdict,
} from './monitoring/index.js';
export {
  CASE_RECORD_KINDS,
  CloseCaseSchema,
  OpenCaseSchema,
  PENALTY_TYPES,
  PenalizeSchema,
  RecordCaseSchema,
} from './enforcement/index.js';
export type {
  CaseRecordKind,
  CaseState,
  CloseCase,
  OpenCase,
  Penalize,
  PenaltyEntry,
  PenaltyType,
  RecordCase,
} from './enforcement/index.js';
