/**
 * fetchVerifiedTail trusts only the log key: a remote node's tail is taken
 * only when every event's hash and `prev` link verify as continuing the
 * local log and the remote signed checkpoint covers the result. A remote
 * that edits, forks, signs with another key or lags a kept checkpoint is
 * refused with the reason; properties the hash does not cover are dropped.
 */
import { describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { Ledger, type LogKey } from '../../src/ledger/index.js';
import { createMemoryStore, type EventStore, type SealedEvent } from '../../src/store/index.js';
import { RemoteLog, fetchVerifiedTail } from '../../src/verify/index.js';
import { toyDomain } from '../ledger/toyDomain.js';

const key: LogKey = { origin: 'tail.test/log', ...generateKey('tail.test/log') };

/** A log of `count` toy events, one batch each, over `items`. */
async function logOf(count: number, items = ['a', 'b'], signer: LogKey = key): Promise<{ store: EventStore; checkpoints: string[] }> {
  const store = createMemoryStore();
  const ledger = await Ledger.open({ store, domain: toyDomain, key: signer });
  const checkpoints = [ledger.checkpoint];
  for (let i = 0; i < count; i++) {
    await ledger.submit({ type: 'add', item: items[i % items.length]!, n: i + 1 }, 'farm');
    checkpoints.push(ledger.checkpoint);
  }
  await ledger.close();
  return { store, checkpoints };
}

/** A prefix of `source` as its own store: the local copy restored from an older backup. */
async function prefixOf(source: { store: EventStore; checkpoints: string[] }, size: number): Promise<EventStore> {
  const store = createMemoryStore();
  const events = await source.store.readFrom(0, size);
  const note = source.checkpoints[size]!;
  const checkpoint = (await source.store.checkpointAt(size))!;
  expect(checkpoint.note).toBe(note);
  await store.appendBatch({ events, checkpoint, idempotency: [] });
  return store;
}

/** A fake node serving `store` over the log routes, with `edit` applied to the events it sends. */
function remoteOver(store: EventStore, note: string, edit: (event: SealedEvent) => unknown = (event) => event): RemoteLog {
  const fake = (async (input: URL) => {
    if (input.pathname === '/v1/log/checkpoint') return new Response(note);
    const after = Number(input.searchParams.get('after'));
    const limit = Number(input.searchParams.get('limit'));
    const events = (await store.readFrom(after + 1, limit)).map(edit);
    return Response.json({ events, size: (await store.head()).size });
  }) as typeof fetch;
  return new RemoteLog({ url: 'http://reader.test', fetch: fake });
}

describe('fetchVerifiedTail', () => {
  it('returns the tail that continues the local log up to the remote checkpoint, with only the hashed fields', async () => {
    const full = await logOf(9);
    const local = await prefixOf(full, 4);
    const remote = remoteOver(full.store, full.checkpoints[9]!, (event) => ({ ...event, injected: 'not hashed' }));
    const tail = await fetchVerifiedTail({ store: local, remote, vkey: key.vkey, pins: [full.checkpoints[6]!] });
    expect(tail).toMatchObject({ ok: true, from: 4, checkpoint: { size: 9, note: full.checkpoints[9] } });
    if (!tail.ok) return;
    expect(tail.events).toEqual(await full.store.readFrom(4, 5));
    expect(tail.events.every((event) => !('injected' in event))).toBe(true);
  });

  it('refuses an edited event, naming its position', async () => {
    const full = await logOf(9);
    const remote = remoteOver(full.store, full.checkpoints[9]!, (event) =>
      event.position === 6 ? { ...event, data: { n: 1000 } } : event,
    );
    expect(await fetchVerifiedTail({ store: await prefixOf(full, 4), remote, vkey: key.vkey })).toMatchObject({
      ok: false,
      reason: 'hash-mismatch',
      position: 6,
    });
  });

  it('refuses a fork of the local log, a checkpoint signed by another key, and a remote behind a kept checkpoint', async () => {
    const full = await logOf(9);
    const local = await prefixOf(full, 4);
    // Another log whose events from position 4 on each start a new lot, so their links check out.
    const other = await logOf(9, ['c', 'c', 'c', 'c', 'd', 'e', 'f', 'g', 'h']);
    const forked = await fetchVerifiedTail({ store: local, remote: remoteOver(other.store, other.checkpoints[9]!), vkey: key.vkey });
    expect(forked).toMatchObject({ ok: false, reason: 'root-mismatch' });
    const stranger = await logOf(9, ['a', 'b'], { origin: key.origin, ...generateKey(key.origin) });
    expect(
      await fetchVerifiedTail({ store: local, remote: remoteOver(full.store, stranger.checkpoints[9]!), vkey: key.vkey }),
    ).toMatchObject({ ok: false, reason: 'remote-checkpoint' });
    expect(
      await fetchVerifiedTail({
        store: local,
        remote: remoteOver(full.store, full.checkpoints[6]!),
        vkey: key.vkey,
        pins: [full.checkpoints[8]!],
      }),
    ).toMatchObject({ ok: false, reason: 'remote-behind' });
  });
});
