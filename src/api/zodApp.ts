/** The fastify instance type the routes use: zod schemas for params, bodies and answers. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export type ZodApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** An Idempotency-Key: 1–255 printable ASCII characters, no spaces (the one pattern the docs and the write path share). */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'Idempotency-Key: 1–255 printable ASCII characters')
  .describe('retrying with the same key answers the first outcome again instead of writing twice');

/** The optional Idempotency-Key header of every write (other headers pass untouched). */
export const WriteHeaders = z.looseObject({ 'idempotency-key': IdempotencyKeySchema.optional() });

export const BEARER = [{ bearer: [] }];
