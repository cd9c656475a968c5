/**
 * benchmarks/memory.ts — where a writer's bytes a lot go (issue 17's heap goal: ≤ 300 B a lot).
 *
 * Opens a chain that bench:scale seeded (--data), the way the writer starts: the ledger from its
 * snapshot, then each projection from its snapshot, and after each step prints the growth of heap +
 * array buffers (after a GC) per lot. Inside a step, the typed arrays of each snapshot image give
 * the bytes of each column, and a value's JSON length hints at the size of the objects behind it.
 * Nothing is written but the ledger's snapshot at close. Then it waits for the ledger's background
 * verification (minutes at 1M lots) and measures the total again.
 *
 * Run: npm run bench:memory -- --data .tmp/bench-scale-1000000
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLogKey, openSuyuanLedger } from '../src/ledger/index.js';
import { ColumnStates, OperatorProjection, type Projection, RegulationProjection, readSnapshot } from '../src/projections/index.js';
import { openStore } from '../src/store/index.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({ options: { data: { type: 'string', default: '.tmp/bench-scale-1000000' } } });
const dataDir = resolve(args.data);

/** Heap + array buffers after full GCs, with pauses between: freed buffers are returned to the count a little later. */
async function used(): Promise<number> {
  if (!globalThis.gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
}

let lots = 1;
const start = await used();
let last = start;
async function step(part: string, extra: Record<string, unknown> = {}): Promise<void> {
  const now = await used();
  report({ bench: 'memory', part, bytes: now - last, bytesPerLot: round((now - last) / lots), ...extra });
  last = now;
}

/** The byte size of each typed array in a projection's image, and the JSON length of each value, per lot. */
function columns(projection: Projection): Record<string, number> {
  const image = projection.snapshot();
  const out: Record<string, number> = {};
  for (const [name, array] of Object.entries(image.arrays)) out[`array:${name}`] = round(array.byteLength / lots);
  for (const [name, value] of Object.entries(image.values)) out[`json:${name}`] = round((JSON.stringify(value)?.length ?? 0) / lots);
  return out;
}

const store = await openStore(join(dataDir, 'suyuan.db'));
await step('store');
const ledger = await openSuyuanLedger({ store, key: loadLogKey({ dataDir }), snapshotFile: join(dataDir, 'ledger-snapshot') });
const entities = ledger.entities;
if (!(entities instanceof ColumnStates)) throw new Error('the writer ledger should keep ColumnStates');
lots = Math.max(1, entities.lots.index.size);
await step('ledger', { lots, events: ledger.size, resumedFrom: ledger.resumedFrom, lotColumns: columns(entities.lots) });

const kept: Projection[] = [];
for (const projection of [new OperatorProjection(), new RegulationProjection()] as Projection[]) {
  // The image read from the file is not the projection's memory: it is read before the step starts and dropped.
  let image = await readSnapshot(join(dataDir, 'snapshots'), projection.name);
  if (!image) throw new Error(`no ${projection.name} snapshot in ${dataDir}/snapshots: run bench:scale first`);
  if (image.version !== projection.snapshotVersion) {
    throw new Error(
      `the ${projection.name} snapshot in ${dataDir}/snapshots is of layout ${image.version}, not ${projection.snapshotVersion}: run bench:scale first`,
    );
  }
  last = await used();
  projection.restore(image);
  image = undefined;
  kept.push(projection);
  await step(projection.name);
  const parts = columns(projection);
  last = await used();
  report({ bench: 'memory', part: `${projection.name} columns`, ...parts });
}
report({ bench: 'memory', part: 'total', bytesPerLot: round(((await used()) - start) / lots), projections: kept.length });
// The background pass holds a second state while it runs; once it ends, the steady state.
const passStarted = performance.now();
await ledger.prefixVerified;
report({
  bench: 'memory',
  part: 'total after the background pass',
  bytesPerLot: round(((await used()) - start) / lots),
  passSeconds: round((performance.now() - passStarted) / 1000),
  health: ledger.health(),
});
await ledger.close();
await store.close();
