/** `suyuan seed` on the embedded store: a verifiable log, and no second chain on top of the first by mistake. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSeed, seedStore } from '../../src/cli/seed.js';
import { verifyStoredLog } from '../../src/cli/verify.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-seed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('suyuan seed', () => {
  it('seeds a data directory that verifies, and refuses to seed it twice unless asked', async () => {
    const data = join(dir, 'data');
    const result = await seedStore({ data, lots: 300, seed: 4, batch: 512 });
    expect(result.lots).toBeGreaterThanOrEqual(300);
    const verdict = await verifyStoredLog({ data });
    expect(verdict).toMatchObject({ ok: true, size: result.events });
    expect(describeSeed(result)).toContain('retail lot, long lineage');
    await expect(seedStore({ data, lots: 300, seed: 5, batch: 512 })).rejects.toThrow(/already holds .* events; pass --append/);
    const more = await seedStore({ data, lots: 300, seed: 5, batch: 512, append: true });
    expect(await verifyStoredLog({ data })).toMatchObject({ ok: true, size: result.events + more.events });
  });
});
