/** The field app's offline write queue: order, refused vs retried, keys reused, nothing sent twice. */
import { describe, expect, it } from 'vitest';
import { type QueueStorage, type QueuedWrite, type SendAnswer, WriteQueue } from '../../app/src/queue.js';

const FARM = 'pr_farm';

function memoryStorage(): QueueStorage & { text: string | null } {
  const storage = {
    text: null as string | null,
    read: () => storage.text,
    write: (text: string) => {
      storage.text = text;
    },
  };
  return storage;
}

/** A fake server: answers each path from `answers` (a function of the attempt), recording every send. */
function fakeServer(answer: (write: QueuedWrite, attempt: number) => SendAnswer | 'offline') {
  const sends: { path: string; key: string }[] = [];
  const send = async (write: QueuedWrite): Promise<SendAnswer> => {
    const attempt = sends.filter((seen) => seen.key === write.idempotencyKey).length;
    sends.push({ path: write.path, key: write.idempotencyKey });
    const answered = answer(write, attempt);
    if (answered === 'offline') throw new TypeError('Failed to fetch');
    return answered;
  };
  return { sends, send };
}

const ok: SendAnswer = { status: 201, body: { code: 'child' }, replayed: false };
let counter = 0;
const queueOn = (storage: QueueStorage) => new WriteQueue(storage, { newKey: () => `key-${++counter}` });
const write = (path: string) => ({ path, body: {}, label: path, principalId: FARM });

describe('the offline write queue', () => {
  it('stores each write with a fresh Idempotency-Key before sending, and sends pending writes in order', async () => {
    const storage = memoryStorage();
    const queue = queueOn(storage);
    const first = queue.enqueue(write('/v1/lots/A/shipments'));
    const second = queue.enqueue(write('/v1/lots/B/accept'));
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    const stored = JSON.parse(storage.text!);
    expect(stored.map((w: QueuedWrite) => [w.path, w.idempotencyKey, w.state])).toEqual([
      ['/v1/lots/A/shipments', first.idempotencyKey, 'pending'],
      ['/v1/lots/B/accept', second.idempotencyKey, 'pending'],
    ]);
    const server = fakeServer(() => ok);
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 2, refused: 0, pending: 0 });
    expect(server.sends.map((s) => s.path)).toEqual(['/v1/lots/A/shipments', '/v1/lots/B/accept']);
    expect(queue.list().map((w) => w.state)).toEqual(['sent', 'sent']);
  });

  it('uses crypto.randomUUID for keys by default', () => {
    const queue = new WriteQueue(memoryStorage());
    const queued = queue.enqueue(write('/v1/lots/A/accept'));
    expect(queued.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps a 4xx problem as refused with its reason and does not retry it; later writes still go', async () => {
    const queue = queueOn(memoryStorage());
    queue.enqueue(write('/v1/lots/A/shipments'));
    queue.enqueue(write('/v1/lots/B/accept'));
    const server = fakeServer((w) =>
      w.path.includes('/A/')
        ? { status: 409, body: { code: 'InsufficientQuantity', title: 'Not enough', detail: 'only 2 kg available' }, replayed: false }
        : ok,
    );
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 1, refused: 1, pending: 0 });
    const [refused, sent] = queue.list();
    expect(refused).toMatchObject({
      state: 'refused',
      problem: { status: 409, code: 'InsufficientQuantity', detail: 'only 2 kg available' },
    });
    expect(sent!.state).toBe('sent');
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 0, refused: 0, pending: 0 });
    expect(server.sends).toHaveLength(2);
  });

  it('keeps a write pending after a network error or a 5xx, stops the round there, and reuses its key on retry', async () => {
    const queue = queueOn(memoryStorage());
    const first = queue.enqueue(write('/v1/lots/A/shipments'));
    queue.enqueue(write('/v1/lots/B/accept'));
    let online = false;
    const server = fakeServer((_w, attempt) =>
      !online ? 'offline' : attempt === 1 ? { status: 503, body: { code: 'NotReady' }, replayed: false } : ok,
    );
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 0, refused: 0, pending: 2 });
    online = true;
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 0, refused: 0, pending: 2 });
    expect(queue.list()[0]).toMatchObject({ state: 'pending', attempts: 2, problem: { status: 503, code: 'NotReady' } });
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 2, refused: 0, pending: 0 });
    // The first write was tried three times, always under its own key; the second never overtook it.
    expect(server.sends.map((s) => s.path)).toEqual([
      '/v1/lots/A/shipments',
      '/v1/lots/A/shipments',
      '/v1/lots/A/shipments',
      '/v1/lots/B/accept',
    ]);
    expect(new Set(server.sends.slice(0, 3).map((s) => s.key))).toEqual(new Set([first.idempotencyKey]));
  });

  it('settles a replayed answer (200, idempotent-replayed) as sent', async () => {
    const queue = queueOn(memoryStorage());
    queue.enqueue(write('/v1/lots/A/shipments'));
    const server = fakeServer(() => ({ status: 200, body: { code: 'child' }, replayed: true }));
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 1, refused: 0, pending: 0 });
  });

  it('sends nothing on a reconnect when nothing is pending, even from a reloaded queue', async () => {
    const storage = memoryStorage();
    const queue = queueOn(storage);
    queue.enqueue(write('/v1/lots/A/shipments'));
    const server = fakeServer(() => ok);
    await queue.flush(FARM, server.send);
    expect(await queue.flush(FARM, server.send)).toEqual({ sent: 0, refused: 0, pending: 0 });
    const reloaded = queueOn(storage);
    expect(reloaded.list().map((w) => w.state)).toEqual(['sent']);
    expect(await reloaded.flush(FARM, server.send)).toEqual({ sent: 0, refused: 0, pending: 0 });
    expect(server.sends).toHaveLength(1);
  });

  it('joins a round under way instead of sending the same write twice', async () => {
    const queue = queueOn(memoryStorage());
    queue.enqueue(write('/v1/lots/A/shipments'));
    const server = fakeServer(() => ok);
    const [one, two] = await Promise.all([queue.flush(FARM, server.send), queue.flush(FARM, server.send)]);
    expect(one).toEqual(two);
    expect(server.sends).toHaveLength(1);
  });

  it("a reloaded queue retries a pending write under the key it was stored with, and sends only its own principal's writes", async () => {
    const storage = memoryStorage();
    const first = queueOn(storage).enqueue(write('/v1/lots/A/shipments'));
    queueOn(storage).enqueue({ ...write('/v1/lots/C/accept'), principalId: 'pr_other' });
    const server = fakeServer(() => ok);
    expect(await queueOn(storage).flush(FARM, server.send)).toEqual({ sent: 1, refused: 0, pending: 0 });
    expect(server.sends).toEqual([{ path: '/v1/lots/A/shipments', key: first.idempotencyKey }]);
  });

  it('forgets a settled write when dismissed, never a pending one, and ignores unreadable storage', async () => {
    const storage = memoryStorage();
    storage.text = '{not json';
    const queue = queueOn(storage);
    expect(queue.list()).toEqual([]);
    const pending = queue.enqueue(write('/v1/lots/A/shipments'));
    queue.dismiss(pending.id);
    expect(queue.list()).toHaveLength(1);
    await queue.flush(FARM, fakeServer(() => ok).send);
    queue.dismiss(pending.id);
    expect(queue.list()).toEqual([]);
  });
});
