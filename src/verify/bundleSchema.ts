/**
 * A provenance bundle: the events of a code's upstream lineage with their
 * inclusion proofs against one signed checkpoint, verifiable offline with
 * nothing but the log's public key (verifyBundle.ts). The API builds and
 * serves it (src/api/proof/bundle.ts) with this schema. Format 2 is current;
 * format 1 bundles (bundleSchemaV1.ts) are still verified.
 */
import { z } from 'zod';
import { DigestSchema as HexSchema } from '../domain/index.js';

export const BUNDLE_FORMAT = 'suyuan-proof-bundle/2';

/** EventBodySchema is what an event's hash covers (src/hash/event.ts). */
export const EventBodySchema = z.object({
  v: z.union([z.literal(1), z.literal(2)]).describe('event format: 2 keeps personal data in the vault'),
  position: z.int().min(0),
  type: z.string(),
  time: z.string(),
  actor: z.string(),
  tags: z.array(z.string()),
  data: z.unknown(),
  prev: z.array(z.string()),
});
export type EventBody = z.infer<typeof EventBodySchema>;

/** DisclosedEntrySchema: an event given in full, so its hash is recomputed from the body. */
export const DisclosedEntrySchema = z.strictObject({
  position: z.int().min(0),
  hash: HexSchema,
  inclusion: z.array(HexSchema),
  event: EventBodySchema,
});
export type DisclosedEntry = z.infer<typeof DisclosedEntrySchema>;

/**
 * MinimalEntrySchema: an event of a lineage lot's chain that is off the path
 * from the code to its origins, in public bundles. It says that the lot had an
 * event here and nothing about it: no type, tags, codes or operator ids. Its
 * inclusion is proved; its `prev` is stated, not proved (the hash covers it,
 * but the rest of the body is withheld).
 */
export const MinimalEntrySchema = z.strictObject({
  position: z.int().min(0),
  hash: HexSchema,
  prev: z.array(HexSchema),
  inclusion: z.array(HexSchema),
});
export type MinimalEntry = z.infer<typeof MinimalEntrySchema>;

export const BundleEntrySchema = z.union([DisclosedEntrySchema, MinimalEntrySchema]);
export type BundleEntry = z.infer<typeof BundleEntrySchema>;

export const ProofBundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    code: z.string(),
    checkpoint: z.string().describe('C2SP signed note covering every entry'),
    size: z.int(),
    lots: z.array(z.string()).describe("lots whose whole event chain (up to the checkpoint) is in the bundle: the code's upstream lineage"),
    chains: z
      .record(z.string(), z.array(z.int().min(0)))
      .describe("for each lot in `lots`, the positions of its chain's events in log order"),
    events: z.array(BundleEntrySchema).describe('positions ascending; public bundles disclose only events on the path to the origins'),
    truncated: z.boolean().describe('the lineage was cut short by a size limit'),
  })
  .meta({ id: 'ProofBundle' });
export type ProofBundle = z.infer<typeof ProofBundleSchema>;

/** isDisclosed: the entry carries its event body. */
export const isDisclosed = (entry: BundleEntry): entry is DisclosedEntry => 'event' in entry;
