/** src/ledger: the single-writer sequencer with group commit and receipts. */
export type { Decision, EventDraft, LedgerDomain, StampedEvent } from './domainPort.js';
export { Ledger, type OpenLedgerOptions } from './ledger.js';
export { idempotencyRequest, type Idempotency, type IdempotencyRequest } from './idempotency.js';
export { LogIntegrityError } from './recover.js';
export { StoreBehindSignedLogError, UnsignedTailError } from './refusals.js';
export type { Outcome, Receipt, ReceiptEvent } from './receipt.js';
export { DEFAULT_BATCH, type BatchOptions, type WriterHealth } from './sequencer.js';
export type { CommitListener, FailedListener, ListenerErrorHandler } from './listeners.js';
export { DEFAULT_ORIGIN, loadLogKey, type LogKey } from './signingKey.js';
export { verifyReceipt, type ReceiptFailureReason, type ReceiptVerdict } from './verifyReceipt.js';
export { SNAPSHOT_VERSION, openSuyuanLedger, suyuanDomain, suyuanEntities, suyuanHeads, type SuyuanLedger } from './suyuanDomain.js';
export { readLedgerSnapshot, stateDigest, stateDigestPaced, writeLedgerSnapshot, type LedgerSnapshot } from './snapshot.js';
