/**
 * A LogFollower over a sqlite store whose stored body was edited (the hash
 * column no longer matches it): it refuses to advance past the verified
 * prefix, its listeners never hear of the edited event, and a follower
 * opened on that log refuses to start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower } from '../../src/api/index.js';
import { eventHash, generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey, type SuyuanLedger } from '../../src/ledger/index.js';
import { openStore, type SealedEvent } from '../../src/store/index.js';
import { LogIntegrityError } from '../../src/verify/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove } from '../support/scenario.js';

const key: LogKey = { origin: 'follower.test/log', ...generateKey('follower.test/log') };
const dir = mkdtempSync(join(tmpdir(), 'suyuan-verify-follower-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Commissions `count` lots, one command (so one batch and one checkpoint) at a time. */
async function commission(ledger: SuyuanLedger, farm: string, code: ReturnType<typeof codeGenerator>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const outcome = await ledger.submit(commissionCommand(code(1), 10 + i), operatorActor(farm));
    if (!outcome.ok) throw new Error(`commission refused: ${JSON.stringify(outcome)}`);
  }
}

/** Edits one stored body in place, keeping its hash column. */
function editBody(file: string, position: number): void {
  const db = new Database(file);
  try {
    const { body } = db.prepare('SELECT body FROM events WHERE position = ?').get(position) as { body: string };
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(body.replace('"amount":', '"amount":9'), position);
  } finally {
    db.close();
  }
}

describe('a follower over an edited sqlite store', () => {
  it('stops at the verified prefix and never hands listeners the edited event', async () => {
    const file = join(dir, 'edited.db');
    const writerStore = await openStore(file);
    const ledger = await openSuyuanLedger({ store: writerStore, key });
    const [farm] = await registerAndApprove(ledger, 1);
    const code = codeGenerator(3);
    await commission(ledger, farm!, code, 3);

    const readerStore = await openStore(file, { role: 'reader' });
    const follower = await LogFollower.open({ store: readerStore, vkey: key.vkey });
    const before = follower.size;
    expect(before).toBe(ledger.size);
    const heard: SealedEvent[] = [];
    follower.onCommit((events) => heard.push(...events));

    await commission(ledger, farm!, code, 6);
    const size = ledger.size;
    await ledger.close();
    await writerStore.close();
    const edited = before + 3;
    editBody(file, edited);

    try {
      const caught = await follower.catchUp().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(caught).toBeInstanceOf(LogIntegrityError);
      expect(caught).toMatchObject({ position: edited, code: 'hash-mismatch' });
      // It served as far as a checkpoint inside the events before the edited one, and no further.
      expect(follower.size).toBe(edited);
      expect(heard.map((event) => event.position)).toEqual(Array.from({ length: edited - before }, (_, i) => before + i));
      for (const event of heard) expect(eventHash(event)).toBe(event.hash);
      expect(() => follower.inclusionProof(edited, edited + 1)).toThrow(RangeError);
      // Asked again, it still refuses.
      await expect(follower.catchUp()).rejects.toMatchObject({ position: edited });
      expect(follower.size).toBe(edited);

      // A follower starting on this log refuses to start.
      await expect(LogFollower.open({ store: readerStore, vkey: key.vkey })).rejects.toMatchObject({
        name: 'LogIntegrityError',
        position: edited,
      });
      expect(size).toBeGreaterThan(edited);
    } finally {
      await readerStore.close();
    }
  }, 30_000);
});
