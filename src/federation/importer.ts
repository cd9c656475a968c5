/**
 * One upstream of a federated node (issue 16): its log is imported into a store of its own only as
 * far as it is proved (every event hash, `prev` link, checkpoint signature, and that each new
 * checkpoint's root is the root of what was imported plus the new events), then the node cosigns the
 * checkpoint (C2SP tlog-cosignature/v1, with its own log key) and sends the cosignature back. If
 * the upstream shows a checkpoint that cannot extend what was imported, the importer keeps both
 * notes as fork evidence, stops importing from it for good, and says so in its status.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  checkNote,
  consistencyProof,
  cosign,
  eventBody,
  fromHex,
  merkleRoot,
  openNote,
  parseCheckpoint,
  toHex,
  withCosignatures,
} from '../hash/index.js';
import type { EventStore, SealedEvent } from '../store/index.js';
import { type ForkEvidence, RemoteLog, StoreVerifier, verifyForkEvidence } from '../verify/index.js';

export interface UpstreamOptions {
  readonly url: string;
  readonly vkey: string;
  /** An auditor or subscriber key of the upstream (its events route needs one). */
  readonly key?: string;
  /** Where this upstream's verified log is kept: a store of its own. */
  readonly store: EventStore;
  /** The file the fork evidence is written to (and read from at start: a refused upstream stays refused). */
  readonly evidenceFile: string;
  /** This node's log key, which it cosigns with; without it nothing is cosigned. */
  readonly cosignKey?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: () => Date;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export type UpstreamStatus = {
  readonly url: string;
  readonly origin?: string;
  /** Events imported and verified. */
  readonly verifiedSize: number;
  /** The upstream's latest signed size, as last seen. */
  readonly remoteSize?: number;
  readonly lag?: number;
  readonly lastImportAt?: string;
  readonly lastError?: string;
  /** Set once the upstream showed a fork: nothing more is imported from it. */
  readonly refused?: string;
  readonly cosignedSize?: number;
  /** The Merkle root of the verified size, lowercase hex. */
  readonly verifiedRoot?: string;
};

export class UpstreamImporter {
  private readonly remote: RemoteLog;
  private state: {
    -readonly [K in keyof UpstreamStatus]: UpstreamStatus[K];
  };
  private evidence: ForkEvidence | undefined;

  constructor(private readonly options: UpstreamOptions) {
    this.remote = new RemoteLog({ url: options.url, key: options.key, ...(options.fetch ? { fetch: options.fetch } : {}) });
    this.state = { url: options.url, verifiedSize: 0 };
    if (existsSync(options.evidenceFile)) {
      const kept = JSON.parse(readFileSync(options.evidenceFile, 'utf8')) as ForkEvidence;
      if (verifyForkEvidence(kept, options.vkey).ok) {
        this.evidence = kept;
        this.state.refused = `fork evidence kept since ${kept.seenAt ?? 'an earlier run'}`;
      }
    }
  }

  /**
   * resume: what an earlier run imported, from the store's signed checkpoint (the caller's
   * follower verifies the stored log itself); nothing is fetched again.
   */
  async resume(): Promise<void> {
    const { checkpoint } = await this.options.store.head();
    const opened = checkpoint && checkNote(checkpoint.note, [this.options.vkey]);
    if (!checkpoint || !opened?.ok) return;
    Object.assign(this.state, {
      origin: parseCheckpoint(opened.text).origin,
      verifiedSize: checkpoint.size,
      verifiedRoot: checkpoint.root,
      cosignedSize: checkpoint.size,
    });
  }

  status(): UpstreamStatus {
    return { ...this.state };
  }

  forkEvidence(): ForkEvidence | undefined {
    return this.evidence;
  }

  /** poll: import what the upstream has signed past what is here, cosign it, or find the fork. Never throws. */
  async poll(): Promise<UpstreamStatus> {
    if (this.state.refused) return this.status();
    try {
      await this.importOnce();
    } catch (error) {
      this.state.lastError = `${(error as Error).message}`;
    }
    return this.status();
  }

  /**
   * verifier: one StoreVerifier kept across polls, reading this store below its size and the
   * upstream above it, so each poll verifies only what is new (the stored events are verified once,
   * at the first poll). Dropped after any failure: it may have taken events that were not kept.
   */
  private verifier: StoreVerifier | undefined;
  private tail: SealedEvent[] = [];
  /** The last upstream checkpoint checkFork examined. */
  private examined: string | undefined;
  private localSize = 0;

  private async openVerifier(): Promise<StoreVerifier | undefined> {
    if (this.verifier) return this.verifier;
    const { store, vkey } = this.options;
    const head = await store.head();
    const verifier = new StoreVerifier(
      {
        readFrom: async (from, limit) => {
          if (from < this.localSize) return store.readFrom(from, Math.min(limit, this.localSize - from));
          const events = await this.remote.events(from, limit);
          if (events.some((event) => typeof event.hash !== 'string' || event.position < from))
            throw new Error('the upstream sent something that is not an event');
          return events;
        },
      },
      { vkey, onEvent: (event) => event.position >= this.localSize && this.tail.push(event) },
    );
    this.localSize = head.size;
    const failure = await verifier.readTo(head.size);
    const signed = head.checkpoint ? verifier.check(head.checkpoint.note) : { ok: head.size === 0, detail: 'no signed checkpoint' };
    if (failure || !signed.ok) {
      this.state.lastError = `this node's copy of the upstream log does not verify: ${failure?.detail ?? (signed as { detail?: string }).detail}`;
      return undefined;
    }
    this.verifier = verifier;
    return verifier;
  }

  private async importOnce(): Promise<void> {
    const { store, vkey } = this.options;
    const verifier = await this.openVerifier();
    if (!verifier) return;
    const note = await this.remote.checkpoint();
    const opened = checkNote(note, [vkey]);
    if (!opened.ok) {
      this.state.lastError = `the upstream checkpoint does not verify with its log key: ${opened.detail}`;
      return;
    }
    const remote = parseCheckpoint(opened.text);
    Object.assign(this.state, { origin: remote.origin, remoteSize: remote.size, lag: Math.max(0, remote.size - this.localSize) });
    if (remote.size <= this.localSize) {
      const same = remote.size === this.localSize && verifier.check(note).ok;
      if (same) {
        delete this.state.lastError;
        await this.cosign(note, remote.size);
      } else await this.checkFork(`the upstream's checkpoint of size ${remote.size} is not the one of size ${this.localSize} imported`);
      return;
    }
    this.tail = [];
    const failure = await verifier.readTo(remote.size);
    const covered = failure ? undefined : verifier.check(note);
    if (failure || !covered?.ok) {
      this.verifier = undefined;
      if (failure?.reason === 'store-read') {
        this.state.lastError = failure.detail;
        return;
      }
      await this.checkFork(failure?.detail ?? (covered as { detail: string }).detail);
      return;
    }
    const events = this.tail;
    const checkpoint = { size: covered.size, root: covered.root, note };
    const result = await store.appendBatch({ events, bodies: events.map(eventBody), checkpoint, idempotency: [] });
    if (!result.ok) {
      this.verifier = undefined;
      throw new Error(`the upstream store grew to ${result.actual} events meanwhile`);
    }
    this.localSize = checkpoint.size;
    this.state.lastImportAt = this.now().toISOString();
    this.options.log?.('info', 'upstream imported', { url: this.options.url, size: checkpoint.size, events: events.length });
    Object.assign(this.state, { verifiedSize: checkpoint.size, verifiedRoot: checkpoint.root, lag: 0 });
    delete this.state.lastError;
    await this.cosign(note, checkpoint.size);
  }

  /** cosign: this node's cosignature of the verified checkpoint, sent to the upstream (once per size). */
  private async cosign(note: string, size: number): Promise<void> {
    if (!this.options.cosignKey || this.state.cosignedSize === size) return;
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const { line } = cosign(text, this.options.cosignKey, Math.floor(this.now().getTime() / 1000));
    const response = await (this.options.fetch ?? fetch)(new URL('v1/log/cosignatures', withSlash(this.options.url)), {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: withCosignatures(note, [line]),
    });
    if (!response.ok) {
      this.state.lastError = `the upstream refused the cosignature of size ${size}: ${response.status} ${(await response.text()).slice(0, 200)}`;
      return;
    }
    this.state.cosignedSize = size;
  }

  /**
   * checkFork: the upstream's checkpoint did not extend what was imported. If both checkpoints are
   * signed by the log key and cannot be one history, that is a fork: keep the evidence and refuse.
   */
  private async checkFork(detail: string): Promise<void> {
    const { store, vkey } = this.options;
    const head = await store.head();
    const local = head.checkpoint;
    const remoteNote = await this.remote.checkpoint();
    const remote = checkNote(remoteNote, [vkey]);
    // A checkpoint already examined and found no fork is not examined again (that fetches the upstream's every hash).
    if (!local || !remote.ok || remoteNote === this.examined) {
      this.state.lastError = detail;
      return;
    }
    const mine = parseCheckpoint(openNote(local.note, [vkey]).text);
    const theirs = parseCheckpoint(remote.text);
    this.state.remoteSize = theirs.size;
    const evidence = await this.evidenceFor(local.note, mine, remoteNote, theirs);
    // Only once examined to the end (a failed fetch of its hashes throws before this, and it is examined again).
    this.examined = remoteNote;
    if (!evidence) {
      this.state.lastError = detail;
      return;
    }
    this.evidence = evidence;
    const temporary = `${this.options.evidenceFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(evidence, null, 2));
    renameSync(temporary, this.options.evidenceFile);
    this.state.refused = `the upstream's checkpoint of size ${theirs.size} cannot extend the one of size ${mine.size} imported from it (fork evidence at /v1/federation/evidence)`;
    this.options.log?.('error', 'upstream fork: importing stopped', { url: this.options.url, sizes: [mine.size, theirs.size] });
  }

  private async evidenceFor(
    localNote: string,
    mine: ReturnType<typeof parseCheckpoint>,
    remoteNote: string,
    theirs: ReturnType<typeof parseCheckpoint>,
  ): Promise<ForkEvidence | undefined> {
    const base = { format: 'suyuan-fork-evidence/1' as const, origin: mine.origin, notes: [localNote, remoteNote] as [string, string] };
    const seen = { seenAt: this.now().toISOString(), source: this.options.url };
    let prefix: ForkEvidence['prefix'];
    if (theirs.size === mine.size) {
      if (toHex(theirs.root) === toHex(mine.root)) return undefined;
    } else {
      const [shorter, longerLeaves] =
        theirs.size < mine.size ? [theirs, await leavesOf(this.options.store, mine.size)] : [mine, await this.remoteLeaves(theirs.size)];
      const longer = theirs.size < mine.size ? mine : theirs;
      // The leaves must be the longer tree: else they prove nothing (the upstream may just serve bad events).
      if (!longerLeaves || toHex(merkleRoot(longerLeaves)) !== toHex(longer.root)) return undefined;
      const root = toHex(merkleRoot(longerLeaves.slice(0, shorter.size)));
      if (root === toHex(shorter.root)) return undefined;
      prefix = { size: shorter.size, root, consistency: consistencyProof(longerLeaves, shorter.size).map(toHex) };
    }
    const evidence: ForkEvidence = { ...base, ...(prefix ? { prefix } : {}), ...seen };
    return verifyForkEvidence(evidence, this.options.vkey).ok ? evidence : undefined;
  }

  /** remoteLeaves: the upstream's first `size` event hashes, as leaves. */
  private async remoteLeaves(size: number): Promise<Uint8Array[] | undefined> {
    const leaves: Uint8Array[] = [];
    while (leaves.length < size) {
      const page = await this.remote.events(leaves.length, size - leaves.length);
      if (page.length === 0) return undefined;
      for (const event of page) leaves.push(fromHex(event.hash));
    }
    return leaves;
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }
}

async function leavesOf(store: EventStore, size: number): Promise<Uint8Array[]> {
  const leaves: Uint8Array[] = [];
  while (leaves.length < size) {
    const page: SealedEvent[] = await store.readFrom(leaves.length, Math.min(5000, size - leaves.length));
    if (page.length === 0) break;
    for (const event of page) leaves.push(fromHex(event.hash));
  }
  return leaves;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
