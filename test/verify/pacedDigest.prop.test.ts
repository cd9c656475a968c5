/**
 * The background passes digest heads and states a slice at a time (issue 17: a million lots in
 * one go held the event loop for seconds): the paced digests equal the one-go digests, for any
 * map, and stop when the node closes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest, stateDigestPaced } from '../../src/ledger/index.js';
import { headsDigest, headsDigestPaced, sortedDigest } from '../../src/verify/index.js';

const entries = fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 70 })), {
  maxLength: 200,
});

describe('paced digests', () => {
  it('equal the digests taken in one go, whatever the slice', async () => {
    await fc.assert(
      fc.asyncProperty(entries, fc.integer({ min: 1, max: 50 }), async (pairs, slice) => {
        const map = new Map(pairs);
        const pace = { signal: new AbortController().signal, share: 1 };
        expect(await headsDigestPaced(map, pace)).toBe(headsDigest(map));
        // Independent of the order the map was built in; any changed value changes it.
        expect(headsDigest(new Map([...map].reverse()))).toBe(headsDigest(map));
        if (map.size > 0) {
          const [first] = map.keys();
          expect(headsDigest(new Map([...map, [first!, `${map.get(first!)}x`]]))).not.toBe(headsDigest(map));
        }
        const states = new Map(pairs.map(([tag, value]) => [tag, { value, n: value.length }]));
        const line = (tag: string) => `${tag}\n${JSON.stringify(states.get(tag))}\n`;
        expect(await sortedDigest(states.keys(), line, pace, slice)).toBe(await sortedDigest(states.keys(), line, pace, 1_000));
        expect(await stateDigestPaced(states, pace)).toBe(stateDigest(states));
      }),
      { numRuns: 60 },
    );
  });

  it('stops with an error when the signal aborts', async () => {
    const map = new Map<string, string>(Array.from({ length: 10_000 }, (_, i) => [`lot:${i}`, 'ab'.repeat(32)]));
    const closing = new AbortController();
    const digest = sortedDigest(map.keys(), (tag) => `${tag}\n${map.get(tag)}\n`, { signal: closing.signal, share: 0.01 }, 100);
    closing.abort();
    await expect(digest).rejects.toThrow();
  });
});
