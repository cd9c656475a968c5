/**
 * Invariants of the CBV 2.0 event hash: serialisations of the same event hash alike (key order,
 * list order, whitespace around values, the offset a timestamp is written in, 1 written as 1.0,
 * a CURIE or its full URI), and any change of a value changes the hash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EpcisEvent, eventHash } from '../../src/epcis/index.js';

const EX = 'https://ns.example.com/ext/';
const PREFIXES = { ex: EX };

const BIZ_STEPS = ['shipping', 'receiving', 'commissioning', 'inspecting', 'retail_selling', 'packing'] as const;
const DISPOSITIONS = ['in_transit', 'in_progress', 'active', 'recalled', 'sellable_accessible'] as const;
const SENSOR_TYPES = ['Temperature', 'RelativeHumidity', 'Mass', 'Speed'] as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Event = { [key: string]: Json };

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const serial = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
/** Free text: any Unicode code point, as extension and ILMD values may hold. */
const freeText = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== '');
const localName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/);

const sgtin = fc.tuple(digits(7), digits(6), serial).map(([cp, item, s]) => `urn:epc:id:sgtin:${cp}.${item}.${s}`);
const lgtin = fc.tuple(digits(7), digits(6), serial).map(([cp, item, lot]) => `urn:epc:class:lgtin:${cp}.${item}.${lot}`);
const sgln = fc.tuple(digits(7), digits(5)).map(([cp, location]) => `urn:epc:id:sgln:${cp}.${location}.0`);

/** An instant from 1970 to 2100 with milliseconds, as a number. */
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });

/** formatAt: `millis` written as local time at an offset of `minutes` (as a sender in that zone would). */
function formatAt(millis: number, minutes: number, fractionDigits = 3): string {
  const local = new Date(millis + minutes * 60_000).toISOString().slice(0, 19);
  const fraction = String(millis % 1000)
    .padStart(3, '0')
    .padEnd(fractionDigits, '0');
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const offset =
    minutes === 0 ? 'Z' : `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
  return `${local}.${fraction}${offset}`;
}

const extensionValue: fc.Arbitrary<Json> = fc.oneof(
  freeText,
  fc.integer(),
  fc.array(freeText, { minLength: 1, maxLength: 3 }),
  fc.dictionary(
    localName.map((name) => `ex:${name}`),
    freeText,
    { minKeys: 1, maxKeys: 3 },
  ),
);

const eventArbitrary: fc.Arbitrary<Event> = fc
  .record({
    type: fc.constant('ObjectEvent'),
    eventTime: instant.map((millis) => new Date(millis).toISOString()),
    eventTimeZoneOffset: fc.constantFrom('+08:00', '-06:00', '+00:00'),
    epcList: fc.array(sgtin, { minLength: 1, maxLength: 4 }),
    quantityList: fc.array(
      fc.record({
        epcClass: lgtin,
        quantity: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
        uom: fc.constantFrom('KGM', 'LTR'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    action: fc.constantFrom('OBSERVE', 'ADD'),
    bizStep: fc.constantFrom(...BIZ_STEPS),
    disposition: fc.constantFrom(...DISPOSITIONS),
    readPoint: sgln.map((id) => ({ id })),
    bizTransactionList: fc.array(
      fc.record({
        type: fc.constantFrom('po', 'inv', 'desadv'),
        bizTransaction: serial.map((s) => `https://transactions.example.com/${s}`),
      }),
      { maxLength: 3 },
    ),
    sourceList: fc.array(fc.record({ type: fc.constantFrom('owning_party', 'location'), source: sgln }), { maxLength: 2 }),
    sensorElementList: fc.array(
      fc.record({
        sensorReport: fc.array(
          fc.record({ type: fc.constantFrom(...SENSOR_TYPES), value: fc.integer({ min: -50, max: 50 }), uom: fc.constant('CEL') }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
      }),
      { maxLength: 2 },
    ),
    ilmd: fc.dictionary(
      localName.map((name) => `ex:${name}`),
      freeText,
      { minKeys: 1, maxKeys: 3 },
    ),
    extensions: fc.dictionary(
      localName.map((name) => `ex:${name}`),
      extensionValue,
      { maxKeys: 3 },
    ),
  })
  .map(({ extensions, ...event }) => ({ ...event, ...extensions }));

const hashOf = (event: Event): string => eventHash(event as EpcisEvent, PREFIXES);

/** A small seeded generator, so a shuffle is reproducible from fast-check's seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** reordered: every object's keys and every list's elements in another order, at every depth. */
function reordered(value: Json, random: () => number): Json {
  if (Array.isArray(value)) return shuffled(value, random).map((element) => reordered(element, random));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(shuffled(Object.entries(value), random).map(([key, child]) => [key, reordered(child, random)]));
}

/** padded: every string value with whitespace around it. */
function padded(value: Json, padding: string): Json {
  if (typeof value === 'string') return `${padding}${value}${padding.split('').reverse().join('')}`;
  if (Array.isArray(value)) return value.map((element) => padded(element, padding));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, padded(child, padding)]));
}

/** withFullUris: vocabulary and extension names written as full URIs or CURIEs instead of bare terms and prefixed names. */
function withFullUris(event: Event): Event {
  const uriKeys = (object: { [key: string]: Json }) =>
    Object.fromEntries(Object.entries(object).map(([key, value]) => [key.replace(/^ex:/, EX), value]));
  const sensorElementList = (event.sensorElementList as { sensorReport: { type: string }[] }[]).map((element) => ({
    sensorReport: element.sensorReport.map((report) => ({ ...report, type: `gs1:${report.type}` })),
  }));
  return uriKeys({
    ...event,
    bizStep: `https://ref.gs1.org/cbv/BizStep-${event.bizStep}`,
    disposition: `cbv:Disp-${event.disposition}`,
    bizTransactionList: (event.bizTransactionList as { type: string; bizTransaction: string }[]).map((transaction) => ({
      ...transaction,
      type: `urn:epcglobal:cbv:btt:${transaction.type}`,
    })),
    sensorElementList,
    ilmd: uriKeys(event.ilmd as { [key: string]: Json }),
  });
}

describe('eventHash invariants', () => {
  it('does not depend on key order or list order', () => {
    fc.assert(
      fc.property(eventArbitrary, fc.integer(), (event, seed) => {
        expect(hashOf(reordered(event, seeded(seed)) as Event)).toBe(hashOf(event));
      }),
    );
  });

  it('does not depend on whitespace around values', () => {
    fc.assert(
      fc.property(eventArbitrary, fc.stringMatching(/^[ \t\n\r]{1,3}$/), (event, padding) => {
        expect(hashOf(padded(event, padding) as Event)).toBe(hashOf(event));
      }),
    );
  });

  it('does not depend on the offset a timestamp is written in, nor on trailing zeros of its fraction', () => {
    const offsetMinutes = fc.integer({ min: -56, max: 56 }).map((quarters) => quarters * 15);
    fc.assert(
      fc.property(eventArbitrary, instant, offsetMinutes, fc.integer({ min: 3, max: 9 }), (event, millis, minutes, fractionDigits) => {
        const utc = { ...event, eventTime: new Date(millis).toISOString() };
        expect(hashOf({ ...event, eventTime: formatAt(millis, minutes, fractionDigits) })).toBe(hashOf(utc));
      }),
    );
  });

  it('hashes a JSON text with 1.0 as the same text with 1', () => {
    fc.assert(
      fc.property(eventArbitrary, fc.integer({ min: 0, max: 1000 }), (event, quantity) => {
        const text = JSON.stringify({
          ...event,
          quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L1', quantity, uom: 'KGM' }],
        });
        const withDecimals = text.replace(`"quantity":${quantity}`, `"quantity":${quantity}.000`);
        expect(withDecimals).not.toBe(text);
        expect(hashOf(JSON.parse(withDecimals))).toBe(hashOf(JSON.parse(text)));
      }),
    );
  });

  it('hashes CURIEs, vocabulary URNs and bare terms as their full URIs', () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        expect(hashOf(withFullUris(event))).toBe(hashOf(event));
      }),
    );
  });

  it('changes when an epc, a quantity, the bizStep or an extension value changes', () => {
    const change = fc.oneof(
      fc.record({ field: fc.constant('epc' as const), value: sgtin }),
      fc.record({ field: fc.constant('quantity' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
      fc.record({ field: fc.constant('bizStep' as const), value: fc.constantFrom(...BIZ_STEPS) }),
      fc.record({ field: fc.constant('extension' as const), value: freeText }),
    );
    fc.assert(
      fc.property(eventArbitrary, change, (event, { field, value }) => {
        const [firstEpc] = event.epcList as string[];
        const [firstQuantity] = event.quantityList as { quantity: number }[];
        const before: Event = { ...event, 'ex:changed': 'before' };
        const after: Event =
          field === 'epc'
            ? { ...before, epcList: [value, ...(event.epcList as string[]).slice(1)] }
            : field === 'quantity'
              ? { ...before, quantityList: [{ ...firstQuantity!, quantity: value }, ...(event.quantityList as Json[]).slice(1)] }
              : field === 'bizStep'
                ? { ...before, bizStep: value }
                : { ...before, 'ex:changed': value };
        const unchanged = { epc: firstEpc, quantity: firstQuantity!.quantity, bizStep: event.bizStep, extension: 'before' }[field];
        fc.pre(typeof value === 'string' ? value.trim() !== unchanged : value !== unchanged);
        expect(hashOf(after)).not.toBe(hashOf(before));
      }),
    );
  });
});

describe('the pre-hash order of strings', () => {
  it('is code point (UTF-8 byte) order, also where UTF-16 order differs: past U+FFFF', async () => {
    const { preHashString } = await import('../../src/epcis/index.js');
    const event = (values: string[]): EpcisEvent => ({
      type: 'ObjectEvent',
      eventTime: '2026-01-01T00:00:00Z',
      eventTimeZoneOffset: '+00:00',
      'ex:v': values,
    });
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 }), (values) => {
        const text = preHashString(event(values), PREFIXES);
        const written = values.map((value) => `{${EX}}v=${value.trim()}`).filter((part) => !part.endsWith('='));
        const byCodePoint = [...written].sort((a, b) => {
          const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
          for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
          return x.length - y.length;
        });
        expect(text.endsWith(byCodePoint.join(''))).toBe(true);
      }),
    );
    // U+FFFF sorts before U+1F600 by code point; UTF-16 units (0xD83D…) would put the emoji first.
    expect(preHashString(event(['😀', '\uffff']), PREFIXES)).toMatch(/=\uffff.*=😀$/u);
  });
});
