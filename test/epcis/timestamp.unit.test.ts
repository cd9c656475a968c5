/** Timestamps in the CBV 2.0 pre-hash string: UTC, milliseconds, the fourth decimal rounding half up. */
import { describe, expect, it } from 'vitest';
import { canonicalTimestamp } from '../../src/epcis/timestamp.js';

describe('canonicalTimestamp', () => {
  it.each([
    ['2020-03-04T11:00:30+01:00', '2020-03-04T10:00:30.000Z'],
    ['2022-02-15T01:33:31.116000-06:00', '2022-02-15T07:33:31.116Z'],
    ['2023-03-27T11:30:00.0Z', '2023-03-27T11:30:00.000Z'],
    ['2023-01-18T11:04:03.1415Z', '2023-01-18T11:04:03.142Z'],
    ['2023-01-18T11:04:03.1414999Z', '2023-01-18T11:04:03.141Z'],
    ['2023-12-31T23:59:59.9995Z', '2024-01-01T00:00:00.000Z'],
    ['2024-03-01T05:30:00+05:30', '2024-03-01T00:00:00.000Z'],
    ['2024-02-29T23:00:00-14:00', '2024-03-01T13:00:00.000Z'],
  ])('%s → %s', (written, canonical) => expect(canonicalTimestamp(written)).toBe(canonical));

  it('leaves a value that is not a timestamp alone', () => {
    expect(canonicalTimestamp('2024-03-01')).toBe('2024-03-01');
    expect(canonicalTimestamp('yesterday')).toBe('yesterday');
  });
});
