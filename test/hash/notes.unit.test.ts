import { describe, expect, it } from 'vitest';
import {
  checkNote,
  formatCheckpoint,
  generateKey,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  signNote,
  verifierKeyFor,
  verifyNote,
} from '../../src/hash/index.js';
import { readVector } from './vectorFiles.js';

const notes = JSON.parse(readVector('notes', 'signed_notes.json')) as {
  c2sp_signed_note_example: { vkey: string; signed_note: string };
  xmod_peterneumann_sign: { skey: string; vkey: string; text: string; expected_signed_note: string };
  xmod_two_signers: { vkeys: string[]; signed_note: string };
  sumdb_checkpoint: { vkey: string; origin: string; signed_note: string };
  c2sp_tlog_checkpoint_example: { signed_note: string };
  c2sp_tlog_cosignature_example: { signed_note: string };
};

describe('signed notes: known answers', () => {
  it('verifies the C2SP signed-note example', () => {
    const v = notes.c2sp_signed_note_example;
    expect(verifyNote(v.signed_note, [v.vkey])).toBe(true);
    expect(openNote(v.signed_note, [v.vkey]).text).toBe('This is an example message.\n');
  });

  it('reproduces the golang/mod signature byte for byte', () => {
    const v = notes.xmod_peterneumann_sign;
    expect(signNote(v.text, v.skey)).toBe(v.expected_signed_note);
    expect(verifierKeyFor(v.skey)).toBe(v.vkey);
    expect(verifyNote(v.expected_signed_note, [v.vkey])).toBe(true);
  });

  it('verifies both golang/mod signers, and ignores the unknown one', () => {
    const v = notes.xmod_two_signers;
    expect(openNote(v.signed_note, v.vkeys).verifiedBy).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(openNote(v.signed_note, [v.vkeys[0]!]).verifiedBy).toEqual(['PeterNeumann']);
  });

  it('verifies a real sum.golang.org checkpoint', () => {
    const v = notes.sumdb_checkpoint;
    expect(verifyNote(v.signed_note, [v.vkey])).toBe(true);
    const checkpoint = parseCheckpoint(openNote(v.signed_note, [v.vkey]).text);
    expect(checkpoint.origin).toBe(v.origin);
    expect(checkpoint.size).toBe(6476701);
    expect(formatCheckpoint(checkpoint)).toBe(openNote(v.signed_note, [v.vkey]).text);
  });

  it('parses the C2SP checkpoint and cosignature layouts', () => {
    for (const note of [notes.c2sp_tlog_checkpoint_example.signed_note, notes.c2sp_tlog_cosignature_example.signed_note]) {
      const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
      const checkpoint = parseCheckpoint(text);
      expect(checkpoint).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163 });
      expect(formatCheckpoint(checkpoint)).toBe(text);
      // No key is published for these: with an unrelated key nothing verifies.
      expect(verifyNote(note, [notes.c2sp_signed_note_example.vkey])).toBe(false);
    }
  });
});

describe('signed notes: rejections', () => {
  const v = notes.xmod_peterneumann_sign;
  it('rejects a changed text, a changed signature and a key with another name', () => {
    expect(verifyNote(v.expected_signed_note.replace('cryptography', 'Cryptography'), [v.vkey])).toBe(false);
    const sigStart = v.expected_signed_note.lastIndexOf(' ') + 10;
    const flipped =
      v.expected_signed_note.slice(0, sigStart) +
      (v.expected_signed_note[sigStart] === 'A' ? 'B' : 'A') +
      v.expected_signed_note.slice(sigStart + 1);
    expect(verifyNote(flipped, [v.vkey])).toBe(false);
    expect(verifyNote(v.expected_signed_note, [notes.xmod_two_signers.vkeys[1]!])).toBe(false);
  });
  it('says why with checkNote', () => {
    expect(checkNote(v.expected_signed_note, [v.vkey])).toMatchObject({ ok: true, verifiedBy: [expect.any(String)] });
    expect(checkNote(v.expected_signed_note.replace('cryptography', 'Cryptography'), [v.vkey])).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
    expect(checkNote(v.expected_signed_note, [notes.xmod_two_signers.vkeys[1]!])).toMatchObject({
      ok: false,
      reason: 'no-trusted-signature',
    });
    expect(checkNote(v.expected_signed_note.replace('\n\n', '\n'), [v.vkey])).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkNote(v.expected_signed_note, ['not a key'])).toMatchObject({ ok: false, reason: 'bad-key' });
  });
  it('rejects notes without a blank line, with control characters, or without a final newline', () => {
    expect(verifyNote(v.expected_signed_note.replace('\n\n', '\n'), [v.vkey])).toBe(false);
    expect(verifyNote(v.expected_signed_note.replace('If', 'I\tf'), [v.vkey])).toBe(false);
    expect(verifyNote(v.expected_signed_note.slice(0, -1), [v.vkey])).toBe(false);
  });
  it('refuses to sign text that does not end in a newline', () => {
    expect(() => signNote('no newline', v.skey)).toThrow(/newline/);
  });
  it('splits a vkey on its first two plus signs only', () => {
    const withPlus = notes.sumdb_checkpoint.vkey; // its base64 contains '+'
    expect(withPlus.split('+').length).toBeGreaterThan(3);
    expect(parseVerifierKey(withPlus).name).toBe('sum.golang.org');
  });
  it('rejects a vkey whose id does not match', () => {
    expect(() => parseVerifierKey(v.vkey.replace('c74f20a3', 'c74f20a4'))).toThrow(/does not match/);
  });
});

describe('generated keys', () => {
  it('sign notes that verify with their own vkey only', () => {
    const a = generateKey('suyuan.example/log');
    const b = generateKey('suyuan.example/log');
    const note = signNote('suyuan.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', a.skey);
    expect(verifyNote(note, [a.vkey])).toBe(true);
    expect(verifierKeyFor(a.skey)).toBe(a.vkey);
    // Same name, other key: the ids differ, so the signature is from an unknown key.
    expect(verifyNote(note, [b.vkey])).toBe(false);
  });
  it('refuses names with spaces or plus signs', () => {
    expect(() => generateKey('bad name')).toThrow();
    expect(() => generateKey('bad+name')).toThrow();
    expect(() => generateKey('')).toThrow();
  });
});
