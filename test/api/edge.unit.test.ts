import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citizenIdDigest, freshTraceCode, keyDigest, loadCitizenIdSecret, resolveAdminKey } from '../../src/api/index.js';
import { isValidTraceCode, traceCodeKind, traceCodeRegion } from '../../src/domain/index.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bootstrap admin key', () => {
  it('is made once, printed once, and kept only as a digest (mode 0600)', () => {
    const first = resolveAdminKey({ dataDir: dir, env: {} })!;
    expect(first.created).toMatch(/^sy_/);
    expect(first!.digest).toBe(keyDigest(first!.created!));
    const file = join(dir, 'admin-key.sha256');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.digest);
    expect(readFileSync(file, 'utf8')).not.toContain(first.created);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveAdminKey({ dataDir: dir, env: {} });
    expect(again).toEqual({ digest: first.digest });
    expect(resolveAdminKey({ dataDir: join(dir, 'elsewhere'), env: {}, create: false })).toBeUndefined();
  });

  it('comes from SUYUAN_ADMIN_KEY when set, which must be long enough', () => {
    const key = 'a-long-admin-key-from-the-environment';
    expect(resolveAdminKey({ dataDir: dir, env: { SUYUAN_ADMIN_KEY: key } })).toEqual({ digest: keyDigest(key) });
    expect(() => resolveAdminKey({ dataDir: dir, env: { SUYUAN_ADMIN_KEY: 'short' } })).toThrow(/16 characters/);
  });
});

describe('the citizen-ID secret and digests', () => {
  it('keeps one secret per data directory, so digests are stable across restarts and differ between sites', () => {
    const secret = loadCitizenIdSecret({ dataDir: dir, env: {} });
    expect(loadCitizenIdSecret({ dataDir: dir, env: {} }).equals(secret)).toBe(true);
    const id = '11010519491231002X';
    expect(citizenIdDigest(secret, id)).toMatch(/^[0-9a-f]{64}$/);
    expect(citizenIdDigest(secret, id)).not.toBe(citizenIdDigest(loadCitizenIdSecret({ env: {} }), id));
  });
});

describe('fresh trace codes', () => {
  it('have the kind and region asked for, valid check digits, and 11 unpredictable digits', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = freshTraceCode(2, '440106');
      expect(isValidTraceCode(code)).toBe(true);
      expect(traceCodeKind(code)).toBe(2);
      expect(traceCodeRegion(code)).toBe('440106');
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
    const digits = [...codes].map((code) => code.charAt(10));
    expect(new Set(digits).size).toBe(10);
  });
});
