/**
 * The consumer page's parts, as the /c/{code} route uses them: its params
 * (the code as typed: a mistyped one gets a helpful page, not a bare 400),
 * the language, the facts gathered along the lineage, and the mistyped-code page.
 */
import { z } from 'zod';
import { isValidTraceCode } from '../../../domain/index.js';
import { checkedCode } from '../../schemas/common.js';
import { mistakeOf, mistypedPage } from './mistyped.js';
import { STRINGS, type Lang } from './strings.js';

export { CARD_LIMIT, gatherFacts, type ConsumerFacts, type ConsumerSources } from './gather.js';
export { singleDigitCorrections, type Correction } from './mistyped.js';
export { STRINGS, langOf, type Lang, type Strings } from './strings.js';

export const ConsumerParamsSchema = z.object({
  code: z.string().max(100).describe('20-digit trace code (追溯码); spaces and hyphens between groups are ignored'),
});

/** Any other lang than en is zh-CN: a stray value (too long, given twice) never turns a scan into an error. */
export const ConsumerQuerySchema = z.object({ lang: z.string().max(16).optional().catch(undefined) });

/**
 * invalidCodePage: the page for `typed` when it is no trace code — 400 for
 * the wrong number of digits or other characters, 404 for 20 digits that
 * fail the check (with the corrections one digit away); undefined for a
 * valid code. An API client (Accept: JSON) gets the ValidationFailed problem instead.
 */
export function invalidCodePage(
  typed: string,
  lang: Lang,
  exists: (code: string) => boolean,
  wantsJson: boolean,
): { status: 400 | 404; html: string } | undefined {
  if (isValidTraceCode(typed)) return undefined;
  if (wantsJson) checkedCode(typed);
  const mistake = mistakeOf(typed, exists);
  return {
    status: mistake.kind === 'check' ? 404 : 400,
    html: mistypedPage(mistake, STRINGS[lang], lang === 'en' ? '?lang=en' : ''),
  };
}
