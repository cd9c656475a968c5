import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKey, signNote, verifyNote } from '../../src/hash/index.js';
import { DEFAULT_ORIGIN, loadLogKey } from '../../src/ledger/index.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadLogKey', () => {
  it('creates a key file readable by its owner only on first start, and reuses it', () => {
    const dataDir = tempDir();
    const first = loadLogKey({ dataDir, env: {} });
    expect(first.origin).toBe(DEFAULT_ORIGIN);
    expect(statSync(join(dataDir, 'log.key')).mode & 0o777).toBe(0o600);
    const again = loadLogKey({ dataDir, env: {} });
    expect(again).toEqual(first);
    expect(verifyNote(signNote('hello\n', again.skey), [first.vkey])).toBe(true);
  });

  it('prefers SUYUAN_LOG_KEY and takes the origin from the key name', () => {
    const key = generateKey('gd.suyuan.example/log');
    const loaded = loadLogKey({ dataDir: tempDir(), env: { SUYUAN_LOG_KEY: key.skey } });
    expect(loaded).toEqual({ origin: 'gd.suyuan.example/log', skey: key.skey, vkey: key.vkey });
  });

  it('names a new key after SUYUAN_ORIGIN, and refuses an origin that is not the key name', () => {
    const dataDir = tempDir();
    expect(loadLogKey({ dataDir, env: { SUYUAN_ORIGIN: 'gz.suyuan.example/log' } }).origin).toBe('gz.suyuan.example/log');
    expect(() => loadLogKey({ dataDir, env: { SUYUAN_ORIGIN: 'other.example/log' } })).toThrow(/must agree/);
  });
});
