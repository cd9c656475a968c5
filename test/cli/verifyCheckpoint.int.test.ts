/**
 * `suyuan verify --checkpoint FILE` on sqlite and PostgreSQL: a checkpoint
 * saved elsewhere (an auditor's copy) catches a rolled-back or rewritten
 * log even when the whole data directory, its own checkpoint file
 * included, was put back to the older copy, so the writer itself starts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import type { LogKey } from '../../src/ledger/index.js';
import { describeWithPostgres } from '../support/pg.js';
import { checkpointFileOf, extendLog, openWriter, postgresBackend, sqliteBackend, suyuan, type Backend } from '../support/insider.js';

const key: LogKey = { origin: 'audit.test/log', ...generateKey('audit.test/log') };
const auditor = mkdtempSync(join(tmpdir(), 'suyuan-auditor-'));
afterAll(() => rmSync(auditor, { recursive: true, force: true }));

function verifyCheckpointSuite(make: () => Backend): void {
  let backend: Backend;
  beforeEach(() => {
    backend = make();
  });
  afterEach(() => backend.dispose());

  it('fails on a rolled-back log, then on a rewritten one, with the data directory replaced too', async () => {
    const before = await extendLog(backend, key, 2);
    const older = await backend.snapshot();
    const later = await extendLog(backend, key, 4, 2);
    const saved = join(auditor, `${backend.name}-later.note`);
    writeFileSync(saved, later.checkpoint);
    expect((await suyuan(backend, key, ['verify', ...backend.cliArgs, '--checkpoint', saved])).stdout).toContain(
      `ok: the log extends the checkpoint of size ${later.size}`,
    );

    // The store and the data directory both back to the older copy: the writer has nothing to compare against.
    await older.restoreStore();
    older.restoreDataDir();
    expect(readFileSync(checkpointFileOf(backend), 'utf8')).toBe(before.checkpoint);
    expect(await openWriter(backend, key)).toMatchObject({ size: before.size });

    const rolledBack = suyuan(backend, key, ['verify', ...backend.cliArgs, '--checkpoint', saved]);
    await expect(rolledBack).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(new RegExp(`signed size is ${before.size} but a checkpoint of size ${later.size} .*\\(behind\\)`)),
    });

    // Written on past the saved size with other events: a fork of the published log.
    const rewritten = await extendLog(backend, key, 5, 3);
    expect(rewritten.size).toBeGreaterThan(later.size);
    const forked = suyuan(backend, key, ['verify', ...backend.cliArgs, '--checkpoint', saved]);
    await expect(forked).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(new RegExp(`tree at size ${later.size} has root .* the log was rewritten .*\\(fork\\)`)),
    });
  }, 120_000);
}

describe('verify --checkpoint on sqlite', () => verifyCheckpointSuite(sqliteBackend));

describeWithPostgres('verify --checkpoint on postgres', (url) => verifyCheckpointSuite(() => postgresBackend(url)));
