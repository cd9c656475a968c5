import type { AppendStreamRequest, StreamSubscription } from '@kurrent/kurrentdb-client';
import { appended, batchStart, positionConflict, validateBatch } from '../batch.js';
import { batchBodies } from '../codec.js';
import { DuplicateIdempotencyKeyError, StoreUnavailableError, VaultUnsupportedError } from '../errors.js';
import type { AppendBatch, AppendResult, SealedEvent, StoredCheckpoint, VaultStore } from '../port.js';
import { createSizeWatcher } from '../watch.js';
import { readEvents, readLast, streamLength, type Connection } from './read.js';
import {
  fromCheckpointEvent,
  fromIdempotencyEvent,
  fromLogEvent,
  streamNames,
  toCheckpointEvent,
  toIdempotencyEvent,
  toLogEvent,
} from './streams.js';

const unsupportedVault = (): Promise<never> => Promise.reject(new VaultUnsupportedError('kurrentdb'));

export interface KurrentDbStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
  /** Prefix of the stream names (see streams.ts). Default `suyuan`. */
  readonly streamPrefix?: string;
  /** Fallback poll of the log length while someone waits. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Page size of readByTag's scan. Default 1000. */
  readonly scanPageSize?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * createKurrentDbStore maps the log onto KurrentDB streams (streams.ts). It
 * loads the SDK and builds the client in the background and connects on
 * first use, so constructing it needs no server; a bad connection string
 * surfaces on the first call.
 *
 * Atomicity: a batch (log events, checkpoint, idempotency records) is one
 * multiStreamAppend, which KurrentDB commits atomically across streams; this
 * needs KurrentDB 25.1 or later. Older servers cannot write several streams
 * atomically and are not supported. An empty batch (a re-signed checkpoint)
 * has no log events to carry the expected revision, so its position check is
 * a read before the write: safe only under the single-writer rule.
 *
 * Costs: readByTag scans the log from `from` (O(log size) per call; KurrentDB
 * has no secondary index we can rely on); checkpointAt binary-searches the
 * checkpoint stream (O(log n) reads); idempotency is one stream read.
 *
 * No personal-data vault: streams are append-only, and a deleted or
 * scavenged event lingers in chunk files until a scavenge rewrites them, so
 * erasure could not be promised. A batch with vault rows and every vault
 * operation throw VaultUnsupportedError.
 *
 * Untested here: no KurrentDB server runs on these machines. The contract
 * suite runs against it when KURRENTDB_URL is set.
 */
export function createKurrentDbStore(options: KurrentDbStoreOptions): VaultStore {
  const connecting: Promise<Connection> = import('@kurrent/kurrentdb-client').then((sdk) => ({
    sdk,
    client: sdk.KurrentDBClient.connectionString(options.connectionString),
  }));
  connecting.catch(() => {}); // reported by the first call that awaits it
  const names = streamNames(options.streamPrefix ?? 'suyuan');
  const onError = options.onError ?? (() => {});
  const scanPage = options.scanPageSize ?? 1_000;
  let subscription: StreamSubscription | undefined;
  let closed = false;

  const watcher = createSizeWatcher({
    readSize: async () => streamLength(await connecting, names.log),
    pollMs: options.pollIntervalMs ?? 1_000,
    onError,
    beforeWait: async () => {
      if (subscription || closed) return;
      const { client, sdk } = await connecting;
      // A wake-up only: the watcher re-reads the log length.
      const live = client.subscribeToStream(names.log, { fromRevision: sdk.END });
      subscription = live;
      live.on('data', () => watcher.poke());
      live.on('error', (error) => {
        onError(error);
        if (subscription === live) subscription = undefined;
      });
    },
  });

  const checkpointAtRevision = async (revision: number): Promise<StoredCheckpoint | undefined> => {
    const [resolved] = await readEvents(await connecting, names.checkpoints, { fromRevision: BigInt(revision), maxCount: 1 });
    return resolved && fromCheckpointEvent(resolved);
  };

  const append = async (batch: AppendBatch): Promise<AppendResult> => {
    const connection = await connecting;
    const { NO_STREAM, ANY, WrongExpectedVersionError } = connection.sdk;
    const start = batchStart(batch);
    const requests: AppendStreamRequest[] = [];
    if (batch.events.length > 0) {
      const bodies = batchBodies(batch);
      requests.push({
        streamName: names.log,
        events: batch.events.map((event, i) => toLogEvent(event, bodies[i]!)),
        expectedState: start === 0 ? NO_STREAM : BigInt(start - 1),
      });
    } else {
      const size = await streamLength(connection, names.log);
      if (size !== start) return positionConflict(start, size);
    }
    requests.push({ streamName: names.checkpoints, events: [toCheckpointEvent(batch.checkpoint)], expectedState: ANY });
    const byStream = new Map(batch.idempotency.map((record) => [names.idempotency(record.principal, record.key), record]));
    for (const [streamName, record] of byStream) {
      requests.push({ streamName, events: [toIdempotencyEvent(record)], expectedState: NO_STREAM });
    }
    try {
      await connection.client.multiStreamAppend(requests);
      return appended;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (error.streamName === names.log) {
        const actual = error.actualState === NO_STREAM ? 0 : Number(error.actualState) + 1;
        return positionConflict(start, actual);
      }
      const record = byStream.get(error.streamName);
      if (record) throw new DuplicateIdempotencyKeyError(record.principal, record.key);
      throw error;
    }
  };

  return {
    kind: 'kurrentdb',

    async appendBatch(batch) {
      if (closed) throw new StoreUnavailableError('store is closed');
      if (batch.vault && batch.vault.length > 0) throw new VaultUnsupportedError('kurrentdb');
      validateBatch(batch);
      const result = await append(batch);
      if (result.ok) watcher.observed(batch.checkpoint.size);
      return result;
    },

    async readFrom(from, limit) {
      if (limit <= 0) return [];
      const maxCount = Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER;
      const events = await readEvents(await connecting, names.log, { fromRevision: BigInt(Math.max(0, from)), maxCount });
      return events.map(fromLogEvent);
    },

    async readByTag(tag, from = 0, limit = Number.POSITIVE_INFINITY) {
      const connection = await connecting;
      const out: SealedEvent[] = [];
      for (let next = Math.max(0, from); out.length < limit; next += scanPage) {
        const page = await readEvents(connection, names.log, { fromRevision: BigInt(next), maxCount: scanPage });
        for (const resolved of page) {
          const event = fromLogEvent(resolved);
          if (event.tags.includes(tag) && out.length < limit) out.push(event);
        }
        if (page.length < scanPage) break;
      }
      return out;
    },

    async head() {
      // Checkpoint first: the log can only have grown by the time we read its length.
      const connection = await connecting;
      const last = await readLast(connection, names.checkpoints);
      const size = await streamLength(connection, names.log);
      return last ? { size, checkpoint: fromCheckpointEvent(last) } : { size };
    },

    async checkpointAt(size) {
      // Sizes never decrease along the stream: find the last revision with size <= `size`.
      const last = await readLast(await connecting, names.checkpoints);
      if (!last?.event) return undefined;
      const latest = fromCheckpointEvent(last);
      if (latest.size <= size) return latest;
      let low = 0;
      let high = Number(last.event.revision);
      let found: StoredCheckpoint | undefined;
      while (low <= high) {
        const mid = Math.floor((low + high) / 2);
        const checkpoint = await checkpointAtRevision(mid);
        if (checkpoint && checkpoint.size <= size) {
          found = checkpoint;
          low = mid + 1;
        } else high = mid - 1;
      }
      return found;
    },

    async idempotency(principal, key) {
      const last = await readLast(await connecting, names.idempotency(principal, key));
      return last && fromIdempotencyEvent(last);
    },

    waitForEvents: (size, signal) => watcher.wait(size, signal),

    async dropFrom() {
      // A KurrentDB stream cannot lose its last events: truncating it hides them but keeps the revisions.
      throw new Error('dropFrom is not supported on KurrentDB: repair an unsigned tail by restoring the log into a new stream');
    },

    readPersonal: unsupportedVault,
    erasePersonal: unsupportedVault,
    recordAccess: unsupportedVault,
    accessRecords: unsupportedVault,

    async close() {
      if (closed) return;
      closed = true;
      watcher.close();
      await subscription?.unsubscribe().catch(onError);
      const connection = await connecting.catch(() => undefined);
      await connection?.client.dispose();
    },
  };
}
