/**
 * A read-only API node, run as a child process by the follower suite: it
 * opens the log as a PostgreSQL reader, starts the projections in follow
 * mode and reports
 *   STATUS <position> <lag>        every 20 ms,
 *   AT <position> <lots digest> <operators digest> <lot count> <lineage size>
 * once it covers the position the parent writes on stdin (WAIT <position> <code>).
 * Env: STORE_URL.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { canonicalJson } from '../../../src/hash/index.js';
import { encodeSnapshot, startProjections } from '../../../src/projections/index.js';
import { openStore } from '../../../src/store/index.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const store = await openStore(process.env.STORE_URL!, { role: 'reader' });
const { readModel, runner, stop } = await startProjections({
  store,
  onError: (error, context) => out(`ERROR ${context} ${error.message}`),
});
const ticker = setInterval(() => out(`STATUS ${runner.position} ${runner.lag}`), 20);
out('READY');

for await (const line of createInterface({ input: process.stdin })) {
  const [word, position, code] = line.split(' ');
  if (word !== 'WAIT') continue;
  await runner.whenAt(Number(position));
  const lots = createHash('sha256');
  for (const part of encodeSnapshot(readModel.lotProjection.snapshot())) lots.update(part);
  const operators = createHash('sha256');
  const directory = readModel.operators({ limit: 1000 });
  for (const operator of directory.operators) operators.update(canonicalJson(readModel.operatorProjection.get(operator.id)));
  const lineage = readModel.lineage(code!, 'backward')!;
  out(`AT ${runner.position} ${lots.digest('hex')} ${operators.digest('hex')} ${readModel.lotCount} ${lineage.nodes.length}`);
  break;
}
clearInterval(ticker);
await stop();
await store.close();
// stdin is still open (the parent's pipe): leave without waiting for it.
process.exit(0);
