/**
 * The vault part of the store contract (PersonalVault and AppendBatch.vault),
 * run by storeContract against every adapter that keeps a vault. KurrentDB
 * keeps none: its suite checks that it refuses instead.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DuplicateIdempotencyKeyError,
  DuplicateVaultRefError,
  StoreUnavailableError,
  VaultUnsupportedError,
  type AppendBatch,
  type VaultRow,
  type VaultStore,
} from '../../src/store/index.js';
import { checkpointFor, fakeHash, idempotencyRecord, simpleBatch } from '../support/events.js';
import type { StoreFixture } from './contract.js';

export const vaultRow = (ref: string, data: unknown = { name: '李四', phone: '13912345678' }): VaultRow => ({
  ref,
  salt: fakeHash(`salt:${ref}`),
  data: JSON.stringify(data),
  recordedBy: 'op:91440101MA5XXXXXX1',
  region: '440118',
  createdAt: '2026-11-29T01:02:03.000Z',
});

/** A batch of `count` default events from `start` carrying `vault` rows. */
const withVault = (start: number, count: number, vault: readonly VaultRow[], batch: Partial<AppendBatch> = {}): AppendBatch => ({
  ...simpleBatch(start, count),
  ...batch,
  vault,
});

const access = (ref: string, principal: string, n: number) => ({
  ref,
  principal,
  purpose: `核查 ${n}`,
  at: new Date(Date.UTC(2026, 11, 1, 0, 0, n)).toISOString(),
});

export function vaultContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name} vault contract`, () => {
    let fixture: StoreFixture;
    let store: VaultStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    if (name === 'kurrentdb') {
      it('refuses vault rows and vault operations, writing nothing', async () => {
        await expect(store.appendBatch(withVault(0, 1, [vaultRow('r')]))).rejects.toBeInstanceOf(VaultUnsupportedError);
        await expect(store.readPersonal('r')).rejects.toBeInstanceOf(VaultUnsupportedError);
        expect((await store.head()).size).toBe(0);
      });
      return;
    }

    it('reads back the vault rows committed with a batch, data byte for byte', async () => {
      const data = { name: '王五 𠀋', phone: '+86 139 1234 5678', address: { 街道: '天河路 "1" 号\n' }, order: { z: 1, a: 2 } };
      const rows = [vaultRow('buyer-1', data), vaultRow('contact-1')];
      expect(await store.appendBatch(withVault(0, 2, rows))).toEqual({ ok: true });
      expect(await store.readPersonal('buyer-1')).toEqual({ ...rows[0], erased: false });
      expect(await store.readPersonal('contact-1')).toEqual({ ...rows[1], erased: false });
      expect(await store.readPersonal('nobody')).toBeUndefined();
      expect(await store.appendBatch(simpleBatch(2, 1))).toEqual({ ok: true });
      expect(await store.appendBatch(withVault(3, 0, [vaultRow('re-signed')]))).toEqual({ ok: true });
      expect(await store.readPersonal('re-signed')).toMatchObject({ erased: false });
    });

    it('leaves no vault row behind a batch refused for a duplicate idempotency key or a position conflict', async () => {
      await store.appendBatch(simpleBatch(0, 2, [idempotencyRecord('op:1', 'taken')]));
      const duplicateKey = withVault(2, 1, [vaultRow('doomed-1')], { idempotency: [idempotencyRecord('op:1', 'taken')] });
      await expect(store.appendBatch(duplicateKey)).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
      expect(await store.appendBatch(withVault(1, 2, [vaultRow('doomed-2')]))).toMatchObject({ ok: false, reason: 'position-conflict' });
      expect(await store.appendBatch(withVault(5, 1, [vaultRow('doomed-3')]))).toMatchObject({ ok: false, reason: 'position-conflict' });
      for (const ref of ['doomed-1', 'doomed-2', 'doomed-3']) expect(await store.readPersonal(ref)).toBeUndefined();
      expect(await store.head()).toEqual({ size: 2, checkpoint: checkpointFor(2) });
      expect(await store.appendBatch(withVault(2, 1, [vaultRow('doomed-1')]))).toEqual({ ok: true });
      expect(await store.readPersonal('doomed-1')).toMatchObject({ erased: false });
    });

    it('refuses, writing nothing, a batch whose vault ref is stored (erased too) or repeated', async () => {
      await store.appendBatch(withVault(0, 1, [vaultRow('taken'), vaultRow('gone')]));
      expect(await store.erasePersonal('gone', '2026-12-01T00:00:00.000Z')).toBe('erased');
      for (const rows of [
        [vaultRow('fresh'), vaultRow('taken', { name: 'another' })],
        [vaultRow('fresh'), vaultRow('gone')],
        [vaultRow('fresh'), vaultRow('fresh')],
      ]) {
        const batch = withVault(1, 1, rows, { idempotency: [idempotencyRecord('op:1', 'k')] });
        await expect(store.appendBatch(batch)).rejects.toBeInstanceOf(DuplicateVaultRefError);
        await expect(store.appendBatch(batch)).rejects.toSatisfy((e) => (e as DuplicateVaultRefError).ref !== '');
      }
      expect(await store.head()).toEqual({ size: 1, checkpoint: checkpointFor(1) });
      expect(await store.readPersonal('fresh')).toBeUndefined();
      expect(await store.idempotency('op:1', 'k')).toBeUndefined();
      expect(await store.readPersonal('taken')).toEqual({ ...vaultRow('taken'), erased: false });
      expect(await store.appendBatch(withVault(1, 1, [vaultRow('fresh')]))).toEqual({ ok: true });
    });

    it('erases data and salt, keeping a tombstone that reads as erased, once', async () => {
      await store.appendBatch(withVault(0, 1, [vaultRow('buyer'), vaultRow('kept')]));
      const at = '2026-12-02T03:04:05.000Z';
      expect(await store.erasePersonal('buyer', at)).toBe('erased');
      const { salt: _salt, data: _data, ...kept } = vaultRow('buyer');
      expect(await store.readPersonal('buyer')).toEqual({ ...kept, erased: true, erasedAt: at });
      expect(await store.erasePersonal('buyer', '2027-01-01T00:00:00.000Z')).toBe('already-erased');
      expect(await store.readPersonal('buyer')).toMatchObject({ erasedAt: at });
      expect(await store.erasePersonal('nobody', at)).toBe('unknown-ref');
      expect(await store.readPersonal('nobody')).toBeUndefined();
      expect(await store.readPersonal('kept')).toEqual({ ...vaultRow('kept'), erased: false });
      // The log is untouched by an erasure.
      expect(await store.readFrom(0, 10)).toEqual(simpleBatch(0, 1).events);
      if (!fixture.reopen) return;
      await store.close();
      const reopened = await fixture.reopen();
      expect(await reopened.readPersonal('buyer')).toEqual({ ...kept, erased: true, erasedAt: at });
    });

    it('lists access records in order, by ref, in pages', async () => {
      expect(await store.accessRecords({ limit: 10 })).toEqual([]);
      const records = Array.from({ length: 7 }, (_, n) => access(n % 3 === 0 ? 'ref-a' : 'ref-b', `principal:${n}`, n));
      for (const record of records) await store.recordAccess(record);
      const all = await store.accessRecords({ limit: 100 });
      expect(all.map(({ seq: _seq, ...record }) => record)).toEqual(records);
      const seqs = all.map((r) => r.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);

      const paged = [];
      for (let after: number | undefined; ; ) {
        const page = await store.accessRecords({ limit: 3, ...(after === undefined ? {} : { after }) });
        paged.push(...page);
        if (page.length < 3) break;
        after = page.at(-1)!.seq;
      }
      expect(paged).toEqual(all);
      const ofA = await store.accessRecords({ ref: 'ref-a', limit: 100 });
      expect(ofA.map((r) => r.principal)).toEqual(['principal:0', 'principal:3', 'principal:6']);
      expect(await store.accessRecords({ ref: 'ref-a', after: ofA[0]!.seq, limit: 1 })).toEqual([ofA[1]]);
      expect(await store.accessRecords({ ref: 'ref-c', limit: 10 })).toEqual([]);
      expect(await store.accessRecords({ limit: 0 })).toEqual([]);
    });

    it('lets a reader read the vault and record access, but not erase', async () => {
      if (!fixture.openReader) return;
      await store.appendBatch(withVault(0, 1, [vaultRow('shared')]));
      const reader = await fixture.openReader();
      expect(await reader.readPersonal('shared')).toEqual({ ...vaultRow('shared'), erased: false });
      await expect(reader.erasePersonal('shared', '2026-12-01T00:00:00.000Z')).rejects.toBeInstanceOf(StoreUnavailableError);
      await reader.recordAccess(access('shared', 'inspector:4401', 1));
      expect(await store.accessRecords({ ref: 'shared', limit: 10 })).toMatchObject([{ principal: 'inspector:4401' }]);
      expect(await store.erasePersonal('shared', '2026-12-01T00:00:00.000Z')).toBe('erased');
      expect(await reader.readPersonal('shared')).toMatchObject({ erased: true });
    });
  });
}
