/**
 * The trace answers kept ready are keyed by the lot (every spelling of its
 * code shares an entry) and by clamped limits, and bounded in bytes: a flood
 * of distinct requests or one huge lineage cannot grow the cache past its
 * budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode } from '../../src/domain/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';
import { farmToCoop, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let coopLot: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ coopLot } = await farmToCoop(h, keys));
});
afterAll(() => h.close());

describe('the trace cache', () => {
  it('keeps one entry for every spelling of a code and every depth past the walk', async () => {
    const read = h.projections.readModel;
    const before = read.cacheSize.lineages;
    const spellings = [coopLot, formatTraceCode(coopLot), formatTraceCode(coopLot).replaceAll(' ', '-')];
    const answers = new Set<string>();
    for (const code of spellings) {
      const response = await h.call('GET', `/v1/codes/${encodeURIComponent(code)}/trace?direction=backward`, { key: keys.auditor });
      expect(response.statusCode).toBe(200);
      answers.add(response.body);
    }
    expect(answers.size).toBe(1);
    expect(read.cacheSize.lineages - before).toBe(1);
    expect(read.lineageJson(coopLot, 'backward', { maxDepth: 1e12, maxNodes: 10_000 })).toBe(
      read.lineageJson(coopLot, 'backward', { maxDepth: 2e12, maxNodes: 10_000 }),
    );
    expect(read.cacheSize.lineages - before).toBe(2);
  });

  it('holds no more lineage bytes than its budget, however many distinct walks are asked for', async () => {
    const store = createMemoryStore();
    const ledger = await openSuyuanLedger({ store, key: { origin: 'bytes.test/log', ...generateKey('bytes.test/log') } });
    const projections = await startProjections({ store, ledger, traceCacheBytes: 8192 });
    try {
      const [a, b] = await registerAndApprove(ledger, 2);
      const code = codeGenerator(7);
      const root = code(1);
      await ledger.submit(commissionCommand(root, 500), operatorActor(a!));
      for (let i = 0; i < 40; i++) await ledger.submit(shipCommand(root, code(2), 1, b!), operatorActor(a!));
      const read = projections.readModel;
      let largest = 0;
      for (let nodes = 1; nodes <= 41; nodes++) {
        const json = read.lineageJson(root, 'forward', { maxDepth: 5, maxNodes: nodes })!;
        largest = Math.max(largest, json.length * 2);
        expect(read.cacheSize.lineageBytes).toBeLessThanOrEqual(8192);
      }
      expect(largest, 'the walks were big enough to need evictions').toBeGreaterThan(8192 / 4);
      expect(read.cacheSize.lineages).toBeGreaterThan(0);
    } finally {
      await projections.stop();
    }
  });
});
