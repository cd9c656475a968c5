/**
 * Timestamps as the CBV 2.0 event hash writes them: UTC with exactly three decimals, rounded half
 * up on the fourth. (Numbers need nothing: a parsed JSON number prints without trailing zeros.)
 */

const TIMESTAMP = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * canonicalTimestamp: an xsd:dateTimeStamp as `YYYY-MM-DDTHH:MM:SS.sssZ`. Fractions beyond
 * milliseconds round up when the fourth decimal is 5–9 (`.1415` → `.142`), carrying into the
 * seconds. A value that is not a timestamp is returned unchanged.
 */
export function canonicalTimestamp(value: string): string {
  const match = TIMESTAMP.exec(value);
  if (match === null) return value;
  const [, year, month, day, hour, minute, second, fraction = '', offset = 'Z'] = match;
  const digits = fraction.padEnd(4, '0');
  const milliseconds = Number(digits.slice(0, 3)) + (Number(digits[3]) >= 5 ? 1 : 0);
  const offsetMinutes =
    offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const instant = new Date(0);
  instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  instant.setUTCHours(Number(hour), Number(minute) - offsetMinutes, Number(second), milliseconds);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}
