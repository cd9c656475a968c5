/**
 * The read answers as zod schemas, for the OpenAPI document and response
 * encoding. The read model's views are defined once, in src/projections
 * (their TypeScript types are inferred from the same schemas); principals
 * are the API's own.
 */
import { z } from 'zod';

export { HoldingsSchema, LineageViewSchema, LotViewSchema, OperatorPageSchema, OperatorViewSchema } from '../../projections/index.js';

export const PrincipalViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  region: z.string().optional(),
  operatorId: z.string().optional(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  revokedAt: z.string().optional(),
});
