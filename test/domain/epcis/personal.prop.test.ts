/**
 * What a captured event may not carry: a valid citizen ID anywhere (inside identifiers too), a
 * mainland mobile number in free text. Identifiers' digit runs (trace codes, GTINs, serials in
 * URIs) are not mistaken for phone numbers, and no text at all makes the check throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, personalDataAt, personalDataIn } from '../../../src/domain/index.js';

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
/** A valid citizen ID: a real address code, a real birth date, any sequence, its check character. */
const citizenId = fc
  .tuple(
    fc.constantFrom('110105', '440106', '430102', '510104'),
    fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    digits(3),
  )
  .map(([address, born, sequence]) => {
    const first17 = `${address}${born.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`;
    return first17 + citizenIdCheckCharacter(first17);
  });
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([head, rest]) => head + rest);
/** Text around a number that does not run into it (no letter or digit next to it). */
const around = fc.string({ unit: 'grapheme', maxLength: 12 }).map((text) => text.replace(/[0-9A-Za-z]/g, ''));

describe('personal data in captured events', () => {
  it('finds a valid citizen ID in text or in an identifier', () => {
    fc.assert(
      fc.property(citizenId, around, around, (id, before, after) => {
        expect(personalDataIn(`${before} ${id} ${after}`)).toBe('citizen ID');
        expect(personalDataIn(`https://example.com/people/${id}`)).toBe('citizen ID');
      }),
    );
  });

  it('finds a mobile number in free text, with or without +86', () => {
    fc.assert(
      fc.property(mobile, around, fc.constantFrom('', '+86 ', '86-'), (number, text, country) => {
        expect(personalDataIn(`联系 ${country}${number} ${text}`)).toBe('mobile number');
      }),
    );
  });

  it('leaves identifiers and long digit runs alone', () => {
    fc.assert(
      fc.property(digits(20), digits(14), digits(11), (code, gtin, serial) => {
        expect(personalDataIn(`https://id.gs1.org/01/${gtin}/10/${code}`)).toBeUndefined();
        expect(personalDataIn(`urn:epc:id:sgtin:0614141.107346.${serial}`)).toBeUndefined();
        expect(personalDataIn(`lot ${code}`)).toBeUndefined();
      }),
    );
  });

  it('names the path of what it found, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), citizenId, (text, id) => {
        expect(() => personalDataIn(text)).not.toThrow();
        expect(personalDataAt({ a: [text, { b: `证件 ${id}` }] })).toEqual({ path: ['a', '1', 'b'], kind: 'citizen ID' });
      }),
    );
  });
});
