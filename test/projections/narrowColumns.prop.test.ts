/**
 * The lot table's narrow columns (interned ids and record counts in Uint8/Uint16) widen to Int32
 * the first time a value does not fit, keeping every value written before, through the columns'
 * snapshot export and import too (src/projections/lots/lotColumns.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnStates } from '../../src/projections/index.js';
import { LotColumns, type NarrowColumn } from '../../src/projections/lots/lotColumns.js';

const NAMES: NarrowColumn[] = ['product', 'origin', 'claims', 'recordCount'];

describe('narrow lot columns', () => {
  it('read back every value written, whatever its size, and after a snapshot round trip', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom(...NAMES),
            id: fc.nat({ max: 3_000 }),
            value: fc.oneof(fc.nat({ max: 255 }), fc.nat({ max: 70_000 }), fc.nat({ max: 0x7fff_ffff })),
          }),
          { minLength: 1, maxLength: 200 },
        ),
        (writes) => {
          const columns = new LotColumns();
          const model = new Map<string, number>();
          for (const { name, id, value } of writes) {
            columns.ensureRows(id + 1);
            columns.setNarrow(name, id, value);
            model.set(`${name}:${id}`, value);
          }
          const restored = new LotColumns();
          restored.importColumns(columns.exportColumns());
          for (const [key, value] of model) {
            const [name, id] = key.split(':') as [NarrowColumn, string];
            expect(columns[name][Number(id)]).toBe(value);
            expect(restored[name][Number(id)]).toBe(value);
          }
          // A column stays narrow while its values fit.
          for (const name of NAMES) {
            const largest = Math.max(0, ...writes.filter((write) => write.name === name).map((write) => write.value));
            const limit = name === 'recordCount' ? 0xff : 0xffff;
            expect(columns[name] instanceof Int32Array).toBe(largest > limit);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a snapshot column of another type, and a writer image of another lot layout', () => {
    const columns = new LotColumns();
    columns.ensureRows(3);
    const exported = columns.exportColumns();
    const restored = new LotColumns();
    expect(() => restored.importColumns({ ...exported, quantity: new Float64Array(3) as never })).toThrow(/quantity is a Float64Array/);
    expect(() => restored.importColumns({ ...exported, product: new Float64Array(3) as never })).toThrow(/product/);
    restored.importColumns({ ...exported, product: new Int32Array(3) });
    expect(restored.product).toBeInstanceOf(Int32Array);
    const states = new ColumnStates();
    const image = states.exportImage() as { lots: { version: number } };
    expect(() => new ColumnStates().importImage({ ...image, lots: { ...image.lots, version: image.lots.version - 1 } })).toThrow(
      /lot layout/,
    );
    expect(() => new ColumnStates().importImage(image)).not.toThrow();
  });
});
