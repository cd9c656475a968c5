/**
 * Every rejection a decider can return, with a stable machine code. The
 * `kind` says what sort of failure it is so that the edge can map it once
 * (invalid → 422, forbidden → 403, not-found → 404, conflict → 409).
 */
export const REJECTIONS = {
  // The command itself
  InvalidCommand: { kind: 'invalid', description: 'the command does not match its schema' },
  InvalidQuantity: { kind: 'invalid', description: 'an amount is not positive, too large or has more than 3 decimals' },
  InvalidTraceCode: { kind: 'invalid', description: 'a trace code is malformed or fails its check digits' },
  UnknownRegion: { kind: 'invalid', description: 'a region code is not in GB/T 2260' },
  InvalidUscc: { kind: 'invalid', description: 'a unified social credit code fails GB 32100 or GB 11714' },
  InvalidCitizenId: { kind: 'invalid', description: 'a citizen identity number fails GB 11643' },
  InvalidGtin: { kind: 'invalid', description: 'a GTIN is not 8, 12, 13 or 14 digits or fails its GS1 check digit' },
  IdentityRequired: { kind: 'invalid', description: 'the operator needs a USCC, or a citizen ID and its digest' },
  OperatorIdMismatch: { kind: 'invalid', description: "an organisation's operator id must be its USCC" },
  ReasonRequired: { kind: 'invalid', description: 'the decision needs a reason' },
  InvalidValidity: { kind: 'invalid', description: 'a certification must end after it starts' },
  FutureDate: { kind: 'invalid', description: 'a date lies after the time of the command' },
  WrongCodeKind: { kind: 'invalid', description: 'a fresh trace code has the wrong kind digit for its use' },
  CodeRegionMismatch: { kind: 'invalid', description: "a fresh trace code's region is not the issuing operator's" },
  CertificateMismatch: { kind: 'invalid', description: 'a certificate of compliance does not match the lot quantity' },
  MergeNeedsOneOutput: { kind: 'invalid', description: 'a merge makes exactly one output lot' },
  QuantityMismatch: { kind: 'invalid', description: "a merge output's quantity must equal the sum of its inputs" },
  DuplicateInput: { kind: 'invalid', description: 'the same lot appears twice among the inputs' },
  DuplicateOutput: { kind: 'invalid', description: 'the same code appears twice among the outputs' },
  InvalidScope: { kind: 'invalid', description: "a principal's region or operator does not fit its role" },
  // Invalid, not a conflict: no state of the ledger makes these ids acceptable, so retrying cannot help.
  DeadlineRequired: { kind: 'invalid', description: 'a rectification order needs its deadline (rectifyBy)' },
  InvalidDeadline: { kind: 'invalid', description: 'a deadline has passed already, or is given where none belongs' },
  VerdictMismatch: { kind: 'invalid', description: "a result's overall verdict must be fail exactly when a test item fails" },
  AmountRequired: { kind: 'invalid', description: 'a fine needs its amount' },
  OperatorRequired: { kind: 'invalid', description: 'no operator holds the lot: the command must name where it was sampled' },
  DuplicateEvent: { kind: 'invalid', description: 'the same EPCIS event (by its event hash) appears twice in one capture' },
  PersonalData: { kind: 'invalid', description: 'a captured EPCIS event holds personal data (a citizen ID or mobile number)' },
  ReservedPrincipalId: { kind: 'invalid', description: 'the principal id is the name of a built-in caller (admin, public, system…)' },

  // Who may act
  Forbidden: { kind: 'forbidden', description: 'this actor may not issue this command' },
  OutOfRegion: { kind: 'forbidden', description: "the target lies outside the authority's region" },
  NationwideLogPrincipal: { kind: 'forbidden', description: 'only the bootstrap admin creates a nationwide auditor or subscriber' },
  NotHolder: { kind: 'forbidden', description: 'only the operator holding the lot may do this' },
  NotRecipient: { kind: 'forbidden', description: 'only the operator the lot was shipped to may do this' },
  NotRegistrant: {
    kind: 'forbidden',
    description: 'only its registrant, the operator or a reviewer may file a rejected registration again',
  },
  NotProducer: { kind: 'forbidden', description: 'only an operator registered as a producer may commission lots' },
  NotConcerned: { kind: 'forbidden', description: 'an operator captures EPCIS events only about lots it issued, holds or receives' },
  NotSender: { kind: 'forbidden', description: 'only the sender of a captured EPCIS event may declare it erroneous' },
  OperatorNotApproved: { kind: 'forbidden', description: 'the operator has not been approved' },
  OperatorSuspended: { kind: 'forbidden', description: 'the operator is suspended' },
  OperatorWithdrawn: { kind: 'forbidden', description: 'the operator has withdrawn' },
  OperatorRevoked: { kind: 'forbidden', description: "the operator's registration is revoked (吊销)" },

  // What does not exist
  UnknownOperator: { kind: 'not-found', description: 'no operator has this id' },
  UnknownLot: { kind: 'not-found', description: 'no lot has this trace code' },
  UnknownCertification: { kind: 'not-found', description: 'the operator holds no certification with this number' },
  UnknownPrincipal: { kind: 'not-found', description: 'no API principal has this id' },
  UnknownInspection: { kind: 'not-found', description: 'no inspection has this id' },
  UnknownTask: { kind: 'not-found', description: 'no sampling task has this id' },
  UnknownSample: { kind: 'not-found', description: 'no sample has this id' },
  UnknownAlert: { kind: 'not-found', description: 'no alert has this id' },
  UnknownEvent: { kind: 'not-found', description: 'no captured EPCIS event has this event hash' },
  UnknownCase: { kind: 'not-found', description: 'no enforcement case has this id' },

  // What the current state refuses
  OperatorExists: { kind: 'conflict', description: 'an operator with this id is already registered' },
  OperatorNotPending: { kind: 'conflict', description: 'only a pending registration can be reviewed' },
  OperatorNotSuspended: { kind: 'conflict', description: 'only a suspended operator can be reinstated' },
  CertificationExists: { kind: 'conflict', description: 'this certification is recorded already, as it is' },
  CodeExists: { kind: 'conflict', description: 'a lot with this trace code already exists' },
  CycleRefused: { kind: 'conflict', description: 'a lot cannot be made from itself' },
  SelfHandOff: { kind: 'conflict', description: 'an operator cannot ship to itself' },
  InsufficientQuantity: { kind: 'conflict', description: 'more than the lot has available' },
  UnitMismatch: { kind: 'conflict', description: 'units differ and no processing step converts them' },
  LotFrozen: { kind: 'conflict', description: 'the lot is frozen' },
  LotInTransit: { kind: 'conflict', description: 'the lot is in transit and not yet accepted' },
  LotDepleted: { kind: 'conflict', description: 'nothing is left of the lot' },
  LotMerged: { kind: 'conflict', description: 'the lot was merged into another' },
  LotRejected: { kind: 'conflict', description: 'the lot was refused by its recipient and returned' },
  NotInTransit: { kind: 'conflict', description: 'only a lot in transit can be accepted or rejected' },
  AlreadyFrozen: { kind: 'conflict', description: 'the lot (and every descendant asked for) is frozen already' },
  NotFrozen: { kind: 'conflict', description: 'the lot (and every descendant asked for) is not frozen' },
  AlreadyConfirmed: { kind: 'conflict', description: 'the certification is confirmed by a reviewer already' },
  CertificationExpired: { kind: 'conflict', description: 'the claimed certification has expired' },
  CertificationNotYetValid: { kind: 'conflict', description: 'the claimed certification is not valid yet' },
  PrincipalExists: { kind: 'conflict', description: 'an API principal with this id exists already' },
  PrincipalRevoked: { kind: 'conflict', description: 'the API principal is revoked already' },
  RecordExists: { kind: 'conflict', description: 'an inspection, task, sample or case with this id exists already' },
  NoRectification: { kind: 'conflict', description: 'the inspection ordered no rectification' },
  RectificationClosed: { kind: 'conflict', description: 'the rectification is closed already' },
  OutsideTask: { kind: 'conflict', description: "the sample lies outside the task's region or product categories" },
  TaskOverdue: { kind: 'conflict', description: 'the sampling task is past its due date' },
  SampleTested: { kind: 'conflict', description: 'the sample has its result already' },
  AlertReleased: { kind: 'conflict', description: 'the alert is released already' },
  CaseClosed: { kind: 'conflict', description: 'the case is closed' },
  EventCaptured: { kind: 'conflict', description: 'the EPCIS event (by its event hash) is captured already' },
  UnderRecall: { kind: 'conflict', description: 'an open risk alert holds the lot: it is released with the alert' },
} as const satisfies Record<string, { kind: RejectionKind; description: string }>;

export type RejectionKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict';
export type RejectionCode = keyof typeof REJECTIONS;

/** A command refused by the domain: a stable code, a human message and the offending field path. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  /** Dotted path into the command, e.g. "quantity.amount" or "inputs.1.code". */
  readonly field?: string;
}

export function isRejectionCode(value: unknown): value is RejectionCode {
  return typeof value === 'string' && Object.hasOwn(REJECTIONS, value);
}

/**
 * A schema issue as zod reports it, wherever it was found: the domain's own
 * parse of a command, or the API's validation of a request. A check that
 * knows its rejection code (identifiers, amounts) sets `params.rejection`.
 */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly params?: { readonly rejection?: unknown } | undefined;
}

/**
 * issueRejection turns one schema issue into a rejection: the code the check
 * named, else `fallback`; the dotted field path under `prefix`, if any.
 */
export function issueRejection<Fallback extends string>(
  issue: SchemaIssue,
  fallback: Fallback,
  prefix?: string,
): { readonly code: RejectionCode | Fallback; readonly message: string; readonly field: string | undefined } {
  const named = issue.params?.rejection;
  const field = [...(prefix === undefined ? [] : [prefix]), ...issue.path.map(String)].join('.');
  return { code: isRejectionCode(named) ? named : fallback, message: issue.message, field: field === '' ? undefined : field };
}
