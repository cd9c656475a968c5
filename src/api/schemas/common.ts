/** Schemas shared by many routes: problems, receipts, trace codes in paths and bodies, events. */
import { z } from 'zod';
import { DigestSchema, normalizeTraceCode, validateTraceCode } from '../../domain/index.js';
import { ProblemError } from '../problem.js';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().describe('stable machine code, e.g. InsufficientQuantity'),
    field: z.string().optional().describe('dotted path of the failing field, e.g. quantity.amount'),
    errors: z.array(z.object({ field: z.string(), pointer: z.string().optional(), code: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const PROBLEM_RESPONSE = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

/** problems declares the problem responses a route may give, for the OpenAPI document. */
export function problems(...statuses: number[]): Record<number, typeof PROBLEM_RESPONSE> {
  return Object.fromEntries(statuses.map((status) => [status, PROBLEM_RESPONSE]));
}

/** A SHA-256 digest in lower-case hex, as the log writes them. */
export const HexSchema = DigestSchema;

export const ReceiptSchema = z
  .object({
    size: z.int().describe('log size of the checkpoint that covers the events'),
    checkpoint: z.string().describe('C2SP signed note; verify with GET /v1/log/key'),
    events: z.array(
      z.object({
        position: z.int(),
        hash: HexSchema,
        inclusion: z.array(HexSchema).describe('RFC 9162 audit path, leaf side first'),
      }),
    ),
  })
  .meta({ id: 'LedgerReceipt', description: 'proof that the write is in the signed log' });

/** A trace code as people type it: groups of four with spaces or hyphens are fine. */
export const TraceCodeInputSchema = z
  .string()
  .max(64)
  .superRefine((text, ctx) => {
    const reasons = validateTraceCode(text);
    if (reasons.length > 0) ctx.addIssue({ code: 'custom', message: reasons.join('; '), params: { rejection: 'InvalidTraceCode' } });
  })
  .transform(normalizeTraceCode)
  .describe('20-digit trace code (追溯码); spaces and hyphens between groups are ignored');

export const CodeParamsSchema = z.object({ code: TraceCodeInputSchema });

/**
 * The hot lookup route takes the code as typed and checks it only when the
 * read model does not know it (checkedCode): a known code is valid by
 * construction, and the check would cost more than the lookup.
 */
export const RawCodeParamsSchema = z.object({
  code: z.string().max(64).describe('20-digit trace code (追溯码); spaces and hyphens between groups are ignored'),
});

/** checkedCode returns the canonical code, or throws the same 400 problem as TraceCodeInputSchema. */
export function checkedCode(text: string): string {
  const reasons = validateTraceCode(text);
  if (reasons.length === 0) return normalizeTraceCode(text);
  const message = reasons.join('; ');
  throw new ProblemError('ValidationFailed', `params code: ${message}`, {
    field: 'code',
    errors: [{ field: 'code', code: 'InvalidTraceCode', message }],
  });
}

/** An event as stored and hashed (DESIGN §4). */
export const SealedEventSchema = z
  .object({
    v: z.union([z.literal(1), z.literal(2)]),
    position: z.int(),
    type: z.string(),
    time: z.string(),
    actor: z.string(),
    tags: z.array(z.string()),
    data: z.unknown(),
    prev: z.array(HexSchema),
    hash: HexSchema,
  })
  .meta({ id: 'Event' });
