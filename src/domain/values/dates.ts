/**
 * Dates on commands are ISO 8601 strings: a date (2026-11-29) or a date-time
 * with an offset. A bare date means that day in China Standard Time (UTC+8),
 * the time zone of the notices and certificates this platform records.
 */
import { z } from 'zod';

const CHINA_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.union([z.iso.date(), IsoDateTimeSchema]);

/** startOf returns the first millisecond a date or date-time denotes. */
export function startOf(text: string): number {
  return isBareDate(text) ? Date.parse(`${text}T00:00:00${CHINA_OFFSET}`) : Date.parse(text);
}

/** endOf returns the last millisecond a date or date-time denotes (a bare date lasts the whole day). */
export function endOf(text: string): number {
  return isBareDate(text) ? startOf(text) + DAY_MS - 1 : Date.parse(text);
}

/** isAfter reports whether a date begins after the instant `now` (both ISO strings). */
export function isAfter(text: string, now: string): boolean {
  return startOf(text) > Date.parse(now);
}

/** isPast: the whole of `deadline` (a bare date lasts its day, China time) lies before the instant `now`. */
export function isPast(deadline: string, now: string): boolean {
  return Date.parse(now) > endOf(deadline);
}

function isBareDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
