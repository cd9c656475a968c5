/**
 * What became of a write a screen queued: pending (offline it waits on the device), sent (with the
 * server's answer, for the screen to show) or refused with the server's problem+json reason.
 */
import type { ComponentChildren } from 'preact';
import { writes } from '../outbox.js';
import type { QueuedWrite } from '../queue.js';
import { useSignal } from '../signal.js';
import { uiWords } from './words.js';

/** useQueuedWrite: the queued write `id` as it is now (undefined once dismissed or for null). */
export function useQueuedWrite(id: string | null): QueuedWrite | undefined {
  const list = useSignal(writes);
  return id === null ? undefined : list.find((write) => write.id === id);
}

/** reasonOf: the server's reason for a refused write, as the screen shows it. */
export const reasonOf = (write: QueuedWrite): string =>
  write.problem ? [write.problem.detail ?? write.problem.title, write.problem.code].filter(Boolean).join(' · ') : '';

export function WriteStatus({ write, children }: { write: QueuedWrite | undefined; children?: (answer: unknown) => ComponentChildren }) {
  const t = uiWords();
  if (!write) return null;
  if (write.state === 'pending')
    return (
      <p role="status" class="write write-pending" data-testid="write-status" data-state="pending">
        {t.pending}
      </p>
    );
  if (write.state === 'refused')
    return (
      <p role="alert" class="write write-refused" data-testid="write-status" data-state="refused">
        {t.refused}: <span data-testid="write-refusal">{reasonOf(write)}</span>
      </p>
    );
  return (
    <div role="status" class="write write-sent" data-testid="write-status" data-state="sent">
      <p>{t.sent}</p>
      {children ? children(write.answer) : null}
    </div>
  );
}
