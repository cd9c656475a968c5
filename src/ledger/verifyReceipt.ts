import { openNote, parseCheckpoint, verifyInclusion, leafHash, fromHex } from '../hash/index.js';
import type { Receipt } from './receipt.js';

/**
 * verifyReceipt checks a write receipt offline with nothing but the log's
 * vkey: the checkpoint's signature, that its size is the receipt's, and every
 * event's inclusion proof against the signed root. The size comes from the
 * signed note, so a receipt cannot claim a size the log did not sign.
 */
export function verifyReceipt(receipt: Receipt, vkey: string): boolean {
  try {
    const checkpoint = parseCheckpoint(openNote(receipt.checkpoint, [vkey]).text);
    if (checkpoint.size !== receipt.size) return false;
    return receipt.events.every((event) =>
      verifyInclusion(leafHash(fromHex(event.hash)), event.position, checkpoint.size, event.inclusion.map(fromHex), checkpoint.root),
    );
  } catch {
    return false;
  }
}
