/** One place finds the log's public key: a given value or @file, SUYUAN_LOG_VKEY, SUYUAN_LOG_KEY, or the data directory's log.key. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { loadLogKey } from '../../src/ledger/index.js';
import { LOG_KEY_FILE, readSigningKey, resolveVerifierKey } from '../../src/verify/index.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-logkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = generateKey('logkey.test/log');
const other = generateKey('other.test/log');

describe('resolveVerifierKey', () => {
  it('takes a given key, or reads it from @file', () => {
    expect(resolveVerifierKey({ vkey: ` ${key.vkey}\n`, env: { SUYUAN_LOG_KEY: other.skey } })).toBe(key.vkey);
    const file = join(dir, 'vkey.txt');
    writeFileSync(file, `${key.vkey}\n`);
    expect(resolveVerifierKey({ vkey: `@${file}`, env: {} })).toBe(key.vkey);
  });

  it('else SUYUAN_LOG_VKEY, else the public half of SUYUAN_LOG_KEY, else of the data directory log.key', () => {
    const data = mkdtempSync(join(dir, 'data-'));
    writeFileSync(join(data, LOG_KEY_FILE), `${other.skey}\n`);
    expect(resolveVerifierKey({ dataDir: data, env: { SUYUAN_LOG_VKEY: key.vkey, SUYUAN_LOG_KEY: other.skey } })).toBe(key.vkey);
    expect(resolveVerifierKey({ dataDir: data, env: { SUYUAN_LOG_KEY: key.skey } })).toBe(key.vkey);
    expect(resolveVerifierKey({ dataDir: data, env: {} })).toBe(other.vkey);
  });

  it('throws, naming the ways to give one, when there is none', () => {
    expect(() => resolveVerifierKey({ dataDir: mkdtempSync(join(dir, 'empty-')), env: {} })).toThrow(/--vkey.*SUYUAN_LOG_KEY.*log\.key/);
  });

  it("agrees with the writer's key: loadLogKey reads the same sources", () => {
    const data = mkdtempSync(join(dir, 'writer-'));
    expect(readSigningKey({ dataDir: data, env: {} })).toBeUndefined();
    const made = loadLogKey({ dataDir: data, env: {} });
    expect(readSigningKey({ dataDir: data, env: {} })).toBe(made.skey);
    expect(resolveVerifierKey({ dataDir: data, env: {} })).toBe(made.vkey);
  });
});
