/**
 * The synthetic chain: the same seed gives the same log (same Merkle root),
 * the log verifies, and the chain has what a demo needs — long lineages
 * through merges, processing, market-entry certificates, rejections, frozen
 * lots and lots in transit — every command accepted by the real domain.
 */
import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { createMemoryStore, type EventStore } from '../../src/store/index.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const NOW = new Date('2026-06-30T04:00:00.000Z');

async function seeded(lots: number, seed: number, store: EventStore = createMemoryStore()) {
  const ledger = await openSuyuanLedger({ store, key, clock: () => NOW });
  const result = await seedDemo(ledger, { lots, seed, now: NOW });
  return { ledger, store, result };
}

async function allEvents(store: EventStore) {
  const { size } = await store.head();
  return store.readFrom(0, size);
}

describe('seedDemo', () => {
  it('writes the same log for the same seed, and another for another seed', async () => {
    const first = await seeded(1500, 42);
    const second = await seeded(1500, 42);
    const other = await seeded(1500, 43);
    expect(first.ledger.size).toBeGreaterThan(3000);
    expect(second.ledger.size).toBe(first.ledger.size);
    expect(second.ledger.root()).toBe(first.ledger.root());
    expect(second.result).toEqual(first.result);
    expect(other.ledger.root()).not.toBe(first.ledger.root());
  });

  it('writes a log that verifies, through the real sequencer', async () => {
    const { ledger, store, result } = await seeded(2000, 7);
    expect(result.lots).toBeGreaterThanOrEqual(2000);
    expect(result.lots).toBeLessThan(4000);
    expect(result.events).toBe(ledger.size);
    const verdict = verifyLog(await allEvents(store), ledger.checkpoint, key.vkey);
    expect(verdict).toMatchObject({ ok: true, size: ledger.size });
  });

  it('makes a chain with long lineages, processing, market-entry certificates, rejections and frozen lots', async () => {
    const { ledger, store, result } = await seeded(4000, 3);
    const { readModel, stop } = await startProjections({ store, ledger });
    try {
      expect(readModel.lotCount).toBe(result.lots);
      const retail = readModel.lot(result.codes.retail)!;
      expect(retail.kind).toBe(2);
      expect(['received', 'depleted', 'frozen']).toContain(retail.status);
      const lineage = readModel.lineage(result.codes.retail, 'backward')!;
      expect(Math.max(...lineage.nodes.map((node) => node.depth))).toBeGreaterThanOrEqual(5);
      expect(lineage.nodes.some((node) => node.kind === 1)).toBe(true);
      expect(lineage.edges.some((edge) => edge.via === 'merge')).toBe(true);

      const farm = readModel.lot(result.codes.farm)!;
      expect(farm).toMatchObject({ kind: 1, madeBy: 'commission' });
      expect(farm.records.length).toBeGreaterThan(0);
      expect(readModel.oneStepForward(result.codes.farm)!.length).toBeGreaterThan(0);

      expect(readModel.lot(result.codes.marketEntry)).toMatchObject({
        kind: 3,
        buyer: { ref: expect.stringMatching(/^pd_/), commitment: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(readModel.lot(result.codes.processed!)).toMatchObject({ madeBy: 'process' });
      expect(readModel.lineage(result.codes.frozen!, 'forward')!.nodes.length).toBeGreaterThan(1);
      expect(readModel.lot(result.codes.inTransit!)).toMatchObject({ status: 'in-transit' });

      const events = await allEvents(store);
      const types = new Set(events.map((event) => event.type));
      for (const type of [
        'operator.rejected',
        'operator.certified',
        'lot.recorded',
        'lot.rejected',
        'lot.sold',
        'lot.frozen',
        'lot.processed',
      ]) {
        expect(types, type).toContain(type);
      }
      const merges = events.filter((event) => event.type === 'lot.processed' && (event.data as { mode: string }).mode === 'merge');
      expect(merges.length).toBeGreaterThan(10);
      expect(
        events
          .filter((event) => event.type === 'lot.commissioned')
          .some((event) => (event.data as { claims: unknown[] }).claims.length > 0),
      ).toBe(true);

      const zengcheng = readModel.operators({ regionPrefix: '440118', status: 'approved' });
      expect(zengcheng.operators.length).toBeGreaterThan(0);
      expect(zengcheng.operators[0]!.regionName).toBe('广东省广州市增城区');
      const store0 = readModel.holdings(result.operatorIds.store)!;
      expect(store0.held.length + store0.inTransit.length).toBeGreaterThan(0);
      const certified = readModel.operators({ regionPrefix: '44', limit: 1000 }).operators.find((op) => op.certifications.length > 0);
      expect(certified?.certifications[0]?.valid).toBe(true);
    } finally {
      await stop();
    }
  });
});
