/**
 * LogFollower: the signed log as a read-only API node sees it (DESIGN §10).
 * It verifies the stored log as the writer's recovery does (src/verify's
 * StoreVerifier: every event hash recomputed from its body, every `prev`
 * link, the Merkle root), follows the store, and moves its checkpoint
 * forward only to a checkpoint whose signature verifies with the log's vkey
 * and whose root is the root of the events it verified. Listeners hear only
 * of events so covered.
 *
 * It verifies from position 0 at every start, like the writer: a saved tree
 * could vouch for the prefix's leaves but not for the lot chain heads the
 * next `prev` links are checked against, nor for the bodies read since.
 */
import { parseVerifierKey, toHex } from '../../hash/index.js';
import type { EventStore, SealedEvent, StoredCheckpoint } from '../../store/index.js';
import { LogIntegrityError, StoreVerifier } from '../../verify/index.js';
import type { LogPort } from './port.js';

type Listener = (events: readonly SealedEvent[], size: number) => void;

export class LogFollower implements LogPort {
  readonly origin: string;
  private note = '';
  private verified = 0;
  private pending: SealedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly verifier: StoreVerifier;
  private catching: Promise<void> | undefined;

  private constructor(
    private readonly store: EventStore,
    readonly vkey: string,
  ) {
    this.origin = parseVerifierKey(vkey).name;
    this.verifier = new StoreVerifier(store, {
      vkey,
      onEvent: (event) => {
        if (this.listeners.size > 0) this.pending.push(event);
      },
    });
  }

  /**
   * open verifies the whole stored log and its latest checkpoint. Throws
   * when the log holds no signed checkpoint yet, or LogIntegrityError when
   * it does not verify.
   */
  static async open(options: { store: EventStore; vkey: string }): Promise<LogFollower> {
    const follower = new LogFollower(options.store, options.vkey);
    await follower.catchUp();
    if (follower.note === '') throw new Error('the log holds no signed checkpoint yet: start the writer first');
    return follower;
  }

  get checkpoint(): string {
    return this.note;
  }

  /** Events covered by the verified checkpoint. */
  get size(): number {
    return this.verified;
  }

  inclusionProof(index: number, size: number): string[] {
    if (size > this.verified) throw new RangeError(`size ${size} is past the verified log (${this.verified})`);
    return this.verifier.tree.inclusionProof(index, size).map(toHex);
  }

  consistencyProof(from: number, to: number): string[] {
    if (to > this.verified) throw new RangeError(`size ${to} is past the verified log (${this.verified})`);
    return this.verifier.tree.consistencyProof(from, to).map(toHex);
  }

  onCommit(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * catchUp verifies new events and advances to the store's latest
   * checkpoint. One at a time. When an event fails, it advances only as far
   * as a checkpoint within the events before it, then throws LogIntegrityError.
   */
  catchUp(): Promise<void> {
    this.catching ??= this.readNew().finally(() => (this.catching = undefined));
    return this.catching;
  }

  /** follow keeps catching up until `signal` aborts; failures are reported and retried with backoff. */
  async follow(signal: AbortSignal, onError: (error: Error) => void = () => {}): Promise<void> {
    let backoff = 100;
    while (!signal.aborted) {
      try {
        // Events read past the last checkpoint (its own read raced the commit, or a store that writes
        // them apart): look again shortly rather than wait for more events.
        if (this.verified < this.verifier.size) await new Promise((resolve) => setTimeout(resolve, 20));
        else await this.store.waitForEvents(this.verifier.size, signal);
        await this.catchUp();
        backoff = 100;
      } catch (error) {
        if (signal.aborted) break;
        onError(error as Error);
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private async readNew(): Promise<void> {
    const head = await this.store.head();
    const failure = await this.verifier.readTo(head.size);
    if (failure?.reason === 'store-read') throw failure.cause;
    if (failure) {
      // Past a bad event, only a checkpoint inside the verified prefix may still be served.
      const within = await this.store.checkpointAt(this.verifier.size);
      if (within) this.advanceTo(within);
      throw LogIntegrityError.from(failure);
    }
    if (head.checkpoint) this.advanceTo(head.checkpoint);
  }

  /** advanceTo moves the verified checkpoint to `checkpoint` if it is newer and verifies, then tells the listeners. */
  private advanceTo(checkpoint: StoredCheckpoint): void {
    if (checkpoint.size <= this.verified && this.note !== '') return;
    const verdict = this.verifier.check(checkpoint.note);
    if (!verdict.ok) {
      throw new LogIntegrityError(verdict.position, `${verdict.detail}: refusing to serve past ${this.verified}`, verdict.reason);
    }
    // The note's size is what is signed; a checkpoint older than the one served changes nothing.
    if (verdict.size <= this.verified && this.note !== '') return;
    this.note = checkpoint.note;
    this.verified = verdict.size;
    const covered = this.pending.filter((event) => event.position < verdict.size);
    this.pending = this.pending.filter((event) => event.position >= verdict.size);
    for (const listener of this.listeners) listener(covered, verdict.size);
  }
}
