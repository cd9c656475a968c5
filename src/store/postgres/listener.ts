import pg from 'pg';
import { quoteIdent } from './names.js';

export interface ListenerOptions {
  readonly connectionString: string;
  readonly channel: string;
  readonly applicationName: string;
  /** Called on every notification and after every (re)connect. */
  readonly onWake: () => void;
  readonly onError?: (error: unknown) => void;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * A Listener keeps one dedicated connection LISTENing on the store's channel.
 * A notification is only a wake-up: the reader re-reads the table. After a
 * dropped connection it reconnects with exponential backoff, LISTENs again and
 * wakes the reader, since notifications sent meanwhile are lost.
 */
export interface Listener {
  /** Starts listening if needed; resolves after the first attempt, successful or not. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createListener(options: ListenerOptions): Listener {
  const minBackoff = options.minBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  let backoff = minBackoff;
  let current: pg.Client | undefined;
  let firstAttempt: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;
  let closed = false;

  const scheduleReconnect = (): void => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      attempt = connect();
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.connectionString, application_name: options.applicationName });
    let dropped = false;
    const drop = (error?: unknown): void => {
      if (dropped) return;
      dropped = true;
      if (error) options.onError?.(error);
      if (current === client) current = undefined;
      client.end().catch(() => {});
      scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => options.onWake());
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(options.channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (closed) {
      dropped = true;
      await client.end().catch(() => {});
      return;
    }
    current = client;
    backoff = minBackoff;
    options.onWake();
  };

  return {
    ready() {
      firstAttempt ??= attempt = connect();
      return firstAttempt;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await attempt;
      const client = current;
      current = undefined;
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => {});
      }
    },
  };
}
