/** The outcome of deciding a command: events to append, or a rejection value. */
import type { EventDraft } from './events.js';
import type { Rejection, RejectionCode } from './rejections.js';

export type Refusal = { readonly ok: false; readonly rejection: Rejection };
export type Decision = { readonly ok: true; readonly events: readonly EventDraft[] } | Refusal;

/** A value a guard found, or why it refused. */
export type Checked<T> = { readonly ok: true; readonly value: T } | Refusal;

export function accept(...events: EventDraft[]): Decision {
  return { ok: true, events };
}

export function reject(code: RejectionCode, message: string, field?: string): Refusal {
  return { ok: false, rejection: field === undefined ? { code, message } : { code, message, field } };
}

export function found<T>(value: T): Checked<T> {
  return { ok: true, value };
}
