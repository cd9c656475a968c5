/**
 * C2SP tlog-cosignature/v1 (Ed25519): the spec's example line has the layout a cosignature must
 * (key id, 8-byte timestamp, 64-byte signature); a node's cosignature over a checkpoint verifies
 * with its witness key in either vkey form, the log's own signature still verifies beside it, and
 * a cosignature over another checkpoint, by another key or with its timestamp changed, does not.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCosignatures,
  checkNote,
  cosign,
  cosignerKeyId,
  cosignerVkey,
  formatCheckpoint,
  generateKey,
  parseCosigner,
  parseNote,
  signNote,
  withCosignatures,
} from '../../src/hash/index.js';

const VECTORS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/vectors/notes/signed_notes.json');
const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as Record<string, { signed_note?: string }>;

const log = generateKey('province.example/log');
const witness = generateKey('nation.example/log');
const checkpoint = (size: number) => formatCheckpoint({ origin: 'province.example/log', size, root: new Uint8Array(32).fill(size % 256) });

describe('cosignatures', () => {
  it("read the spec example's cosignature line as key id, 8-byte timestamp and 64-byte signature", () => {
    const note = vectors.c2sp_tlog_cosignature_example!.signed_note!;
    const parsed = parseNote(note);
    const witnessLine = parsed.signatures.find((signature) => signature.name === 'witness.example.com/w1')!;
    expect(witnessLine.signature.length).toBe(8 + 64);
  });

  it('verify with the witness key in cosigner (0x04) or log (0x01) form, beside the log signature', () => {
    const text = checkpoint(7);
    const signed = signNote(text, log.skey);
    const line = cosign(text, witness.skey, 1_760_000_000).line;
    const note = withCosignatures(signed, [line]);
    expect(checkNote(note, [log.vkey])).toMatchObject({ ok: true, verifiedBy: ['province.example/log'] });
    for (const vkey of [witness.vkey, cosignerVkey(witness.skey)]) {
      const verdict = checkCosignatures(note, [parseCosigner(vkey)]);
      expect(verdict).toEqual({ ok: true, cosignatures: [{ name: 'nation.example/log', timestamp: 1_760_000_000, line }] });
    }
    expect(withCosignatures(note, [line])).toBe(note);
    expect(cosignerVkey(witness.skey)).toMatch(/^nation\.example\/log\+[0-9a-f]{8}\+/);
    expect(parseCosigner(witness.vkey).keyId).not.toBe(parseNote(signed).signatures[0]!.keyId);
  });

  it('do not verify over another checkpoint, by another key, or with another timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 40 }), (size, time) => {
        const text = checkpoint(size);
        const { line } = cosign(text, witness.skey, time);
        const signed = signNote(text, log.skey);
        const cosigner = parseCosigner(witness.vkey);
        expect(checkCosignatures(withCosignatures(signed, [line]), [cosigner])).toMatchObject({ ok: true });
        // Over another checkpoint: the witness's line fails the note.
        const other = signNote(checkpoint(size + 1), log.skey);
        expect(checkCosignatures(withCosignatures(other, [line]), [cosigner]).ok).toBe(false);
        // Another timestamp in the same line.
        const bytes = Buffer.from(line.split(' ').at(-1)!, 'base64');
        bytes.writeBigUInt64BE(BigInt(time + 1), 4);
        const forged = `${line.slice(0, line.lastIndexOf(' '))} ${bytes.toString('base64')}`;
        expect(checkCosignatures(withCosignatures(signed, [forged]), [cosigner]).ok).toBe(false);
        // A cosigner that is not configured is ignored, not trusted.
        expect(checkCosignatures(withCosignatures(signed, [line]), [parseCosigner(log.vkey)])).toEqual({ ok: true, cosignatures: [] });
      }),
      { numRuns: 40 },
    );
  });

  it('have key ids that commit to the name and the 0x04 type', () => {
    // The key material follows the second '+' (base64 may hold '+' itself).
    const material = witness.vkey.slice(witness.vkey.indexOf('+', witness.vkey.indexOf('+') + 1) + 1);
    const raw = Buffer.from(material, 'base64').subarray(1);
    expect(cosignerKeyId('nation.example/log', raw)).toBe(parseCosigner(witness.vkey).keyId);
    expect(cosignerKeyId('other.example/log', raw)).not.toBe(parseCosigner(witness.vkey).keyId);
  });
});
