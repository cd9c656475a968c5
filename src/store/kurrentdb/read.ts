import type { JSONEventType, KurrentDBClient, ReadStreamOptions, ResolvedEvent } from '@kurrent/kurrentdb-client';

/** The SDK module, loaded on first use (importing it costs about 0.25 s). */
export type Sdk = typeof import('@kurrent/kurrentdb-client');

/** A client with the SDK it came from. */
export interface Connection {
  readonly sdk: Sdk;
  readonly client: KurrentDBClient;
}

/** Reads a stream into an array; a stream that does not exist reads as empty. */
export async function readEvents(
  { sdk, client }: Connection,
  stream: string,
  options: ReadStreamOptions,
): Promise<ResolvedEvent<JSONEventType>[]> {
  const out: ResolvedEvent<JSONEventType>[] = [];
  try {
    for await (const resolved of client.readStream<JSONEventType>(stream, options)) out.push(resolved);
  } catch (error) {
    if (error instanceof sdk.StreamNotFoundError) return [];
    throw error;
  }
  return out;
}

/** The last event of a stream, if any. */
export async function readLast(connection: Connection, stream: string): Promise<ResolvedEvent<JSONEventType> | undefined> {
  const { BACKWARDS, END } = connection.sdk;
  const [last] = await readEvents(connection, stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  return last;
}

/** Number of events in a stream (last revision + 1; 0 if it does not exist). */
export async function streamLength(connection: Connection, stream: string): Promise<number> {
  const last = await readLast(connection, stream);
  return last?.event ? Number(last.event.revision) + 1 : 0;
}
