/**
 * Rebuilding: from the log, and from a snapshot (through its file bytes)
 * plus the tail of the log, the projections end in exactly the same state —
 * the same snapshot bytes — as when fed the whole log once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { LotProjection, OperatorProjection, decodeSnapshot, encodeSnapshot, type Projection } from '../../src/projections/index.js';
import { scenarioArbitrary } from '../domain/support/simulation.js';
import { build } from './support/build.js';
import { comparable, history, naive } from './support/history.js';

const bytesOf = (projection: Projection): Buffer => Buffer.concat(encodeSnapshot(projection.snapshot()));

describe('rebuild and snapshots', () => {
  it('give the same state from the log, and from a snapshot plus the tail', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (steps, cut, positions) => {
        const events = history(steps);
        const split = Math.floor(cut * events.length);
        const whole = build(events, { eventPositions: positions });

        const head = build(events.slice(0, split), { eventPositions: positions });
        const lots = new LotProjection({ eventPositions: positions });
        const operators = new OperatorProjection();
        lots.restore(decodeSnapshot(Buffer.concat(encodeSnapshot(head.lots.snapshot()))));
        operators.restore(decodeSnapshot(Buffer.concat(encodeSnapshot(head.operators.snapshot()))));
        expect(lots.position).toBe(split);
        for (const event of events.slice(split)) {
          lots.apply(event);
          operators.apply(event);
        }
        expect(bytesOf(lots).equals(bytesOf(whole.lots))).toBe(true);
        expect(bytesOf(operators).equals(bytesOf(whole.operators))).toBe(true);

        // A reset projection rebuilt from the log is the same again.
        whole.lots.reset();
        whole.operators.reset();
        for (const event of events) {
          whole.lots.apply(event);
          whole.operators.apply(event);
        }
        expect(bytesOf(lots).equals(bytesOf(whole.lots))).toBe(true);

        const expected = naive(events);
        for (const [code, lot] of expected.lots) expect(comparable(lots.state(code)!)).toEqual(comparable(lot));
      }),
      { numRuns: 150 },
    );
  });

  it('refuse an event out of turn without changing anything', () => {
    const events = history([{ action: 0, a: 0, b: 0, c: 1, amount: 5000, honest: true }]);
    const { lots } = build(events.slice(0, 2));
    const before = bytesOf(lots);
    expect(() => lots.apply(events[3]!)).toThrow(/expects the event at position 2, not 3/);
    expect(() => lots.apply(events[1]!)).toThrow(/position 2, not 1/);
    expect(bytesOf(lots).equals(before)).toBe(true);
  });

  it('reject damaged snapshot bytes', () => {
    const { lots } = build(history([{ action: 0, a: 0, b: 0, c: 1, amount: 5000, honest: true }]));
    const bytes = Buffer.concat(encodeSnapshot(lots.snapshot()));
    const damaged = Buffer.from(bytes);
    damaged[damaged.length >> 1]! ^= 1;
    expect(() => decodeSnapshot(damaged)).toThrow(/checksum/);
    expect(() => decodeSnapshot(bytes.subarray(0, 10))).toThrow(/not a Suyuan snapshot/);
    expect(decodeSnapshot(bytes).position).toBe(lots.position);
  });
});
