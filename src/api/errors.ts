/**
 * Every error code the HTTP edge answers with, besides the domain's
 * rejections (src/domain/rejections.ts), and how a rejection kind maps to
 * an HTTP status. One file, as @fastify/rate-limit keeps its codes.
 */
import { REJECTIONS, type RejectionCode, type RejectionKind } from '../domain/index.js';

export const API_ERRORS = {
  ValidationFailed: { status: 400, title: 'The request does not match its schema' },
  MalformedBody: { status: 400, title: 'The request body is not valid JSON' },
  InvalidIdempotencyKey: { status: 400, title: 'The Idempotency-Key header must be 1–255 printable ASCII characters' },
  InvalidQuery: { status: 400, title: 'The query cannot be answered as asked' },
  MalformedUrl: { status: 400, title: 'The URL is not valid percent-encoded UTF-8' },
  Unauthorized: { status: 401, title: 'A valid API key is required' },
  InvalidKey: { status: 401, title: 'The API key is not known' },
  KeyRevoked: { status: 401, title: 'The API key has been revoked' },
  WitnessRefused: { status: 403, title: 'The cosignature is not by a witness this log accepts, or does not verify' },
  RoleForbidden: { status: 403, title: 'This principal may not use this route' },
  NotFound: { status: 404, title: 'No such resource' },
  UnknownCheckpoint: { status: 404, title: 'This log signed no checkpoint of that size' },
  UnknownActivation: { status: 404, title: 'No such activation: it was never issued, or was redeemed already' },
  MethodNotAllowed: { status: 405, title: 'The method is not allowed here' },
  NotAcceptable: { status: 406, title: 'No representation matches the Accept header' },
  UnknownCaptureJob: { status: 404, title: 'No such EPCIS capture job of this key (jobs are kept in memory, the most recent 10,000)' },
  NotMarketEntryCertificate: { status: 409, title: 'Only a market-entry certificate (kind-3 lot) has a certificate page' },
  ActivationExpired: { status: 410, title: 'The activation expired before it was redeemed' },
  PayloadTooLarge: { status: 413, title: 'The request body is too large' },
  UriTooLong: { status: 414, title: 'A path segment of the URL is too long' },
  UnsupportedMediaType: { status: 415, title: 'Send the body as application/json' },
  EpcisInvalid: { status: 400, title: 'The EPCIS document does not validate against the EPCIS 2.0 JSON schema' },
  EpcisNotCapturable: { status: 422, title: 'An EPCIS event cannot be captured here (it references no Suyuan lot, or is too large)' },
  IdempotencyKeyReused: { status: 422, title: 'This Idempotency-Key was used with another request' },
  RateLimited: { status: 429, title: 'Too many requests; retry later' },
  Internal: { status: 500, title: 'Internal error' },
  Unavailable: { status: 503, title: 'The ledger cannot take writes right now' },
  ProofUnavailable: {
    status: 503,
    title: 'This node cannot build the proof now: its Merkle leaf file failed its check and is being put right from the log',
  },
  CaptureUnavailable: { status: 503, title: 'EPCIS capture is not configured on this node (no EPCIS 2.0 JSON schema)' },
  NotReady: { status: 503, title: 'This node is not ready to serve (the reason is in the detail)' },
  StaleReader: { status: 503, title: 'This read-only node has not verified the writer’s latest state recently' },
  AppNotBuilt: { status: 503, title: 'The field app is not built on this server: run `npm run build:app`' },
  ReadOnlyNode: { status: 503, title: 'This API node only reads; writes go to the writer node' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;
export type ProblemCode = ApiErrorCode | RejectionCode;

const STATUS_OF_KIND: Record<RejectionKind, number> = {
  invalid: 422,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

/** statusOf returns the HTTP status of an API error or a domain rejection. */
export function statusOf(code: ProblemCode): number {
  if (Object.hasOwn(API_ERRORS, code)) return API_ERRORS[code as ApiErrorCode].status;
  return STATUS_OF_KIND[REJECTIONS[code as RejectionCode].kind];
}

/** titleOf returns the short human title of a code. */
export function titleOf(code: ProblemCode): string {
  if (Object.hasOwn(API_ERRORS, code)) return API_ERRORS[code as ApiErrorCode].title;
  return REJECTIONS[code as RejectionCode].description;
}

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(API_ERRORS, value) || Object.hasOwn(REJECTIONS, value);
}
