/**
 * The device's outbox: the write queue (queue.ts) kept in localStorage and sent with the signed-in
 * device's key, at start, after each new write and whenever the connection returns.
 */
import { fetchSender, type FlushReport, type QueuedWrite, WriteQueue } from './queue.js';
import { session } from './session.js';
import { signal } from './signal.js';

const OUTBOX_KEY = 'suyuan.outbox';

export const outbox = new WriteQueue({
  read: () => localStorage.getItem(OUTBOX_KEY),
  write: (text) => localStorage.setItem(OUTBOX_KEY, text),
});

/** writes: the outbox's list, for screens (useSignal(writes)). */
export const writes = signal<readonly QueuedWrite[]>(outbox.list());
outbox.subscribe((list) => writes.set(list));

/** sync sends the signed-in principal's pending writes (joining a round already under way). */
export function sync(): Promise<FlushReport | null> {
  const current = session.get();
  if (!current) return Promise.resolve(null);
  return outbox.flush(current.principal.id, fetchSender(current.key));
}

/** queueWrite stores a write (with its Idempotency-Key) on the device, then tries to send it. */
export function queueWrite(path: string, body: unknown, label: string): QueuedWrite | null {
  const current = session.get();
  if (!current) return null;
  const queued = outbox.enqueue({ path, body, label, principalId: current.principal.id });
  void sync();
  return queued;
}

/** startSync sends what is pending now and again each time the browser is back online. */
export function startSync(): void {
  void sync();
  // A round that started while offline may still be failing: let it end, then send again.
  addEventListener('online', () => void sync().then(() => sync()));
}
