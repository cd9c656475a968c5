/**
 * ProjectionRunner feeds projections the log's events in order. Each
 * projection applies only the event at exactly its own position, so events
 * may arrive twice or from two sources (a ledger's commits and a store read)
 * without ever being skipped or applied twice; whatever does not fit is read
 * from the store. The runner restores and saves snapshots and reports each
 * projection's lag behind the newest log size it knows.
 *
 * In the writer: `await runner.attach(ledger, store)` (applies each batch
 * right after commit, synchronously, so a reply's events are visible by the
 * time its submitter resumes). In a read-only process:
 * `runner.follow(store, signal)` (waits for new events and reads them).
 */
import type { EventStore, SealedEvent } from '../../store/index.js';
import { ProjectionGapError, type Projection } from '../projection.js';
import { readSnapshot, writeSnapshot } from '../snapshots/files.js';

/** What the runner needs of a writer: the ledger's onCommit. */
export interface CommitSource {
  onCommit(listener: (events: readonly SealedEvent[], size: number) => void): () => void;
}

export interface SnapshotPolicy {
  readonly dir: string;
  /** Save once this many events were applied since the last save. Default 1,000,000; 0 = never by count. */
  readonly everyEvents?: number;
  /** Save once this long passed since the last save, if anything was applied. Default 10 minutes; 0 = never by time. */
  readonly everyMs?: number;
}

export interface RunnerOptions {
  readonly snapshots?: SnapshotPolicy;
  /** Events per store read while catching up. Default 10,000. */
  readonly readChunk?: number;
  /** Failures the runner survives: a store read, a snapshot load or save, a projection that threw. */
  readonly onError?: (error: Error, context: string) => void;
  /** Progress while catching up: position reached and log size. */
  readonly onProgress?: (position: number, head: number) => void;
}

export interface ProjectionStatus {
  readonly name: string;
  /** Events covered. */
  readonly position: number;
  /** Events behind the newest log size the runner knows (0 = current). */
  readonly lag: number;
  /** Set once the projection threw: it stops applying (its lag grows) until the process restarts. */
  readonly failed?: string;
}

export class ProjectionRunner {
  private knownHead = 0;
  private catching: Promise<void> | undefined;
  private readonly failures = new Map<Projection, string>();
  private sinceSave = 0;
  private lastSave = Date.now();
  private saving: Promise<void> | undefined;
  private waiters: { position: number; resolve: () => void }[] = [];
  private readonly readChunk: number;
  /** Events offered while a save held applying back: the store has them, read them after. */
  private missed = false;
  private store: EventStore | undefined;

  constructor(
    readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    if (new Set(projections.map((p) => p.name)).size !== projections.length) throw new Error('projection names must be distinct');
    this.readChunk = options.readChunk ?? 10_000;
  }

  /** The lowest position among working projections: every one of them covers the log up to here. */
  get position(): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const projection of this.projections) {
      if (!this.failures.has(projection)) lowest = Math.min(lowest, projection.position);
    }
    return Number.isFinite(lowest) ? lowest : Math.min(...this.projections.map((p) => p.position), 0);
  }

  /** The newest log size the runner has seen (from the ledger or the store). */
  get head(): number {
    return Math.max(this.knownHead, this.position);
  }

  /** The largest lag among working projections. */
  get lag(): number {
    return this.head - this.position;
  }

  status(): ProjectionStatus[] {
    const head = this.head;
    return this.projections.map((projection) => {
      const failed = this.failures.get(projection);
      const status = { name: projection.name, position: projection.position, lag: Math.max(0, head - projection.position) };
      return failed === undefined ? status : { ...status, failed };
    });
  }

  /** noteHead records that the log holds at least `size` events. */
  noteHead(size: number): void {
    if (size > this.knownHead) this.knownHead = size;
  }

  /**
   * apply offers consecutive events to every projection: each applies those
   * at and after its position, skips those before, and stops at a gap.
   * Returns true when every working projection covers the last event.
   */
  apply(events: readonly SealedEvent[]): boolean {
    if (events.length === 0) return true;
    const end = events[events.length - 1]!.position + 1;
    this.noteHead(end);
    if (this.saving) {
      // A snapshot is being written from live arrays: leave them be; these events are read back after.
      this.missed = true;
      return false;
    }
    let complete = true;
    const before = this.position;
    for (const projection of this.projections) {
      if (this.failures.has(projection)) continue;
      for (const event of events) {
        if (event.position < projection.position) continue;
        if (event.position > projection.position) break;
        try {
          projection.apply(event);
        } catch (error) {
          if (error instanceof ProjectionGapError) break;
          this.fail(projection, error as Error, event.position);
          break;
        }
      }
      if (!this.failures.has(projection) && projection.position < end) complete = false;
    }
    this.sinceSave += Math.max(0, this.position - before);
    this.wake();
    this.maybeSave();
    return complete;
  }

  /** whenAt resolves once every working projection covers the first `position` events. */
  whenAt(position: number): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /**
   * restore loads each projection's snapshot, if any. With a store, a
   * snapshot is used only if the log still holds the event it ends with
   * (same position, same hash); otherwise the projection starts empty.
   */
  async restore(store?: EventStore): Promise<void> {
    const dir = this.options.snapshots?.dir;
    if (!dir) return;
    for (const projection of this.projections) {
      try {
        const image = await readSnapshot(dir, projection.name);
        if (!image) continue;
        if (image.name !== projection.name || image.version !== projection.snapshotVersion) {
          this.report(
            new Error(
              `snapshot of ${projection.name} has layout ${image.version}, this build reads ${projection.snapshotVersion}; rebuilding`,
            ),
            'restore',
          );
          continue;
        }
        if (store && image.position > 0) {
          const [last] = await store.readFrom(image.position - 1, 1);
          if (last?.position !== image.position - 1 || last.hash !== image.lastHash) {
            this.report(new Error(`snapshot of ${projection.name} at ${image.position} does not match the log; rebuilding`), 'restore');
            continue;
          }
        }
        projection.restore(image);
      } catch (error) {
        projection.reset();
        this.report(error as Error, `restore ${projection.name}`);
      }
    }
    this.lastSave = Date.now();
  }

  /** catchUp reads and applies events from the store until the projections reach its size. One at a time. */
  catchUp(store: EventStore): Promise<void> {
    this.store ??= store;
    this.catching ??= this.readUntilCurrent(store).finally(() => (this.catching = undefined));
    return this.catching;
  }

  /**
   * attach catches up with the store, then applies each batch the ledger
   * commits, right after the commit. Returns a function that detaches.
   */
  async attach(ledger: CommitSource, store: EventStore): Promise<() => void> {
    this.store = store;
    const detach = ledger.onCommit((events, size) => {
      this.noteHead(size);
      try {
        if (!this.apply(events) || this.position < size) this.catchUpQuietly(store);
      } catch (error) {
        this.report(error as Error, 'apply');
      }
    });
    await this.catchUp(store);
    return detach;
  }

  /**
   * follow keeps the projections current with a store another process
   * writes: it catches up, waits for new events, and reads them, until
   * `signal` aborts. Store failures are reported and retried with backoff.
   */
  async follow(store: EventStore, signal: AbortSignal): Promise<void> {
    this.store = store;
    let backoff = 100;
    while (!signal.aborted) {
      try {
        await this.catchUp(store);
        backoff = 100;
        await store.waitForEvents(this.position, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.report(error as Error, 'follow');
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /**
   * save writes every working projection's snapshot now (if a directory is
   * configured). Applying pauses until the files are written (queries are
   * answered meanwhile); events that arrive are read from the store after.
   */
  save(): Promise<void> {
    const dir = this.options.snapshots?.dir;
    if (!dir) return Promise.resolve();
    if (this.saving) return this.saving.then(() => this.save());
    // Every image is taken now, before anything else is applied: all capture the same moment.
    const images = this.projections
      .filter((projection) => !this.failures.has(projection) && projection.position > 0 && projection.saves !== false)
      .map((projection) => projection.snapshot());
    this.sinceSave = 0;
    this.lastSave = Date.now();
    this.saving = Promise.all(images.map((image) => writeSnapshot(dir, image)))
      .then(() => undefined)
      .finally(() => {
        this.saving = undefined;
        if (this.missed && this.store) {
          this.missed = false;
          this.catchUpQuietly(this.store);
        }
      });
    return this.saving;
  }

  private async readUntilCurrent(store: EventStore): Promise<void> {
    this.noteHead((await store.head()).size);
    while (this.position < this.knownHead) {
      if (this.saving) await this.saving.catch(() => {});
      const events = await store.readFrom(this.position, this.readChunk);
      if (events.length === 0) break;
      this.apply(events);
      this.options.onProgress?.(this.position, this.knownHead);
      if (this.failures.size === this.projections.length) break;
    }
  }

  private catchUpQuietly(store: EventStore): void {
    this.catchUp(store).catch((error: Error) => this.report(error, 'catch up'));
  }

  private fail(projection: Projection, error: Error, position: number): void {
    const message = `failed at position ${position}: ${error.message}`;
    this.failures.set(projection, message);
    this.report(new Error(`projection ${projection.name} ${message}`, { cause: error }), `apply ${projection.name}`);
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const position = this.position;
    const ready = this.waiters.filter((waiter) => waiter.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  private maybeSave(): void {
    const policy = this.options.snapshots;
    if (!policy || this.saving || this.sinceSave === 0) return;
    const everyEvents = policy.everyEvents ?? 1_000_000;
    const everyMs = policy.everyMs ?? 600_000;
    const due = (everyEvents > 0 && this.sinceSave >= everyEvents) || (everyMs > 0 && Date.now() - this.lastSave >= everyMs);
    if (due) this.save().catch((error: Error) => this.report(error, 'save snapshots'));
  }

  private report(error: Error, context: string): void {
    if (this.options.onError) this.options.onError(error, context);
    else console.error(`projections: ${context}: ${error.message}`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
