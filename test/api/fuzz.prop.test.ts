/**
 * Every write route, fuzzed with arbitrary JSON bodies (and mutations of
 * valid ones) whose strings are drawn from all of UTF-16 — lone surrogates,
 * which the canonicaliser refuses, included — and arbitrary headers, with an
 * Idempotency-Key in about half the runs: the API never answers 5xx, and the
 * log grows only when it answers 2xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOP, FARM, MARKET, farmToCoop, lotBody, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
});
afterAll(() => h.close());

const kg = (amount: number) => ({ amount, unit: 'kg' });
const product = { name: '菜心', category: 'vegetable' };

/** Each write route: its URL (with one of several path values) and a body that could succeed. */
function routes(): { name: string; urls: string[]; valid: unknown }[] {
  return [
    { name: 'create principal', urls: ['/v1/principals'], valid: { name: 'fuzz', role: 'auditor' } },
    { name: 'revoke principal', urls: ['/v1/principals/pr-x/revoke', '/v1/principals/%00/revoke'], valid: { reason: 'x' } },
    { name: 'register operator', urls: ['/v1/operators'], valid: registration(FARM, 'x', '440113') },
    { name: 'review', urls: [`/v1/operators/${COOP}/review`, '/v1/operators/..%2F/review'], valid: { decision: 'approve' } },
    {
      name: 'certify',
      urls: [`/v1/operators/${FARM}/certifications`],
      valid: { type: 'organic', number: 'OG-1', product: '菜心', validFrom: '2026-01-01', validTo: '2027-01-01' },
    },
    { name: 'status', urls: [`/v1/operators/${MARKET}/status`], valid: { action: 'suspend', reason: 'x' } },
    { name: 'commission', urls: ['/v1/lots'], valid: lotBody(10) },
    { name: 'ship', urls: [`/v1/lots/${farmLot}/shipments`, '/v1/lots/1/shipments'], valid: { to: { operatorId: COOP }, quantity: kg(1) } },
    { name: 'accept', urls: [`/v1/lots/${coopLot}/accept`], valid: {} },
    { name: 'reject', urls: [`/v1/lots/${coopLot}/reject`], valid: { reason: 'x' } },
    { name: 'record', urls: [`/v1/lots/${farmLot}/records`], valid: { kind: 'operation', operation: '除草', performedAt: '2026-06-01' } },
    { name: 'sell', urls: [`/v1/lots/${coopLot}/sales`], valid: { quantity: kg(1) } },
    { name: 'freeze', urls: [`/v1/lots/${farmLot}/freeze`], valid: { reason: 'x', cascade: true } },
    { name: 'release', urls: [`/v1/lots/${farmLot}/release`], valid: { reason: 'x' } },
    {
      name: 'process',
      urls: ['/v1/processing'],
      valid: { inputs: [{ code: farmLot, quantity: kg(1) }], outputs: [{ product, quantity: kg(1) }] },
    },
  ];
}

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
/** JSON values whose strings (keys too) are any UTF-16 code units, lone surrogates included. */
const anyJson = (maxDepth: number) => fc.jsonValue({ maxDepth, stringUnit: 'binary' });
/** A valid body with one string somewhere replaced by a string holding a lone surrogate. */
const withLoneSurrogate = (valid: unknown) =>
  fc.tuple(fc.nat(), fc.constantFrom('\ud800', '\udfff', 'a\udc00b')).map(([pick, bad]) => {
    const copy = structuredClone(valid);
    const strings: [Record<string, unknown>, string][] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) {
          if (typeof child === 'string') strings.push([node as Record<string, unknown>, key]);
          walk(child);
        }
      }
    };
    walk(copy);
    const target = strings[pick % Math.max(1, strings.length)];
    if (target) target[0][target[1]] = `${target[0][target[1]]}${bad}`;
    else (copy as Record<string, unknown>).x = bad;
    return copy;
  });
/** undefined most of the time, sometimes a value. */
const rarely = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: value, weight: 1 });

/** A valid body with one field replaced, removed or added at any depth. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(anyJson(2), fc.nat(), fc.constantFrom('replace', 'delete', 'add')).map(([value, pick, how]) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object') {
        objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) walk(child);
      }
    };
    walk(copy);
    const target = objects[pick % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? keys[pick % keys.length]! : 'extra';
    if (how === 'replace') target[key] = value;
    else if (how === 'delete') delete target[key];
    else target[`x${pick % 7}`] = value;
    return copy;
  });
}

describe('fuzzing the write routes', () => {
  it('never answers 5xx, and appends only on 2xx', async () => {
    let accepted = 0;
    const keyPool = () => [
      undefined,
      h.adminKey,
      keys.farm,
      keys.coop,
      keys.market,
      keys.reviewerGd,
      keys.inspectorGz,
      keys.auditor,
      'sy_garbage-garbage-garbage',
    ];
    for (const route of routes()) {
      const request = fc.record({
        url: fc.constantFrom(...route.urls),
        body: fc.oneof(fc.constant(route.valid), mutated(route.valid), withLoneSurrogate(route.valid), anyJson(3)),
        key: fc.constantFrom(...keyPool()),
        contentType: fc.oneof(
          { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 4 },
          { arbitrary: fc.constantFrom('text/plain', undefined), weight: 1 },
          { arbitrary: printable, weight: 1 },
        ),
        idempotencyKey: fc.option(fc.oneof(printable, fc.uuid()), { nil: undefined, freq: 2 }),
        authorization: rarely(printable),
        rawBody: rarely(printable),
        extra: rarely(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), printable, { maxKeys: 3 })),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: Record<string, string> = { ...r.extra };
          if (r.contentType !== undefined) headers['content-type'] = r.contentType;
          if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
          if (r.key) headers.authorization = `Bearer ${r.key}`;
          if (r.authorization !== undefined) headers.authorization = r.authorization;
          const before = h.ledger.size;
          const response = await h.app.inject({ method: 'POST', url: r.url, headers, payload: r.rawBody ?? JSON.stringify(r.body) });
          const after = h.ledger.size;
          expect(response.statusCode, `${route.name}: ${response.body}`).toBeLessThan(500);
          if (response.statusCode >= 300) {
            expect(after, `${route.name} refused with ${response.statusCode} but appended`).toBe(before);
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          } else if (response.headers['idempotent-replayed'] !== 'true') {
            accepted++;
            expect(after, `${route.name} answered ${response.statusCode} without appending`).toBeGreaterThan(before);
          }
        }),
        { numRuns: 250 },
      );
    }
    expect(accepted, 'some fuzzed requests are valid writes').toBeGreaterThan(10);
  }, 120_000);
});
