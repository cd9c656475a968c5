import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LogVerifier,
  formatCheckpoint,
  generateKey,
  parseCheckpoint,
  openNote,
  signNote,
  verifyLog,
  type LoggedEvent,
} from '../../src/hash/index.js';
import { fixtureKey, randomLog } from './logFixture.js';

const log = randomLog(1000, 42);
const stored = log.events.map((event) => Buffer.from(JSON.stringify(event), 'utf8'));

describe('verifyLog', () => {
  it('accepts an untouched log and returns its size and root', () => {
    const verdict = verifyLog(log.events, log.checkpoint, log.vkey);
    expect(verdict.ok).toBe(true);
    expect(verdict).toMatchObject({
      size: 1000,
      root: Buffer.from(parseCheckpoint(openNote(log.checkpoint, [log.vkey]).text).root).toString('hex'),
    });
  });

  it('finds a single changed byte anywhere in a log of 1,000 events and names its position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (position, offsetSeed, delta) => {
        const bytes = Buffer.from(stored[position]!);
        const offset = offsetSeed % bytes.length;
        bytes[offset] = (bytes[offset]! + delta) % 256;
        let tampered: LoggedEvent;
        try {
          tampered = JSON.parse(bytes.toString('utf8')) as LoggedEvent;
        } catch {
          return; // A store reading this row fails to parse it: caught before verification.
        }
        const events = log.events.slice();
        events[position] = tampered;
        const verdict = verifyLog(events, log.checkpoint, log.vkey);
        expect(verdict.ok).toBe(false);
        expect(verdict).toMatchObject({ position });
      }),
      { numRuns: 1500 },
    );
  });

  it('names the position of a dropped, duplicated or reordered event', () => {
    const dropped = log.events.filter((_, i) => i !== 500);
    expect(verifyLog(dropped, log.checkpoint, log.vkey)).toMatchObject({ ok: false, position: 500, reason: 'position' });
    const swapped = log.events.slice();
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    expect(verifyLog(swapped, log.checkpoint, log.vkey)).toMatchObject({ ok: false, position: 10, reason: 'position' });
  });

  it('detects a rewritten log that is internally consistent but not what was signed', () => {
    // Rehash everything after a change: hashes and prev links agree, the signed root does not.
    const other = randomLog(1000, 43);
    const verdict = verifyLog(other.events, log.checkpoint, log.vkey);
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ position: 999, reason: 'root-mismatch' });
  });

  it('refuses a checkpoint signed by another key, or covering more events than given', () => {
    const stranger = generateKey('test.suyuan.example/log');
    expect(verifyLog(log.events, log.checkpoint, stranger.vkey)).toMatchObject({
      ok: false,
      reason: 'checkpoint-signature',
      detail: expect.stringMatching(/^checkpoint/),
    });
    expect(verifyLog(log.events.slice(0, 999), log.checkpoint, log.vkey)).toMatchObject({
      ok: false,
      position: 999,
      reason: 'checkpoint-size',
    });
  });

  it('verifies a prefix checkpoint against a longer log', () => {
    const verifier = new LogVerifier();
    for (const event of log.events) verifier.push(event);
    const prefix = signNote(
      formatCheckpoint({ origin: 'test.suyuan.example/log', size: 600, root: verifier.merkleTree().root(600) }),
      fixtureKey.skey,
    );
    expect(verifier.finish(prefix, log.vkey)).toMatchObject({ ok: true, size: 600 });
  });
});
