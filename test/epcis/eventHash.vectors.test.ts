/**
 * The CBV 2.0 event-hash vectors of the reference implementation (shared/conformance/epcis/event-hash):
 * every listed hash equals ours, and every pre-hash line that is not broken upstream equals our
 * pre-hash string.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentEventHashes, eventsOf, ignoredFieldsOf, preHashString, prefixesOf } from '../../src/epcis/index.js';

const vectorsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/epcis/event-hash');

/** Pre-hash lines that SOURCES.md records as broken upstream (garbled or stale): compare their hashes only. */
const BROKEN_PREHASHES: Readonly<Record<string, readonly number[]>> = {
  epcisDocWithAllGS1Keys: [0],
  epcisDocWithCustomSchemaInContext: [1],
  epcisDocWithDefaultSchemaInContext: [1],
};

const lines = (path: string): string[] =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
    : [];

const inputs = readdirSync(vectorsDir)
  .filter((name) => name.endsWith('.jsonld'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.jsonld$/, '');
    return {
      name,
      document: JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as Record<string, unknown>,
      hashes: lines(join(vectorsDir, `${name}.hashes`)),
      prehashes: lines(join(vectorsDir, `${name}.prehashes`)),
    };
  });

describe('CBV 2.0 event hash vectors', () => {
  it('reads the whole vector set: 22 inputs, 43 hashes, 42 pre-hash lines', () => {
    expect(inputs).toHaveLength(22);
    expect(inputs.reduce((sum, input) => sum + input.hashes.length, 0)).toBe(43);
    expect(inputs.reduce((sum, input) => sum + input.prehashes.length, 0)).toBe(42);
  });

  it.each(inputs)('$name: every event hashes to the listed value', ({ document, hashes }) => {
    expect(hashes.length).toBeGreaterThan(0);
    expect(documentEventHashes(document)).toEqual(hashes);
  });

  it.each(inputs.filter((input) => input.prehashes.length > 0))(
    '$name: every sound pre-hash line is our pre-hash string',
    ({ name, document, prehashes }) => {
      const prefixes = prefixesOf(document['@context']);
      const ignored = ignoredFieldsOf(document, prefixes);
      const ours = eventsOf(document).map((event) => preHashString(event, prefixes, ignored));
      expect(ours).toHaveLength(prehashes.length);
      const broken = BROKEN_PREHASHES[name] ?? [];
      prehashes.forEach((line, index) => {
        if (broken.includes(index)) expect(ours[index]).not.toBe(line);
        else expect(ours[index]).toBe(line);
      });
    },
  );

  it('expected_equal: the same event under the GitHub context hashes as under ref.gs1.org', () => {
    const document = JSON.parse(readFileSync(join(vectorsDir, 'expected_equal', 'ReferenceEventHashAlgorithm.json'), 'utf8'));
    const [first, second, ...rest] = documentEventHashes(document);
    expect(rest).toEqual([]);
    expect(second).toBe(first);
    expect(first).toBe(lines(join(vectorsDir, 'ReferenceEventHashAlgorithm.hashes'))[0]);
  });
});
