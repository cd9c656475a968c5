/**
 * LogFollower: the signed log as a read-only API node sees it (DESIGN §10).
 * It rebuilds the RFC 9162 tree from the stored event hashes (or a saved
 * tree), follows the store, and moves its checkpoint forward only to a
 * checkpoint whose signature verifies with the log's vkey and whose root is
 * the root of the hashes it read. Listeners hear only of events so covered.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { MerkleTree, equalBytes, fromHex, openNote, parseCheckpoint, parseVerifierKey, toHex } from '../../hash/index.js';
import type { EventStore, SealedEvent } from '../../store/index.js';
import type { LogPort } from './port.js';

type Listener = (events: readonly SealedEvent[], size: number) => void;

const CHUNK = 10_000;

export class LogFollower implements LogPort {
  readonly origin: string;
  private note = '';
  private verified = 0;
  private pending: SealedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private catching: Promise<void> | undefined;

  private constructor(
    private readonly store: EventStore,
    readonly vkey: string,
    private tree: MerkleTree,
  ) {
    this.origin = parseVerifierKey(vkey).name;
  }

  /**
   * open restores the tree from `treeFile` when it still matches the log,
   * then reads the rest of the log and verifies the latest checkpoint.
   * Throws when the log holds no signed checkpoint yet or does not verify.
   */
  static async open(options: { store: EventStore; vkey: string; treeFile?: string }): Promise<LogFollower> {
    const tree = (options.treeFile && (await savedTree(options.store, options.treeFile, options.vkey))) || new MerkleTree();
    const follower = new LogFollower(options.store, options.vkey, tree);
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
    return this.tree.inclusionProof(index, size).map(toHex);
  }

  consistencyProof(from: number, to: number): string[] {
    if (to > this.verified) throw new RangeError(`size ${to} is past the verified log (${this.verified})`);
    return this.tree.consistencyProof(from, to).map(toHex);
  }

  onCommit(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** catchUp reads new events and advances to the store's latest checkpoint. One at a time. */
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
        if (this.verified < this.tree.size) await new Promise((resolve) => setTimeout(resolve, 20));
        else await this.store.waitForEvents(this.tree.size, signal);
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

  /** save writes the tree of the verified log to `file`, to start faster next time. */
  save(file: string): void {
    if (this.tree.size !== this.verified) return;
    writeFileSync(`${file}.tmp`, this.tree.serialize());
    renameSync(`${file}.tmp`, file);
  }

  private async readNew(): Promise<void> {
    const head = await this.store.head();
    while (this.tree.size < head.size) {
      const events = await this.store.readFrom(this.tree.size, CHUNK);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.position !== this.tree.size) throw new Error(`the store skipped from ${this.tree.size} to ${event.position}`);
        this.tree.append(fromHex(event.hash));
        if (this.listeners.size > 0) this.pending.push(event);
      }
    }
    const checkpoint = head.checkpoint;
    if (!checkpoint || (checkpoint.size <= this.verified && this.note !== '')) return;
    const { size, root } = parseCheckpoint(openNote(checkpoint.note, [this.vkey]).text);
    if (size > this.tree.size || !equalBytes(this.tree.root(size), root)) {
      throw new Error(`the signed checkpoint at ${size} does not match the stored events: refusing to serve past ${this.verified}`);
    }
    this.note = checkpoint.note;
    this.verified = size;
    const covered = this.pending.filter((event) => event.position < size);
    this.pending = this.pending.filter((event) => event.position >= size);
    for (const listener of this.listeners) listener(covered, size);
  }
}

/** A saved tree, if the signed checkpoint of its size (it is saved only at one) has its root. */
async function savedTree(store: EventStore, file: string, vkey: string): Promise<MerkleTree | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const tree = MerkleTree.deserialize(readFileSync(file));
    const checkpoint = await store.checkpointAt(tree.size);
    if (!checkpoint || checkpoint.size !== tree.size) return undefined;
    const { size, root } = parseCheckpoint(openNote(checkpoint.note, [vkey]).text);
    return size === tree.size && equalBytes(tree.root(size), root) ? tree : undefined;
  } catch {
    return undefined;
  }
}
