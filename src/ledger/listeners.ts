import type { SealedEvent } from '../store/index.js';

export type CommitListener = (events: readonly SealedEvent[], size: number) => void;

/** A commit listener that threw: it gets no more events. */
export interface FailedListener {
  readonly name: string;
  readonly message: string;
}

/** Told when a commit listener throws, with the name it was registered under. */
export type ListenerErrorHandler = (error: unknown, name: string) => void;

const logListenerError: ListenerErrorHandler = (error, name) =>
  console.error(`suyuan: commit listener ${name} threw and gets no more events:`, error);

/**
 * CommitListeners are told of each commit, in registration order. A listener
 * that throws is detached and remembered as failed: the batch has committed
 * and its commands are answered, so the error belongs to the listener alone,
 * and a listener that missed an event must not be fed later ones as if
 * nothing happened.
 */
export class CommitListeners {
  private readonly listeners = new Map<CommitListener, string>();
  private readonly failures: FailedListener[] = [];
  private unnamed = 0;

  constructor(private readonly onError: ListenerErrorHandler = logListenerError) {}

  /** add registers `listener` under `name` (default: the function's name, else "listener <n>"). */
  add(listener: CommitListener, name?: string): () => void {
    this.listeners.set(listener, name ?? (listener.name || `listener ${++this.unnamed}`));
    return () => this.listeners.delete(listener);
  }

  notify(events: readonly SealedEvent[], size: number): void {
    for (const [listener, name] of this.listeners) {
      try {
        listener(events, size);
      } catch (error) {
        this.listeners.delete(listener);
        this.failures.push({ name, message: error instanceof Error ? error.message : String(error) });
        try {
          this.onError(error, name);
        } catch {
          // A failing error handler must not take the writer down either; the failure is kept in failed().
        }
      }
    }
  }

  /** The listeners that threw, in the order they failed. */
  failed(): readonly FailedListener[] {
    return this.failures;
  }

  /** failureReason names the failed listeners and why, for a health answer; undefined when none failed. */
  failureReason(): string | undefined {
    if (this.failures.length === 0) return undefined;
    const each = this.failures.map((f) => `${f.name} threw (${f.message})`).join('; ');
    return `commit listener ${each}, and gets no more events`;
  }
}
