/**
 * federation.recordImport (issue 16): a federated node's own log records what it imported from an
 * upstream log — its origin, the signed size and root it verified — so that the node's users can
 * prove what it knew when. Only the node itself (its bootstrap admin) records imports.
 */
import { z } from 'zod';

export const RecordImportSchema = z.object({
  type: z.literal('federation.recordImport'),
  /** The upstream log's origin line (its checkpoint's first line). */
  origin: z.string().min(1).max(200),
  /** The signed size verified and imported. */
  size: z.int().min(1),
  /** Its Merkle root, lowercase hex. */
  root: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RecordImport = z.infer<typeof RecordImportSchema>;
