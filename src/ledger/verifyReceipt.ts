import { checkInclusion, fromHex, leafHash, openNote, parseCheckpoint, type ProofFailureReason } from '../hash/index.js';
import type { Receipt } from './receipt.js';

/**
 * ReceiptFailureReason: the checkpoint is not signed by the key
 * ('checkpoint-signature'), its size is not the receipt's ('size-mismatch'),
 * an event's hash or proof is not hex ('hash-format'), or an inclusion proof
 * fails (a ProofFailureReason, at that event's position).
 */
export type ReceiptFailureReason = 'checkpoint-signature' | 'size-mismatch' | 'hash-format' | ProofFailureReason;

export type ReceiptVerdict =
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly reason: ReceiptFailureReason; readonly detail: string; readonly position?: number };

/**
 * verifyReceipt checks a write receipt offline with nothing but the log's
 * vkey: the checkpoint's signature, that its size is the receipt's, and every
 * event's inclusion proof against the signed root. The size comes from the
 * signed note, so a receipt cannot claim a size the log did not sign. Never throws.
 */
export function verifyReceipt(receipt: Receipt, vkey: string): ReceiptVerdict {
  try {
    return check(receipt, vkey);
  } catch (error) {
    // A receipt read from JSON may be any shape.
    return { ok: false, reason: 'malformed', detail: `not a receipt: ${(error as Error).message}` };
  }
}

function check(receipt: Receipt, vkey: string): ReceiptVerdict {
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    checkpoint = parseCheckpoint(openNote(receipt.checkpoint, [vkey]).text);
  } catch (error) {
    return { ok: false, reason: 'checkpoint-signature', detail: `checkpoint: ${(error as Error).message}` };
  }
  if (checkpoint.size !== receipt.size) {
    return {
      ok: false,
      reason: 'size-mismatch',
      detail: `the receipt says size ${receipt.size}, the signed checkpoint ${checkpoint.size}`,
    };
  }
  for (const event of receipt.events) {
    let leaf: Uint8Array;
    let proof: Uint8Array[];
    try {
      leaf = leafHash(fromHex(event.hash));
      proof = event.inclusion.map(fromHex);
    } catch {
      return { ok: false, reason: 'hash-format', detail: 'hashes must be hex', position: event.position };
    }
    const included = checkInclusion(leaf, event.position, checkpoint.size, proof, checkpoint.root);
    if (!included.ok) {
      return {
        ok: false,
        reason: included.reason,
        detail: 'the inclusion proof does not lead to the signed root',
        position: event.position,
      };
    }
  }
  return { ok: true, size: checkpoint.size };
}
