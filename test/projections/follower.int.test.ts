/**
 * A read-only follower in its own process, on PostgreSQL: while the writer
 * seeds a chain through the sequencer, the follower's projections stay
 * within a bounded lag of the log, and once the writer stops they reach
 * exactly the writer's state.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { canonicalJson, generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { encodeSnapshot, startProjections } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema } from '../support/pg.js';

const CHILD = join(import.meta.dirname, 'support', 'followerChild.ts');
const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
/** Events the follower may trail the writer by while it writes: a few group commits of up to 1,024 commands (about 1,900 seen here). */
const MAX_LAG = 6_000;

describeWithPostgres('a read-only follower process on PostgreSQL', (url) => {
  const schema = uniqueSchema('follower');
  const storeUrl = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
  afterAll(() => dropSchema(url, schema));

  it("keeps up with the writer under load and reaches the writer's state", async () => {
    const store = await openStore(storeUrl, { role: 'writer' });
    const ledger = await openSuyuanLedger({ store, key });
    const writerSide = await startProjections({ store, ledger });
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, STORE_URL: storeUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    }) as ChildProcessWithoutNullStreams;
    const lags: number[] = [];
    let stderr = '';
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    let answer!: (line: string) => void;
    const answered = new Promise<string>((resolve) => (answer = resolve));
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, position] = line.split(' ');
        if (word === 'READY') ready();
        if (word === 'STATUS') lags.push(ledger.size - Number(position));
        if (word === 'AT') answer(line);
        if (word === 'ERROR') stderr += `${line}\n`;
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await isReady;
      const result = await seedDemo(ledger, { lots: 6000, seed: 11 });
      const underLoad = lags.length;
      child.stdin.end(`WAIT ${ledger.size} ${result.codes.retail}\n`);
      const [, position, lotsDigest, operatorsDigest, lotCount, lineageSize] = (await answered).split(' ');

      expect(underLoad, 'status reports while the writer wrote').toBeGreaterThan(20);
      expect(Math.max(...lags.slice(0, underLoad)), `lag under load (${stderr})`).toBeLessThanOrEqual(MAX_LAG);
      expect(Number(position)).toBe(ledger.size);
      expect(Number(lotCount)).toBe(result.lots);
      const { readModel } = writerSide;
      const lots = createHash('sha256');
      for (const part of encodeSnapshot(readModel.lotProjection.snapshot())) lots.update(part);
      expect(lotsDigest).toBe(lots.digest('hex'));
      // Operators as the follower holds them: read back from the store.
      const operators = createHash('sha256');
      const reader = await startProjections({ store });
      for (const operator of reader.readModel.operators({ limit: 1000 }).operators) {
        operators.update(canonicalJson(reader.readModel.operatorProjection.get(operator.id)));
      }
      await reader.stop();
      expect(operatorsDigest).toBe(operators.digest('hex'));
      expect(Number(lineageSize)).toBe(readModel.lineage(result.codes.retail, 'backward')!.nodes.length);
      expect(await exited).toBe(0);
    } finally {
      child.kill();
      await writerSide.stop();
      await ledger.close();
      await store.close();
    }
  });
});
