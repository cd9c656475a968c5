/**
 * In the writer process the lot projection is the ledger's own column state (issue 17): one copy
 * of every lot. It serves what a projection of its own would, follows every commit, is never
 * saved to a snapshot of its own, and survives a runner's reset and restore untouched.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { ColumnStates, LotProjection, startProjections } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { createMemoryStore } from '../../src/store/index.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const work = mkdtempSync(join(tmpdir(), 'suyuan-shared-lots-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the writer’s shared lot projection', () => {
  it('is the ledger’s columns, serves what an own copy serves, and is not saved on its own', async () => {
    const store = createMemoryStore();
    const ledger = await openSuyuanLedger({ store, key });
    const dir = join(work, 'snapshots');
    const shared = await startProjections({ store, ledger, snapshots: { dir, everyEvents: 0, everyMs: 0 } });
    const own = await startProjections({ store, ledger, shareLots: false });
    const states = ledger.entities;
    expect(states).toBeInstanceOf(ColumnStates);
    expect(shared.readModel.lotProjection).toBe((states as ColumnStates).lots);
    expect(own.readModel.lotProjection).not.toBe((states as ColumnStates).lots);
    const seeded = await seedDemo(ledger, { lots: 60, seed: 5 });
    await shared.runner.whenAt(ledger.size);
    await own.runner.whenAt(ledger.size);
    expect(seeded.lots).toBeGreaterThan(30);
    const everyLot = Array.from({ length: own.readModel.lotCount }, (_, id) => own.readModel.lotProjection.index.codeOf(id));
    expect(shared.readModel.lotCount).toBe(everyLot.length);
    for (const code of everyLot) {
      expect(shared.readModel.lot(code)).toEqual(own.readModel.lot(code));
      expect(shared.readModel.lineage(code, 'backward')).toEqual(own.readModel.lineage(code, 'backward'));
    }
    await shared.runner.save();
    expect(readdirSync(dir).sort()).toEqual(['operators.snapshot', 'regulation.snapshot']);
    // A runner that rebuilds (reset) or restores does not touch the ledger's lots.
    const lots = shared.readModel.lotProjection;
    const before = lots.size;
    lots.reset();
    expect(lots.size).toBe(before);
    expect(lots.position).toBe(0);
    // An image of an empty projection: restoring it into the shared lots would empty them.
    lots.restore(new LotProjection().snapshot());
    expect(lots.size).toBe(before);
    expect(shared.readModel.lot(everyLot[0]!)).toEqual(own.readModel.lot(everyLot[0]!));
    await shared.stop();
    await own.stop();
    await ledger.close();
  });

  it('keeps no event positions of its own (they would miss every event before the start)', async () => {
    const store = createMemoryStore();
    const ledger = await openSuyuanLedger({ store, key });
    const running = await startProjections({ store, ledger, eventPositions: true });
    expect(running.readModel.lotProjection).not.toBe((ledger.entities as ColumnStates).lots);
    await running.stop();
    await ledger.close();
  });
});
