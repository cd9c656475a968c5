/**
 * RemoteLog reads another node's log over its HTTP routes (src/api/routes/log.ts):
 * `GET /v1/log/checkpoint` and `GET /v1/log/events?after=&limit=`. It only
 * fetches and checks shapes; what the answers are worth is for the caller
 * to verify (fetchVerifiedTail).
 */
import type { SealedEvent } from '../store/index.js';

/** The most events the log route returns per page. */
export const REMOTE_PAGE = 1000;

export interface RemoteLogOptions {
  /** The node's base URL, e.g. http://reader.internal:3000. */
  readonly url: string;
  /** An admin, auditor or subscriber key, sent as `Authorization: Bearer` (the events route needs one). */
  readonly key?: string | undefined;
  /** Default the global fetch. */
  readonly fetch?: typeof fetch;
}

export class RemoteLog {
  private readonly base: URL;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: RemoteLogOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.fetch = options.fetch ?? fetch;
  }

  /** checkpoint returns the node's latest signed checkpoint note, unverified. */
  async checkpoint(): Promise<string> {
    return (await this.get('v1/log/checkpoint')).text();
  }

  /** events returns up to `limit` events at positions from `from` on, each rebuilt from the hashed fields only. */
  async events(from: number, limit: number): Promise<SealedEvent[]> {
    const query = new URLSearchParams({ after: String(from - 1), limit: String(Math.min(limit, REMOTE_PAGE)) });
    const page = (await (await this.get(`v1/log/events?${query}`)).json()) as { events?: unknown };
    if (!Array.isArray(page.events)) throw new Error(`${this.base.origin} answered the events route without an events list`);
    return page.events.slice(0, limit).map(hashedFieldsOf);
  }

  private async get(path: string): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = this.options.key ? { authorization: `Bearer ${this.options.key}` } : {};
    const response = await this.fetch(url, { headers });
    if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
    return response;
  }
}

/**
 * hashedFieldsOf keeps only the fields an event's hash covers (plus the
 * hash), so a property the hash does not cover can never reach a store.
 */
function hashedFieldsOf(input: unknown): SealedEvent {
  const e = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return {
    v: e.v as 1 | 2,
    position: e.position as number,
    type: e.type as string,
    time: e.time as string,
    actor: e.actor as string,
    tags: e.tags as string[],
    data: e.data,
    prev: e.prev as string[],
    hash: e.hash as string,
  };
}
