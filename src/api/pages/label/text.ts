/** The certificate's fixed wording (承诺达标合格证) and how much text fits a line of a label. */
import type { CertificateBasis } from '../../../domain/index.js';

/** The commitment printed on every certificate of compliance (农业农村部令2025年第4号's template). */
export const COMMITMENT =
  '我承诺对生产销售的食用农产品：不使用禁用的农药兽药、停用的兽药和非法添加物；常规农药兽药残留不超标；对承诺的真实性负责。';

/** The three bases a commitment may rest on, in the template's order. */
export const BASIS_NAMES: Record<CertificateBasis, string> = {
  'quality-control': '质量安全控制',
  'self-test': '自行检测',
  'commissioned-test': '委托检测',
};

/** emWidth estimates a text's width in ems: CJK and full-width characters 1, the rest about half. */
export function emWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 1 : 0.55;
  return width;
}

/** fitLine shortens `text` with an ellipsis so that it takes at most `ems`. */
export function fitLine(text: string, ems: number): string {
  if (emWidth(text) <= ems) return text;
  let out = '';
  for (const char of text) {
    if (emWidth(`${out}${char}…`) > ems) break;
    out += char;
  }
  return `${out}…`;
}

/** Punctuation that may not begin a line (行首禁则): it hangs at the end of the line before. */
const NO_LINE_START = new Set('，。；：、！？）」』”’》'.split(''));

/** wrap breaks `text` into lines of at most `ems` each (CJK text breaks between any two characters; punctuation may hang one em over). */
export function wrap(text: string, ems: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line !== '' && emWidth(line + char) > ems && !NO_LINE_START.has(char)) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line !== '') lines.push(line);
  return lines;
}
