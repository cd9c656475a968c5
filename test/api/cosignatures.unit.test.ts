/**
 * POST /v1/log/cosignatures on an upstream log: only a configured witness's cosignature of a
 * checkpoint this log signed is taken; the checkpoint and proof bundles of that size then carry it,
 * and it survives a restart (the book's file). Everything else is a 4xx naming why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerifyReceiptCommand } from '../../src/cli/verifyReceipt.js';
import { CosignatureBook } from '../../src/api/index.js';
import { cosign, generateKey, withCosignatures } from '../../src/hash/index.js';
import { checkWitnessed } from '../../src/verify/index.js';
import { lotBody, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-cosign-'));
const file = join(dir, 'cosignatures.json');
const witness = generateKey('nation.test/log');
const stranger = generateKey('stranger.test/log');
let h: Harness;
let keys: Keys;
let code: string;

beforeAll(async () => {
  h = await harness({ witnesses: new CosignatureBook([witness.vkey], file) });
  keys = await setUp(h);
  code = JSON.parse((await h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(10) })).body).code;
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const checkpoint = async () => (await h.call('GET', '/v1/log/checkpoint')).body;
const textOf = (note: string) => note.slice(0, note.lastIndexOf('\n\n') + 1);
const post = (body: string) =>
  h.app.inject({ method: 'POST', url: '/v1/log/cosignatures', headers: { 'content-type': 'text/plain' }, payload: body });

describe('witness cosignatures', () => {
  it("takes a configured witness's cosignature and serves the checkpoint and bundles with it", async () => {
    const note = await checkpoint();
    const { line } = cosign(textOf(note), witness.skey, 1_770_000_000);
    const answer = await post(withCosignatures(note, [line]));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().accepted).toEqual([expect.objectContaining({ name: 'nation.test/log', timestamp: 1_770_000_000 })]);
    expect(checkWitnessed(await checkpoint(), [witness.vkey], 1).ok).toBe(true);
    const bundle = JSON.parse((await h.call('GET', `/v1/codes/${code}/proof`)).body);
    expect(checkWitnessed(bundle.checkpoint, [witness.vkey], 1).ok).toBe(true);
    // Kept in the file: a new book on it serves the same line.
    expect(new CosignatureBook([witness.vkey], file).all()).toEqual([expect.objectContaining({ line })]);
  });

  it('refuses a stranger, a checkpoint it never signed, and what is not a note, appending nothing', async () => {
    // The checkpoint with the log's signature only (the witness's line from before left out).
    const served = await checkpoint();
    const note = `${textOf(served)}\n${served.slice(served.lastIndexOf('\n\n') + 2).split('\n')[0]}\n`;
    const before = (await h.store.head()).size;
    const strangers = await post(withCosignatures(note, [cosign(textOf(note), stranger.skey, 1).line]));
    expect(strangers.statusCode).toBe(403);
    expect(strangers.json().code).toBe('WitnessRefused');
    const forged = textOf(note).replace(/\n\d+\n/, '\n999999\n');
    const unknown = await post(
      withCosignatures(`${forged}\n${note.slice(note.lastIndexOf('\n\n') + 2)}`, [cosign(forged, witness.skey, 1).line]),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('UnknownCheckpoint');
    const garbage = await post('hello');
    expect(garbage.statusCode).toBe(400);
    const bad = await post(withCosignatures(note, [cosign('other text\n', witness.skey, 1).line]));
    expect(bad.statusCode).toBe(403);
    expect((await h.store.head()).size).toBe(before);
  });

  it('lets suyuan verify-receipt require witnesses: a receipt counts once its checkpoint carries their cosignature', async () => {
    const written = JSON.parse((await h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(3) })).body);
    const served = await checkpoint();
    expect(written.ledger.size).toBe(Number(textOf(served).split('\n')[1]));
    expect((await post(withCosignatures(served, [cosign(textOf(served), witness.skey, 1_770_000_100).line]))).statusCode).toBe(200);
    const file = join(dir, 'receipt.json');
    const program = new Command().exitOverride();
    registerVerifyReceiptCommand(program);
    const run = async (receipt: unknown, ...witnessArgs: string[]) => {
      writeFileSync(file, JSON.stringify(receipt));
      process.exitCode = undefined;
      await program.parseAsync(['node', 'suyuan', 'verify-receipt', file, '--vkey', h.key.vkey, ...witnessArgs, '--json']);
      const code = process.exitCode ?? 0;
      process.exitCode = undefined;
      return code;
    };
    const witnessed = { ...written.ledger, checkpoint: await checkpoint() };
    expect(await run(written.ledger)).toBe(0);
    expect(await run(written.ledger, '--witness', witness.vkey)).toBe(1);
    expect(await run(witnessed, '--witness', witness.vkey, '--min-witnesses', '1')).toBe(0);
    expect(await run(witnessed, '--witness', stranger.vkey)).toBe(1);
    expect(await run({ ...written, ledger: witnessed }, '--witness', witness.vkey)).toBe(0);
  });

  it('says 403 on a log that accepts no witnesses', async () => {
    const plain = await harness();
    const note = (await plain.call('GET', '/v1/log/checkpoint')).body;
    const answer = await plain.app.inject({
      method: 'POST',
      url: '/v1/log/cosignatures',
      headers: { 'content-type': 'text/plain' },
      payload: withCosignatures(note, [cosign(textOf(note), witness.skey, 1).line]),
    });
    await plain.close();
    expect(answer.statusCode).toBe(403);
  });
});
