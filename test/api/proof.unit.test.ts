import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraceCode } from '../../src/domain/index.js';
import { generateKey } from '../../src/hash/index.js';
import { isDisclosed, verifyBundle, type DisclosedEntry, type ProofBundle } from '../../src/verify/index.js';
import { COOP, MARKET, farmToCoop, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
let marketLot: string;
const kg = (amount: number) => ({ amount, unit: 'kg' });

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
  // A sibling hand-off to a private buyer: its name and phone must not leak into coopLot's public bundle.
  await ok(
    h.call('POST', `/v1/lots/${farmLot}/shipments`, {
      key: keys.farm,
      body: { to: { buyer: { name: '张三', phone: '13512345678' } }, quantity: kg(5) },
    }),
  );
  await ok(
    h.call('POST', `/v1/lots/${farmLot}/records`, {
      key: keys.farm,
      body: { kind: 'operation', operation: '采收', performedAt: '2026-06-01' },
    }),
  );
  marketLot = (
    await ok(h.call('POST', `/v1/lots/${coopLot}/shipments`, { key: keys.coop, body: { to: { operatorId: MARKET }, quantity: kg(50) } }))
  ).code;
  await ok(h.call('POST', `/v1/lots/${marketLot}/accept`, { key: keys.market }));
});
afterAll(() => h.close());

const bundleOf = async (code: string, key?: string): Promise<ProofBundle> =>
  ok(h.call('GET', `/v1/codes/${code}/proof`, key ? { key } : {}));

describe('GET /v1/codes/{code}/proof', () => {
  it('proves the whole upstream lineage against the signed checkpoint', async () => {
    const bundle = await bundleOf(marketLot);
    expect(bundle.format).toBe('suyuan-proof-bundle/2');
    expect(bundle.lots).toEqual([marketLot, coopLot, farmLot]);
    expect(Object.keys(bundle.chains)).toEqual(bundle.lots);
    expect(bundle.checkpoint).toBe(h.ledger.checkpoint);
    const verdict = verifyBundle(bundle, h.ledger.vkey);
    expect(verdict).toMatchObject({ ok: true, lots: 3 });
    // Only the sibling sale to the private buyer is off the path.
    expect(verdict.ok && verdict.redacted).toBe(1);
    const minimal = bundle.events.filter((entry) => !isDisclosed(entry));
    expect(minimal.map((entry) => Object.keys(entry).sort())).toEqual([['hash', 'inclusion', 'position', 'prev']]);
  });

  it('redacts, in public bundles, events that name a buyer, but still proves them', async () => {
    const text = JSON.stringify(await bundleOf(coopLot));
    expect(text).not.toContain('13512345678');
    expect(text).not.toContain('张三');
    const full = await bundleOf(coopLot, keys.auditor);
    // The buyer is in the vault, not the log: even the auditor's bundle holds only its reference.
    expect(JSON.stringify(full)).not.toContain('13512345678');
    expect(JSON.stringify(full)).toMatch(/"buyer":\{"commitment":"[0-9a-f]{64}","ref":"pd_/);
    expect(full.events.every(isDisclosed)).toBe(true);
    expect(verifyBundle(full, h.ledger.vkey)).toMatchObject({ ok: true, redacted: 0 });
  });

  it('shows the public nothing downstream of the code: no child code, no recipient, no type or tags off the path', async () => {
    const bundle = await bundleOf(coopLot);
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(marketLot);
    expect(text).not.toContain(MARKET);
    expect(verifyBundle(bundle, h.ledger.vkey)).toMatchObject({ ok: true, lots: 2, redacted: 3 });
    const disclosed = bundle.events.filter(isDisclosed).map((entry) => entry.event.type);
    expect(disclosed).toEqual(['lot.commissioned', 'lot.shipped', 'lot.accepted', 'lot.recorded']);
    const full = JSON.stringify(await bundleOf(coopLot, keys.auditor));
    expect(full).toContain(marketLot);
    expect(full).toContain(MARKET);
    expect(text).toContain(COOP);
  });

  it('verifies bundles of format 1', async () => {
    const { chains: _chains, ...full } = await bundleOf(coopLot, keys.auditor);
    const v1 = { ...full, format: 'suyuan-proof-bundle/1' };
    expect(verifyBundle(v1, h.ledger.vkey)).toMatchObject({ ok: true, format: 'suyuan-proof-bundle/1', lots: 2 });
    const tampered = structuredClone(v1);
    (tampered.events[0] as DisclosedEntry).event.time = '2000-01-01T00:00:00Z';
    expect(verifyBundle(tampered, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'hash-mismatch' });
  });

  it('fails verification when anything is changed, dropped or signed by another key', async () => {
    const bundle = await bundleOf(marketLot);
    const copy = (): ProofBundle => structuredClone(bundle);
    const tampered = copy();
    const entry = tampered.events.filter(isDisclosed).find((e) => e.event.type === 'lot.commissioned')!;
    (entry.event.data as { quantity: { amount: number } }).quantity.amount = 999_999;
    expect(verifyBundle(tampered, h.ledger.vkey)).toMatchObject({ ok: false, position: entry.position, reason: 'hash-mismatch' });

    const dropped = copy();
    dropped.events.splice(1, 1);
    expect(verifyBundle(dropped, h.ledger.vkey).ok).toBe(false);

    const reordered = copy();
    reordered.events.reverse();
    expect(verifyBundle(reordered, h.ledger.vkey).ok).toBe(false);

    const badProof = copy();
    badProof.events[0]!.inclusion[0] = '00'.repeat(32);
    expect(verifyBundle(badProof, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'inclusion' });

    const gap = copy();
    gap.chains[farmLot] = gap.chains[farmLot]!.filter((_, i) => i !== 1);
    expect(verifyBundle(gap, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'prev-mismatch' });

    const shortened = copy();
    shortened.chains[farmLot] = shortened.chains[farmLot]!.slice(1);
    expect(verifyBundle(shortened, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'not-created' });

    const stray = copy();
    const record = stray.chains[farmLot]!.at(-1)!;
    stray.chains[farmLot] = stray.chains[farmLot]!.slice(0, -1);
    expect(verifyBundle(stray, h.ledger.vkey)).toMatchObject({ ok: false, position: record, reason: 'entry-unaccounted' });

    // The market's acceptance tags the cooperative's lot too: leaving it out of that chain is caught.
    const unlisted = copy();
    const acceptance = unlisted.chains[coopLot]!.at(-1)!;
    unlisted.chains[coopLot] = unlisted.chains[coopLot]!.slice(0, -1);
    expect(verifyBundle(unlisted, h.ledger.vkey)).toMatchObject({ ok: false, position: acceptance, reason: 'chain-incomplete' });

    const relinked = copy();
    const minimal = relinked.events.find((e) => !isDisclosed(e))!;
    if (!isDisclosed(minimal)) minimal.prev = ['00'.repeat(32)];
    expect(verifyBundle(relinked, h.ledger.vkey)).toMatchObject({ ok: false, position: minimal.position, reason: 'prev-mismatch' });

    const unknownLot = copy();
    unknownLot.chains['14401130000000000009'] = [unknownLot.events[0]!.position];
    expect(verifyBundle(unknownLot, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'chain-missing' });

    const other = generateKey('api.test/log');
    expect(verifyBundle(bundle, other.vkey)).toMatchObject({ ok: false, reason: 'checkpoint-signature' });
    expect(verifyBundle({ ...copy(), size: 1 }, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'size-mismatch' });
    expect(verifyBundle({ nonsense: true }, h.ledger.vkey)).toMatchObject({ ok: false, reason: 'not-a-bundle' });
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/codes/123/proof'), 400, 'ValidationFailed', 'code');
    await expectRefused(h, () => h.call('GET', '/v1/codes/14401130000000000001/proof'), 400, 'ValidationFailed', 'code');
    const unknown = generateTraceCode({ kind: 1, region: '440113', serial: '00000000007' });
    await expectRefused(h, () => h.call('GET', `/v1/codes/${unknown}/proof`), 404, 'UnknownLot', 'code');
  });
});
