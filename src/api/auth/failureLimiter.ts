/**
 * FailureLimiter counts failed authentications (401s) per client address in
 * fixed windows. A client over the limit is refused (429) for any request that
 * carries a key until its window ends, so keys cannot be guessed at line rate;
 * requests without a key (the public) are not affected. Written here because
 * @fastify/rate-limit counts requests, not failures, and a bad key must be
 * refused before the route (and its own limit) is even chosen.
 */
export interface FailureLimit {
  /** Failed authentications allowed per window and client. */
  readonly max: number;
  readonly windowMs: number;
  /** Clients remembered at most (oldest windows are forgotten first). */
  readonly clients?: number;
}

export const DEFAULT_FAILURE_LIMIT: FailureLimit = { max: 20, windowMs: 60_000, clients: 100_000 };

interface Window {
  readonly start: number;
  failures: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** retryAfterMs: how long `client` must wait before its next keyed request, or 0 if it may go on. */
  retryAfterMs(client: string): number {
    const window = this.current(client);
    if (!window || window.failures < this.limit.max) return 0;
    return window.start + this.limit.windowMs - this.now();
  }

  /** fail records one failed authentication of `client`. */
  fail(client: string): void {
    const window = this.current(client);
    if (window) {
      window.failures++;
      return;
    }
    const capacity = this.limit.clients ?? DEFAULT_FAILURE_LIMIT.clients!;
    if (this.windows.size >= capacity) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(client, { start: this.now(), failures: 1 });
  }

  private current(client: string): Window | undefined {
    const window = this.windows.get(client);
    if (window && this.now() - window.start >= this.limit.windowMs) {
      this.windows.delete(client);
      return undefined;
    }
    return window;
  }
}
