/**
 * A provenance bundle: the events of a code's upstream lineage with their
 * inclusion proofs against one signed checkpoint, verifiable offline with
 * nothing but the log's public key (verifyBundle.ts). The API builds and
 * serves it (src/api/proof/bundle.ts) with this schema.
 */
import { z } from 'zod';
import { DigestSchema as HexSchema } from '../domain/index.js';

const EventBodySchema = z.object({
  v: z.literal(1),
  position: z.int().min(0),
  type: z.string(),
  time: z.string(),
  actor: z.string(),
  tags: z.array(z.string()),
  data: z.unknown(),
  prev: z.array(z.string()),
});

/**
 * An entry is disclosed (`event` present: its hash is recomputed) or, in
 * public bundles, redacted when the event names a buyer or a lot outside the
 * lineage: then only its hash, tags and prev are given, and its inclusion is
 * still proved.
 */
export const BundleEntrySchema = z.object({
  position: z.int().min(0),
  hash: HexSchema,
  inclusion: z.array(HexSchema),
  event: EventBodySchema.optional(),
  redacted: z.literal(true).optional(),
  tags: z.array(z.string()).optional().describe('redacted entries: the tags the log holds'),
  prev: z.array(z.string()).optional().describe('redacted entries: the prev links the log holds'),
});
export type BundleEntry = z.infer<typeof BundleEntrySchema>;

export const ProofBundleSchema = z
  .object({
    format: z.literal('suyuan-proof-bundle/1'),
    code: z.string(),
    checkpoint: z.string().describe('C2SP signed note covering every entry'),
    size: z.int(),
    lots: z.array(z.string()).describe("lots whose whole event chain (up to the checkpoint) is in the bundle: the code's upstream lineage"),
    events: z.array(BundleEntrySchema),
    truncated: z.boolean().describe('the lineage was cut short by a size limit'),
  })
  .meta({ id: 'ProofBundle' });
export type ProofBundle = z.infer<typeof ProofBundleSchema>;
