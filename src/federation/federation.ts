/**
 * A federated node's upstreams (issue 16): for each upstream Suyuan log, a store of its own in the
 * data directory (`upstreams/<sha-256 of its vkey>/`), an importer that fills it only as far as it is proved
 * and cosigns what it verified, and a read-only API over it (the same follower, projections and
 * routes as any read node), so the node serves every upstream code through one entry. Polling
 * resumes from the store after a restart: verified events are never fetched again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LogFollower, build, type ZodApp } from '../api/index.js';
import { normalizeTraceCode } from '../domain/index.js';
import { startProjections, type RunningProjections } from '../projections/index.js';
import { openStore, type EventStore } from '../store/index.js';
import type { ForkEvidence } from '../verify/index.js';
import { UpstreamImporter, type UpstreamStatus } from './importer.js';

export interface UpstreamConfig {
  readonly url: string;
  readonly vkey: string;
  readonly key?: string;
}

export interface FederationOptions {
  readonly upstreams: readonly UpstreamConfig[];
  readonly dataDir: string;
  /** This node's log key: it cosigns every upstream checkpoint it verified. */
  readonly cosignKey?: string;
  /** Between polls of each upstream (default 2 s). */
  readonly intervalMs?: number;
  /** An upstream whose signed log is ahead and that was not imported for this long is stale (default 60 s). */
  readonly staleMs?: number;
  /** Told of each new verified import (to record it in this node's own log). */
  readonly onImported?: (status: UpstreamStatus) => Promise<void>;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  readonly fetch?: typeof fetch;
}

interface Upstream {
  readonly importer: UpstreamImporter;
  readonly store: EventStore;
  readonly follower: LogFollower;
  readonly projections: RunningProjections;
  readonly app: ZodApp;
  readonly following: AbortController;
  readonly followed: Promise<void>;
}

export class Federation {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  private constructor(
    private readonly options: FederationOptions,
    private readonly upstreams: readonly Upstream[],
  ) {}

  static async open(options: FederationOptions): Promise<Federation> {
    const upstreams: Upstream[] = [];
    try {
      for (const config of options.upstreams) upstreams.push(await openUpstream(config, options));
    } catch (error) {
      // Upstreams opened before the one that failed are closed again, stores and all.
      await new Federation(options, upstreams).close();
      throw error;
    }
    return new Federation(options, upstreams);
  }

  /** start polls every upstream now and then every interval, one poll at a time. */
  start(): void {
    const round = async (): Promise<void> => {
      for (const upstream of this.upstreams) {
        const before = upstream.importer.status().verifiedSize;
        const status = await upstream.importer.poll();
        if (status.verifiedSize > before)
          await this.options
            .onImported?.(status)
            .catch((error: unknown) => this.options.log?.('error', 'recording an import failed', { error: String(error) }));
      }
    };
    const next = (): void => {
      if (this.stopped) return;
      this.polling = round().finally(() => {
        if (!this.stopped) this.timer = setTimeout(next, this.options.intervalMs ?? 2000);
      });
    };
    next();
  }

  /** pollNow: one round at once (tests, and a node asked to catch up). */
  async pollNow(): Promise<UpstreamStatus[]> {
    await this.polling;
    for (const upstream of this.upstreams) await upstream.importer.poll();
    return this.statuses();
  }

  statuses(): UpstreamStatus[] {
    return this.upstreams.map((upstream) => upstream.importer.status());
  }

  evidence(): ForkEvidence[] {
    return this.upstreams.flatMap((upstream) => upstream.importer.forkEvidence() ?? []);
  }

  /** notReady: a sentence for each upstream that is refused or stale (for /health/ready). */
  notReady(now = Date.now()): string[] {
    const staleMs = this.options.staleMs ?? 60_000;
    return this.statuses().flatMap((status) => {
      if (status.refused) return [`upstream ${status.url} is refused: ${status.refused}`];
      const behind = status.remoteSize !== undefined && status.remoteSize > status.verifiedSize;
      const last = status.lastImportAt === undefined ? 0 : Date.parse(status.lastImportAt);
      if (status.verifiedSize === 0 && status.lastError) return [`upstream ${status.url} is not imported yet: ${status.lastError}`];
      if (behind && now - last > staleMs)
        return [`upstream ${status.url} is stale: ${status.verifiedSize} of ${status.remoteSize} events imported`];
      return [];
    });
  }

  /** appFor: the read-only API of the upstream whose log has `code`, if any. */
  appFor(code: string): ZodApp | undefined {
    const canonical = normalizeTraceCode(code);
    return this.upstreams.find((upstream) => upstream.projections.readModel.accessFacts(canonical) !== undefined)?.app;
  }

  /** appForOperator: the read-only API of the upstream whose directory has the operator, if any. */
  appForOperator(operatorId: string): ZodApp | undefined {
    return this.upstreams.find((upstream) => upstream.projections.readModel.operator(operatorId) !== undefined)?.app;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    for (const upstream of this.upstreams) {
      upstream.following.abort();
      await upstream.followed;
      await upstream.app.close();
      await upstream.projections.stop();
      await upstream.follower.flush();
      await upstream.store.close();
    }
  }
}

/** openUpstream: one upstream's store (named by its key), importer, follower, read models and read-only API. */
async function openUpstream(config: UpstreamConfig, options: FederationOptions): Promise<Upstream> {
  // Named by the upstream's key, not its URL: an upstream that moves keeps what was verified of it.
  const dir = join(options.dataDir, 'upstreams', createHash('sha256').update(config.vkey).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const store = await openStore(join(dir, 'suyuan.db'), { role: 'writer' });
  const importer = new UpstreamImporter({
    url: config.url,
    vkey: config.vkey,
    ...(config.key ? { key: config.key } : {}),
    store,
    evidenceFile: join(dir, 'fork-evidence.json'),
    ...(options.cosignKey ? { cosignKey: options.cosignKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  await importer.resume();
  const follower = await LogFollower.start({
    store,
    vkey: config.vkey,
    checkpointFile: join(dir, 'reader-checkpoint'),
    headCheckMs: 250,
  });
  const projections = await startProjections({
    store: follower.verifiedStore,
    ledger: follower,
    snapshots: { dir: join(dir, 'snapshots') },
  });
  const following = new AbortController();
  const followed = follower.follow(following.signal);
  const app = await build({
    log: follower,
    store: follower.verifiedStore,
    read: projections.readModel,
    rateLimit: false,
    processMetrics: false,
  });
  await app.ready();
  return { importer, store, follower, projections, app, following, followed };
}
