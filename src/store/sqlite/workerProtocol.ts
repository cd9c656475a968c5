import { DuplicateIdempotencyKeyError, DuplicateVaultRefError, SignedEventsError } from '../errors.js';
import type { AccessRecord, AppendBatch, AppendResult, EraseOutcome } from '../port.js';

/** What the sqlite writer's worker is started with. */
export interface WorkerOptions {
  readonly path: string;
  /** The inode of the file the store's main connection opened: the worker writes to that file only. */
  readonly inode: number;
}

/** One batch for the worker; `failInside` makes its transaction throw that error after the rows are written (a test hook). */
export interface AppendRequest {
  readonly id: number;
  readonly op: 'append';
  readonly batch: AppendBatch;
  readonly failInside?: ErrorReply;
  /** Test hook (AppendFaults.workerExit): end the worker before writing the batch, or after committing it. */
  readonly exit?: 'before' | 'after';
}

/** The store's other writes, so that every write of the log's writer is on the worker's connection. */
export type WriteRequest =
  | AppendRequest
  | { readonly id: number; readonly op: 'erase'; readonly ref: string; readonly erasedAt: string }
  | { readonly id: number; readonly op: 'access'; readonly record: AccessRecord }
  | { readonly id: number; readonly op: 'drop'; readonly position: number };

/** What each request's reply carries. */
export interface WriteResults {
  readonly append: AppendResult;
  readonly erase: EraseOutcome;
  readonly access: undefined;
  readonly drop: number;
}

/** A thrown error as it crosses the thread: the store's own errors keep their fields. */
export type ErrorReply =
  | { readonly kind: 'duplicate-key'; readonly principal: string; readonly key: string }
  | { readonly kind: 'duplicate-ref'; readonly ref: string }
  | { readonly kind: 'signed-events'; readonly position: number; readonly signedSize: number }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly code?: string };

export type WriteReply =
  | { readonly id: number; readonly result: WriteResults[keyof WriteResults] }
  | { readonly id: number; readonly error: ErrorReply };

/** What the worker posts: once `ready` when it has opened the log, then one reply a request. */
export type WorkerMessage = { readonly ready: true } | WriteReply;

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof DuplicateIdempotencyKeyError) return { kind: 'duplicate-key', principal: error.principal, key: error.key };
  if (error instanceof DuplicateVaultRefError) return { kind: 'duplicate-ref', ref: error.ref };
  if (error instanceof SignedEventsError) return { kind: 'signed-events', position: error.position, signedSize: error.signedSize };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { kind: 'other', name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The error the worker threw, rebuilt on the main thread (an unknown error stays an unknown error). */
export function errorOf(reply: ErrorReply): Error {
  if (reply.kind === 'duplicate-key') return new DuplicateIdempotencyKeyError(reply.principal, reply.key);
  if (reply.kind === 'duplicate-ref') return new DuplicateVaultRefError(reply.ref);
  if (reply.kind === 'signed-events') return new SignedEventsError(reply.position, reply.signedSize);
  const error = new Error(reply.message);
  error.name = reply.name;
  if (reply.code !== undefined) Object.assign(error, { code: reply.code });
  return error;
}
