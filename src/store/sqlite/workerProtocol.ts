import { DuplicateIdempotencyKeyError, DuplicateVaultRefError } from '../errors.js';
import type { AppendBatch, AppendResult } from '../port.js';

/** What the append worker is started with. */
export interface WorkerOptions {
  readonly path: string;
  /** The inode of the file the store's main connection opened: the worker writes to that file only. */
  readonly inode: number;
}

/** One batch for the worker; `failInside` makes its transaction throw that error after the rows are written (a test hook). */
export interface AppendRequest {
  readonly id: number;
  readonly batch: AppendBatch;
  readonly failInside?: ErrorReply;
  /** Test hook (AppendFaults.workerExit): end the worker before writing the batch, or after committing it. */
  readonly exit?: 'before' | 'after';
}

/** A thrown error as it crosses the thread: the store's own errors keep their fields. */
export type ErrorReply =
  | { readonly kind: 'duplicate-key'; readonly principal: string; readonly key: string }
  | { readonly kind: 'duplicate-ref'; readonly ref: string }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly code?: string };

export type AppendReply = { readonly id: number; readonly result: AppendResult } | { readonly id: number; readonly error: ErrorReply };

/** What the worker posts: once `ready` when it has opened the log, then one reply a batch. */
export type WorkerMessage = { readonly ready: true } | AppendReply;

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof DuplicateIdempotencyKeyError) return { kind: 'duplicate-key', principal: error.principal, key: error.key };
  if (error instanceof DuplicateVaultRefError) return { kind: 'duplicate-ref', ref: error.ref };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { kind: 'other', name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The error the worker threw, rebuilt on the main thread (an unknown error stays an unknown error). */
export function errorOf(reply: ErrorReply): Error {
  if (reply.kind === 'duplicate-key') return new DuplicateIdempotencyKeyError(reply.principal, reply.key);
  if (reply.kind === 'duplicate-ref') return new DuplicateVaultRefError(reply.ref);
  const error = new Error(reply.message);
  error.name = reply.name;
  if (reply.code !== undefined) Object.assign(error, { code: reply.code });
  return error;
}
