/**
 * The page for a code that is not a trace code: the wrong number of digits,
 * or 20 digits that fail the check (a digit mistyped). For the latter it
 * lists the valid codes one digit away, marking the digit that differs, and
 * offers the one that exists ("您是否要查 …") when exactly one does.
 */
import { TRACE_CODE_LENGTH, formatTraceCode, isValidTraceCode, normalizeTraceCode } from '../../../domain/index.js';
import { html, page, type Raw } from '../html.js';
import type { Strings } from './strings.js';

/** A valid code one digit away from the typed one. */
export interface Correction {
  readonly code: string;
  /** 0-based index of the digit that differs. */
  readonly position: number;
  readonly exists: boolean;
}

/** Most corrections listed: MOD 97-10 leaves at most one per position, so 20 at most anyway. */
const SHOWN = 20;

/**
 * singleDigitCorrections: every valid trace code that differs from `code` in
 * exactly one digit, with whether it exists. Requires 20 digits. At most
 * 20 × 9 checks and one `exists` call per valid candidate.
 */
export function singleDigitCorrections(code: string, exists: (code: string) => boolean): Correction[] {
  const found: Correction[] = [];
  for (let position = 0; position < code.length; position++) {
    for (let digit = 0; digit <= 9; digit++) {
      const replacement = String(digit);
      if (replacement === code[position]) continue;
      const candidate = code.slice(0, position) + replacement + code.slice(position + 1);
      if (isValidTraceCode(candidate)) found.push({ code: candidate, position, exists: exists(candidate) });
    }
  }
  return found;
}

/** What is wrong with a typed code that is no trace code, in the page's terms. */
export type Mistake =
  | { readonly kind: 'not-digits' }
  | { readonly kind: 'length'; readonly digits: number }
  | { readonly kind: 'check'; readonly code: string; readonly corrections: readonly Correction[] };

/** mistakeOf: why `typed` (not a valid code) is wrong; the corrections are looked up only for 20 digits. */
export function mistakeOf(typed: string, exists: (code: string) => boolean): Mistake {
  const code = normalizeTraceCode(typed);
  if (/\D/.test(code)) return { kind: 'not-digits' };
  if (code.length !== TRACE_CODE_LENGTH) return { kind: 'length', digits: code.length };
  return { kind: 'check', code, corrections: singleDigitCorrections(code, exists) };
}

/** mistypedPage renders a mistake; `suffix` is the query that keeps the language on links (e.g. "?lang=en"). */
export function mistypedPage(mistake: Mistake, t: Strings, suffix: string): string {
  const m = t.mistyped;
  const retry = html`<p><a href="/">${m.retry}</a></p>`;
  if (mistake.kind !== 'check') {
    const detail = mistake.kind === 'length' ? m.wrongLength(mistake.digits) : m.notDigits;
    return page(m.title, html`<section class="alert" role="alert"><h1>${m.title}</h1><p>${detail}</p></section>${retry}`, t.frame);
  }
  const { code, corrections } = mistake;
  const existing = corrections.filter((correction) => correction.exists);
  const link = (correction: Correction): Raw =>
    html`<a class="code" href="/c/${correction.code}${suffix}">${marked(correction.code, correction.position)}</a>`;
  const offer = existing.length === 1 ? html`<p><strong>${m.didYouMean}</strong> ${link(existing[0]!)}${m.questionMark}</p>` : '';
  const shown = [...existing, ...corrections.filter((correction) => !correction.exists)].slice(0, SHOWN);
  const list =
    shown.length === 0
      ? html`<p>${m.none}</p>`
      : html`<p class="muted">${m.candidates}</p><ul>${shown.map(
          (correction) =>
            html`<li>${correction.exists ? link(correction) : html`<span class="code">${marked(correction.code, correction.position)}</span> <span class="muted">${m.unknownCandidate}</span>`} · ${m.differs(correction.position + 1, code[correction.position]!, correction.code[correction.position]!)}</li>`,
        )}</ul>`;
  const body = html`<section class="alert" role="alert"><h1>${m.title}</h1><p>${m.checkFailed(formatTraceCode(code))}</p></section>
<section>${offer}${list}</section>${retry}`;
  return page(m.title, body, t.frame);
}

/** marked: the code in groups of four, its digit at `position` in a <mark>. */
function marked(code: string, position: number): Raw {
  const parts: (string | Raw)[] = [];
  for (let index = 0; index < code.length; index++) {
    if (index > 0 && index % 4 === 0) parts.push(' ');
    parts.push(index === position ? html`<mark>${code[index]}</mark>` : code[index]!);
  }
  return html`${parts}`;
}
