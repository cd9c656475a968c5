/**
 * The format-1 proof bundle, still verified (verifyBundleV1.ts): public
 * bundles of this format kept the tags and prev of redacted events, which
 * named child lots and recipients; the API now serves format 2 (bundleSchema.ts).
 */
import { z } from 'zod';
import { DigestSchema as HexSchema } from '../domain/index.js';
import { EventBodySchema } from './bundleSchema.js';

export const BundleEntryV1Schema = z.object({
  position: z.int().min(0),
  hash: HexSchema,
  inclusion: z.array(HexSchema),
  event: EventBodySchema.optional(),
  redacted: z.literal(true).optional(),
  tags: z.array(z.string()).optional(),
  prev: z.array(z.string()).optional(),
});
export type BundleEntryV1 = z.infer<typeof BundleEntryV1Schema>;

export const ProofBundleV1Schema = z.object({
  format: z.literal('suyuan-proof-bundle/1'),
  code: z.string(),
  checkpoint: z.string(),
  size: z.int(),
  lots: z.array(z.string()),
  events: z.array(BundleEntryV1Schema),
  truncated: z.boolean(),
});
export type ProofBundleV1 = z.infer<typeof ProofBundleV1Schema>;
