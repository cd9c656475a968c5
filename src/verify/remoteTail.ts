/**
 * fetchVerifiedTail: the events a store lacks, fetched from another node and
 * verified before anyone may append them (`suyuan restore --from`), so a
 * follower doubles as a verified backup. Trusts only the log's vkey.
 */
import { openNote, parseCheckpoint } from '../hash/index.js';
import type { EventStore, SealedEvent, StoredCheckpoint } from '../store/index.js';
import type { RemoteLog } from './remoteLog.js';
import { StoreVerifier, type StoreFailureReason } from './storeVerifier.js';

/**
 * TailFailureReason: the local store holds events past its latest signed
 * checkpoint ('unsigned-tail'), the remote checkpoint does not verify
 * ('remote-checkpoint'), the remote signed log is shorter than what must be
 * kept ('remote-behind'), a remote event is not an event ('remote-shape'), or
 * a StoreFailureReason (a bad hash, `prev` link or root, local or remote).
 */
export type TailFailureReason = StoreFailureReason | 'unsigned-tail' | 'remote-checkpoint' | 'remote-behind' | 'remote-shape';

export type TailVerdict =
  | {
      readonly ok: true;
      /** The local signed size the tail starts at. */
      readonly from: number;
      readonly events: readonly SealedEvent[];
      /** The remote checkpoint covering the local log plus `events`. */
      readonly checkpoint: StoredCheckpoint;
    }
  | { readonly ok: false; readonly reason: TailFailureReason; readonly detail: string; readonly position?: number };

export interface FetchTailOptions {
  readonly store: EventStore;
  readonly remote: RemoteLog;
  readonly vkey: string;
  /** Signed checkpoints the result must also extend (the writer's checkpoint file). */
  readonly pins?: readonly string[];
}

/**
 * fetchVerifiedTail verifies the local log from position 0 against its
 * latest signed checkpoint, fetches the remote signed checkpoint and the
 * events between the two, and verifies every fetched event's hash and
 * `prev` links as continuing the local log. The remote checkpoint's root
 * must then be the root of local log plus tail, which proves the remote log
 * extends the local signed one; each pin must verify against it too.
 * Never throws for what the logs hold; I/O failures throw.
 */
export async function fetchVerifiedTail(options: FetchTailOptions): Promise<TailVerdict> {
  const { store, remote, vkey } = options;
  const head = await store.head();
  let localSize = 0;
  const tail: SealedEvent[] = [];
  let shapeFailure: TailVerdict | undefined;
  const source = {
    readFrom: async (from: number, limit: number): Promise<SealedEvent[]> => {
      if (from < localSize) return store.readFrom(from, Math.min(limit, localSize - from));
      const events = await remote.events(from, limit);
      const bad = events.find((event) => !isEventShape(event));
      if (bad) {
        shapeFailure = {
          ok: false,
          reason: 'remote-shape',
          detail: 'the remote node sent something that is not an event',
          position: bad.position,
        };
        return events.slice(0, events.indexOf(bad));
      }
      return events;
    },
  };
  const verifier = new StoreVerifier(source, {
    vkey,
    onEvent: (event) => {
      if (event.position >= localSize) tail.push(event);
    },
  });

  localSize = head.size;
  const local = await verifier.readTo(localSize);
  if (local) return local;
  const signed = head.checkpoint ? verifier.check(head.checkpoint.note) : { ok: true as const, size: 0 };
  if (!signed.ok) return signed;
  if (signed.size !== localSize) {
    return {
      ok: false,
      reason: 'unsigned-tail',
      detail: `the local store holds ${localSize - signed.size} events past its signed checkpoint (size ${signed.size}): run suyuan repair --drop-unsigned first`,
      position: signed.size,
    };
  }

  const note = await remote.checkpoint();
  let remoteSize: number;
  try {
    remoteSize = parseCheckpoint(openNote(note, [vkey]).text).size;
  } catch (error) {
    return {
      ok: false,
      reason: 'remote-checkpoint',
      detail: `the remote checkpoint does not verify with the log key: ${(error as Error).message}`,
    };
  }
  if (remoteSize < localSize) {
    return {
      ok: false,
      reason: 'remote-behind',
      detail: `the remote signed log has ${remoteSize} events, fewer than the local ${localSize}`,
    };
  }
  const fetched = await verifier.readTo(remoteSize);
  if (shapeFailure) return shapeFailure;
  if (fetched) return fetched;
  const covered = verifier.check(note);
  if (!covered.ok) return covered;
  for (const pin of options.pins ?? []) {
    const pinned = verifier.check(pin);
    if (!pinned.ok) {
      const behind = pinned.reason === 'checkpoint-size';
      return { ...pinned, reason: behind ? 'remote-behind' : pinned.reason, detail: `a kept signed checkpoint: ${pinned.detail}` };
    }
  }
  return { ok: true, from: localSize, events: tail, checkpoint: { size: covered.size, root: covered.root, note } };
}

/** isEventShape: the fields the store needs as text are text, and the version is 1 (LogVerifier checks the rest). */
function isEventShape(event: SealedEvent): boolean {
  return (
    (event.v === 1 || event.v === 2) && typeof event.type === 'string' && typeof event.time === 'string' && typeof event.actor === 'string'
  );
}
