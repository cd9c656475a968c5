/**
 * The write path shared by every command route: the actor, the optional
 * Idempotency-Key, the ledger's outcome mapped to HTTP once (STYLE.md), and
 * a retry when a server-made trace code or record id happens to exist already.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Command } from '../domain/index.js';
import { CanonicalJsonError, canonicalJson } from '../hash/index.js';
import type { Idempotency, Receipt } from '../ledger/index.js';
import type { SealedEvent, VaultRow } from '../store/index.js';
import { toActor } from './auth/principal.js';
import type { ApiContext } from './context.js';
import { ProblemError, fromRejection } from './problem.js';
import type { ReceiptSchema } from './schemas/common.js';
import type { z } from 'zod';
import { IdempotencyKeySchema } from './zodApp.js';

export interface Written {
  readonly events: readonly SealedEvent[];
  /** The receipt, typed as the answers' schema (ReceiptSchema) types it. */
  readonly receipt: z.infer<typeof ReceiptSchema>;
  readonly replayed: boolean;
}

const CODE_RETRIES = 3;

/** actorOf: the domain actor of the caller, or 403 for a read-only principal. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = toActor(request.principal ?? undefined);
  if (!actor) throw new ProblemError('RoleForbidden', `a ${request.principal?.role} only reads`);
  return actor;
}

/**
 * submit decides `build()` as the caller and answers with its events and
 * receipt, or throws the problem. `freshCodes` says that build() draws new
 * random codes, so a CodeExists refusal is retried with new ones; `freshIds`
 * the same for the record ids of regulators (RecordExists). `vault`
 * holds the personal-data rows the command's events commit to: the ledger
 * writes them in the batch's transaction only if the command is accepted.
 */
export async function submit(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  build: () => Command,
  options: { freshCodes?: boolean; freshIds?: boolean; vault?: readonly VaultRow[] } = {},
): Promise<Written> {
  const actor = actorOf(request);
  refuseLoneSurrogates(request.body);
  const idempotency = idempotencyOf(request);
  const ledger = ctx.ledger;
  if (!ledger) {
    const elsewhere = ctx.writerUrl ? `; send writes to ${ctx.writerUrl}` : '';
    throw new ProblemError('ReadOnlyNode', `this API node follows the log and only reads${elsewhere}`);
  }
  for (let attempt = 0; ; attempt++) {
    const command = build();
    const outcome = await ledger.submit(command, actor, idempotency, options.vault ?? []);
    ctx.metrics.writes.inc({ command: command.type, outcome: outcome.ok ? 'accepted' : outcome.kind });
    if (outcome.ok) {
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return { events: outcome.events, receipt: outcome.receipt as Receipt as z.infer<typeof ReceiptSchema>, replayed: outcome.replayed };
    }
    switch (outcome.kind) {
      case 'rejected':
        if (attempt < CODE_RETRIES && isFreshClash(outcome.rejection.code, options)) continue;
        throw fromRejection(outcome.rejection);
      case 'idempotency-conflict':
        throw new ProblemError('IdempotencyKeyReused', outcome.message, { field: 'idempotency-key' });
      case 'unavailable':
        throw new ProblemError('Unavailable', outcome.message, { headers: { 'retry-after': '1' } });
    }
  }
}

/** isFreshClash: the refusal names a code or id that build() drew at random, so new ones may pass. */
function isFreshClash(code: string, options: { freshCodes?: boolean; freshIds?: boolean }): boolean {
  return (options.freshCodes === true && code === 'CodeExists') || (options.freshIds === true && code === 'RecordExists');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** loneSurrogateAt: the dotted path of the first string (or key) in `value` holding half a surrogate pair, if any. */
function loneSurrogateAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (LONE_SURROGATE.test(key)) return path || 'body';
    const found = loneSurrogateAt(inner, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * refuseLoneSurrogates: text with half a surrogate pair cannot be
 * canonicalised, so the ledger would refuse the command as a 422 naming no
 * field; the client sent it, so it is a 400 naming the field, before the
 * command is built.
 */
export function refuseLoneSurrogates(body: unknown): void {
  const field = loneSurrogateAt(body, '');
  if (field === undefined) return;
  const message = 'text holds a lone surrogate (half of a UTF-16 pair): send well-formed Unicode';
  throw new ProblemError('ValidationFailed', `body ${field || 'body'}: ${message}`, {
    field: field || 'body',
    errors: [{ field: field || 'body', code: 'ValidationFailed', message }],
  });
}

/**
 * canonicalRequest: the JCS text an Idempotency-Key's request hash covers. A
 * body the canonicaliser refuses (a lone surrogate, say) could never be
 * logged either: it is the client's mistake, so a 400 naming the field.
 */
function canonicalRequest(request: FastifyRequest): string {
  try {
    return canonicalJson({ method: request.method, url: request.url, body: request.body ?? null });
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    const field = error.path.replace(/\[(\d+)\]/g, '.$1').replace(/^\$\.body\.?/, '') || 'body';
    throw new ProblemError('ValidationFailed', `body ${field}: ${error.message}`, { field });
  }
}

export function idempotencyOf(request: FastifyRequest): Idempotency | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = IdempotencyKeySchema.safeParse(header);
  if (!key.success) {
    throw new ProblemError('InvalidIdempotencyKey', 'Idempotency-Key must be 1–255 printable ASCII characters', {
      field: 'idempotency-key',
    });
  }
  const principal = request.principal?.id ?? 'public';
  const requestHash = createHash('sha256').update(canonicalRequest(request)).digest('hex');
  return { principal, key: key.data, requestHash };
}
