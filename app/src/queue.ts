/**
 * The offline write queue (issue 14, Offline): every write is stored on the device with a fresh
 * Idempotency-Key before it is sent, so a write made without a connection waits as pending and a
 * retry of the same write reuses its key (the server answers a replay instead of logging twice).
 * Pending writes are sent in order; a 2xx settles one as sent, a 4xx problem+json as refused (with
 * the server's reason, never retried); a network error, a 5xx or a 408/425/429 leaves it pending
 * and stops the round, so a later write never overtakes an earlier one.
 *
 * Pure logic over two small interfaces (where the JSON is kept, how a write is sent), so Node tests
 * drive it without a browser; the app binds them to localStorage and fetch.
 */

export interface QueueStorage {
  read(): string | null;
  write(text: string): void;
}

export interface QueueProblem {
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
}

export type WriteState = 'pending' | 'sent' | 'refused';

export interface QueuedWrite {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly method: 'POST';
  readonly path: string;
  readonly body: unknown;
  /** What the screen shows for it, e.g. 「交付 1 kg → 批发商」. */
  readonly label: string;
  /** The principal that queued it: only its own session sends it. */
  readonly principalId: string;
  readonly queuedAt: string;
  readonly state: WriteState;
  readonly attempts: number;
  /** For a refused write, the server's problem; for a pending one, why the last attempt failed. */
  readonly problem?: QueueProblem;
  /** The answer's JSON body once sent. */
  readonly answer?: unknown;
}

export interface NewWrite {
  readonly path: string;
  readonly body: unknown;
  readonly label: string;
  readonly principalId: string;
}

/** What the server answered; a send that got no answer (offline, connection reset) throws instead. */
export interface SendAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

export type Send = (write: QueuedWrite) => Promise<SendAnswer>;

export interface FlushReport {
  readonly sent: number;
  readonly refused: number;
  readonly pending: number;
}

/** How many settled (sent or refused) writes stay listed for the screen. */
const SETTLED_KEPT = 20;

const RETRYABLE_4XX = new Set([408, 425, 429]);

export interface WriteQueueOptions {
  readonly newKey?: () => string;
  readonly now?: () => Date;
}

export class WriteQueue {
  private writes: QueuedWrite[];
  private readonly listeners = new Set<(writes: readonly QueuedWrite[]) => void>();
  private round: Promise<FlushReport> | null = null;
  private readonly newKey: () => string;
  private readonly now: () => Date;

  constructor(
    private readonly storage: QueueStorage,
    options: WriteQueueOptions = {},
  ) {
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.writes = load(storage);
  }

  /** list: every write still pending and the last settled ones, oldest first. */
  list(): readonly QueuedWrite[] {
    return this.writes;
  }

  pending(principalId?: string): readonly QueuedWrite[] {
    return this.writes.filter((write) => write.state === 'pending' && (principalId === undefined || write.principalId === principalId));
  }

  subscribe(listener: (writes: readonly QueuedWrite[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** enqueue stores the write with a fresh Idempotency-Key before anything is sent. */
  enqueue(write: NewWrite): QueuedWrite {
    const key = this.newKey();
    const queued: QueuedWrite = {
      id: key,
      idempotencyKey: key,
      method: 'POST',
      path: write.path,
      body: write.body,
      label: write.label,
      principalId: write.principalId,
      queuedAt: this.now().toISOString(),
      state: 'pending',
      attempts: 0,
    };
    this.writes = [...this.writes, queued];
    this.save();
    return queued;
  }

  /** dismiss forgets a settled write (a pending one stays: it has not been answered). */
  dismiss(id: string): void {
    this.writes = this.writes.filter((write) => write.id !== id || write.state === 'pending');
    this.save();
  }

  /**
   * flush sends the pending writes of `principalId` in order, one at a time. A round already under
   * way is joined rather than doubled, so two triggers (an `online` event and a button) never send
   * the same write twice; each answer is stored before the next write is sent.
   */
  flush(principalId: string, send: Send): Promise<FlushReport> {
    if (this.round) return this.round;
    this.round = this.run(principalId, send).finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async run(principalId: string, send: Send): Promise<FlushReport> {
    let sent = 0;
    let refused = 0;
    for (;;) {
      const next = this.pending(principalId)[0];
      if (!next) break;
      let answer: SendAnswer;
      try {
        answer = await send(next);
      } catch (error) {
        this.update(next.id, {
          attempts: next.attempts + 1,
          problem: { status: 0, detail: error instanceof Error ? error.message : String(error) },
        });
        break;
      }
      if (answer.status >= 200 && answer.status < 300) {
        this.update(next.id, { state: 'sent', attempts: next.attempts + 1, answer: answer.body, problem: undefined });
        sent++;
      } else if (answer.status >= 400 && answer.status < 500 && !RETRYABLE_4XX.has(answer.status)) {
        this.update(next.id, { state: 'refused', attempts: next.attempts + 1, problem: problemOf(answer) });
        refused++;
      } else {
        this.update(next.id, { attempts: next.attempts + 1, problem: problemOf(answer) });
        break;
      }
    }
    this.trim();
    return { sent, refused, pending: this.pending(principalId).length };
  }

  private update(id: string, change: Partial<QueuedWrite>): void {
    this.writes = this.writes.map((write) => (write.id === id ? { ...write, ...change } : write));
    this.save();
  }

  private trim(): void {
    const settled = this.writes.filter((write) => write.state !== 'pending');
    if (settled.length <= SETTLED_KEPT) return;
    const dropped = new Set(settled.slice(0, settled.length - SETTLED_KEPT).map((write) => write.id));
    this.writes = this.writes.filter((write) => !dropped.has(write.id));
    this.save();
  }

  private save(): void {
    this.storage.write(JSON.stringify(this.writes));
    for (const listener of this.listeners) listener(this.writes);
  }
}

function load(storage: QueueStorage): QueuedWrite[] {
  try {
    const stored = JSON.parse(storage.read() ?? '[]') as unknown;
    return Array.isArray(stored)
      ? stored.filter(
          (write): write is QueuedWrite =>
            typeof write === 'object' && write !== null && typeof write.idempotencyKey === 'string' && typeof write.path === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

function problemOf(answer: SendAnswer): QueueProblem {
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const code = text('code');
  const title = text('title');
  const detail = text('detail');
  return {
    status: answer.status,
    ...(code === undefined ? {} : { code }),
    ...(title === undefined ? {} : { title }),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** fetchSender sends a queued write with the device's key and its Idempotency-Key. */
export const fetchSender =
  (apiKey: string): Send =>
  async (write) => {
    const response = await fetch(write.path, {
      method: write.method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': write.idempotencyKey,
      },
      body: JSON.stringify(write.body),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body, replayed: response.headers.get('idempotent-replayed') === 'true' };
  };
