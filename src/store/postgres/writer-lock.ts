import pg from 'pg';
import { StoreUnavailableError, WriterLockedError } from '../errors.js';
import type { StoreHealth } from '../port.js';
import { lockKey } from './names.js';

/**
 * The writer's dedicated connection. It holds the session advisory lock and
 * runs every append, so losing the connection loses both at once: there is no
 * window in which this process writes without holding the lock. After a drop
 * it reconnects with backoff and re-takes the lock; if another writer took
 * the lock meanwhile it stops for good (this process is no longer the writer).
 */
export interface WriterConnection {
  /** The locked connection. Throws StoreUnavailableError, with health's reason, while there is none. */
  readonly client: pg.Client;
  health(): StoreHealth;
  /**
   * Resolves once the session that held the lock before is known to be over:
   * the lock is held again on a new connection (or was never lost), or
   * another writer holds it. Rejects when closed meanwhile.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface WriterConnectionOptions {
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Told of every connection failure. */
  readonly onError?: (error: unknown) => void;
}

type WriterState =
  | { readonly kind: 'connected'; readonly client: pg.Client; readonly pid: number }
  | { readonly kind: 'reconnecting'; readonly cause: Error; readonly previousPid: number }
  | { readonly kind: 'superseded'; readonly holderPid: number }
  | { readonly kind: 'closed' };

type Attempt =
  | { readonly kind: 'locked'; readonly client: pg.Client; readonly pid: number }
  | { readonly kind: 'held'; readonly holderPid?: number };

/**
 * The pg_locks row of a bigint advisory lock: its high half in classid, its
 * low half in objid, objsubid 1 (PostgreSQL's documented layout).
 */
function lockHalves(key: string): [string, string] {
  const unsigned = BigInt.asUintN(64, BigInt(key));
  return [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()];
}

/** One attempt: connect, try the lock, and if it is held, say by which server process. */
async function connectLocked(connectionString: string, applicationName: string, key: string): Promise<Attempt> {
  const client = new pg.Client({ connectionString, application_name: applicationName });
  // Until the attempt is over its failures arrive as rejections; an unheard 'error' event would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean; pid: number }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS locked, pg_backend_pid() AS pid',
      [key],
    );
    if (rows[0]?.locked) return { kind: 'locked', client, pid: rows[0].pid };
    const [high, low] = lockHalves(key);
    const holder = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid::bigint = $1::bigint AND objid::bigint = $2::bigint`,
      [high, low],
    );
    await client.end().catch(() => {});
    const holderPid = holder.rows[0]?.pid;
    return holderPid === undefined ? { kind: 'held' } : { kind: 'held', holderPid };
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Connects and takes the writer lock; throws WriterLockedError at once if it is held. */
export async function acquireWriter(
  connectionString: string,
  schema: string,
  options: WriterConnectionOptions = {},
): Promise<WriterConnection> {
  const key = lockKey('writer', schema);
  const applicationName = `suyuan-writer:${schema}`.slice(0, 63);
  const minBackoff = options.minBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  const onError = options.onError ?? (() => {});

  const first = await connectLocked(connectionString, applicationName, key);
  if (first.kind === 'held') throw new WriterLockedError(schema);

  let state: WriterState = { kind: 'connected', client: first.client, pid: first.pid };
  let backoff = minBackoff;
  let retry: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;
  const waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const settle = (): void => {
    for (const waiter of waiters.splice(0)) {
      if (state.kind === 'closed') waiter.reject(new StoreUnavailableError('store is closed'));
      else waiter.resolve();
    }
  };

  const health = (): StoreHealth => {
    switch (state.kind) {
      case 'connected':
        return { ok: true };
      case 'reconnecting':
        return {
          ok: false,
          reason: `the PostgreSQL writer lost its connection to ${schema} (${state.cause.message}); reconnecting to re-take the writer lock`,
        };
      case 'superseded':
        return {
          ok: false,
          reason: `another Suyuan writer (server process ${state.holderPid}) took the writer lock on ${schema}; this process stopped writing`,
        };
      case 'closed':
        return { ok: false, reason: 'store is closed' };
    }
  };

  const scheduleReconnect = (): void => {
    if (state.kind !== 'reconnecting' || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      attempt = reconnect();
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  const supervise = (client: pg.Client, pid: number): void => {
    const drop = (error?: Error): void => {
      if (state.kind !== 'connected' || state.client !== client) return;
      const cause = error ?? new Error('connection ended');
      state = { kind: 'reconnecting', cause, previousPid: pid };
      onError(cause);
      client.end().catch(() => {});
      scheduleReconnect();
    };
    client.removeAllListeners('error');
    client.on('error', drop);
    client.on('end', () => drop());
  };

  const reconnect = async (): Promise<void> => {
    let next: Attempt;
    try {
      next = await connectLocked(connectionString, applicationName, key);
    } catch (error) {
      onError(error);
      if (state.kind === 'reconnecting') state = { ...state, cause: error as Error };
      scheduleReconnect();
      return;
    }
    if (state.kind !== 'reconnecting') {
      if (next.kind === 'locked') await next.client.end().catch(() => {});
      return;
    }
    if (next.kind === 'locked') {
      state = { kind: 'connected', client: next.client, pid: next.pid };
      supervise(next.client, next.pid);
      backoff = minBackoff;
      settle();
      return;
    }
    // Our old session may still hold the lock (its end not yet noticed by the server), or it was just released: try again.
    if (next.holderPid === undefined || next.holderPid === state.previousPid) {
      scheduleReconnect();
      return;
    }
    state = { kind: 'superseded', holderPid: next.holderPid };
    settle();
  };

  supervise(first.client, first.pid);
  return {
    get client() {
      if (state.kind === 'connected') return state.client;
      const now = health();
      throw new StoreUnavailableError(now.ok ? 'no writer connection' : now.reason);
    },
    health,
    settled() {
      if (state.kind === 'connected' || state.kind === 'superseded') return Promise.resolve();
      if (state.kind === 'closed') return Promise.reject(new StoreUnavailableError('store is closed'));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async close() {
      const previous = state;
      state = { kind: 'closed' };
      if (retry) clearTimeout(retry);
      settle();
      await attempt;
      // Ending the session releases the advisory lock.
      if (previous.kind === 'connected') await previous.client.end().catch(() => {});
    },
  };
}
