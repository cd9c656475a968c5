/**
 * How the regulators' queries read their region and window arguments: a
 * region is a code prefix ('' everywhere, 2, 4 or 6 digits; 440000 and
 * 440100 read as 44 and 4401); report rows are one level down. Bad input is
 * an InvalidQueryError (a 400).
 */
import { IsoDateSchema, endOf, regionPrefix, startOf } from '../../domain/index.js';
import { InvalidQueryError } from '../queryError.js';

/** scopeOf: the prefix a region argument stands for. */
export function scopeOf(region: string | undefined): string {
  const prefix = regionPrefix(region ?? '');
  if (!/^(\d{2}){0,3}$/.test(prefix))
    throw new InvalidQueryError(`region: '' or a 2-, 4- or 6-digit region code (got ${JSON.stringify(region)})`);
  return prefix;
}

/** rowLength: the digits of a report row under `prefix` ('' → provinces, 2 → cities, 4 → counties, 6 → itself). */
export function rowLength(prefix: string): number {
  return Math.min(prefix.length + 2, 6);
}

/** windowOf: [startOf(from), endOf(to)] in ms; a bare date is its whole day in China time. */
export function windowOf(from: string, to: string): { fromMs: number; toMs: number } {
  for (const [name, text] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!IsoDateSchema.safeParse(text).success)
      throw new InvalidQueryError(`${name}: an ISO 8601 date or date-time (got ${JSON.stringify(text)})`);
  }
  const fromMs = startOf(from);
  const toMs = endOf(to);
  if (!(fromMs <= toMs)) throw new InvalidQueryError(`from ${from} is after to ${to}`);
  return { fromMs, toMs };
}

/** limitOf: a page size between 1 and `max`, `fallback` when absent. */
export function limitOf(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isFinite(limit) || limit < 1) throw new InvalidQueryError(`limit: a whole number from 1 to ${max} (got ${limit})`);
  return Math.min(Math.floor(limit), max);
}
