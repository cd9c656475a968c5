/**
 * startProjections wires the standard projections (lots, operators, regulation) to a
 * store: restore snapshots, catch up with the log, then keep current — from
 * the writer's commits when given the ledger, else by following the store
 * (a read-only API node). This is what a process calls at start.
 */
import type { EventStore } from '../store/index.js';
import { ColumnStates } from './lots/columnStates.js';
import { LotProjection } from './lots/lotProjection.js';
import { OperatorProjection } from './operators/operatorProjection.js';
import { ReadModel, type ReadModelOptions } from './readModel.js';
import { RegulationProjection } from './regulation/regulationProjection.js';
import { ProjectionRunner, type CommitSource, type SnapshotPolicy } from './runner/runner.js';

export interface StartProjectionsOptions extends ReadModelOptions {
  readonly store: EventStore;
  /** The writer process's ledger: apply each batch right after it commits. Omit in a read-only process. */
  readonly ledger?: CommitSource;
  /** Where and how often to save snapshots; omit to replay the log at every start. */
  readonly snapshots?: SnapshotPolicy;
  /**
   * Serve the writer's committed lots (a ledger whose entities are ColumnStates) instead of
   * keeping a second copy (issue 17). Default true; false keeps a projection of its own.
   */
  readonly shareLots?: boolean;
  /** Keep each lot's event positions for lotEvents() (default false; about 40 bytes a lot). */
  readonly eventPositions?: boolean;
  readonly onError?: (error: Error, context: string) => void;
  /** Catch-up progress at start (for a progress bar). */
  readonly onProgress?: (position: number, head: number) => void;
}

export interface RunningProjections {
  readonly readModel: ReadModel;
  readonly runner: ProjectionRunner;
  /** Stops following (or detaches from the ledger), saves a final snapshot if configured. The store stays open. */
  stop(): Promise<void>;
}

export async function startProjections(options: StartProjectionsOptions): Promise<RunningProjections> {
  const shared = options.shareLots === false || options.eventPositions ? undefined : ledgerLots(options.ledger);
  const lots = shared?.lots ?? new LotProjection({ eventPositions: options.eventPositions ?? false });
  if (shared) lots.shareWithLedger(shared.size);
  const operators = new OperatorProjection();
  const regulation = new RegulationProjection();
  const runner = new ProjectionRunner([lots, operators, regulation], {
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const readModel = new ReadModel(lots, operators, runner, { ...options, regulation });
  await runner.restore(options.store);
  let stopFollowing: () => Promise<void>;
  if (options.ledger) {
    const detach = await runner.attach(options.ledger, options.store);
    stopFollowing = async () => detach();
  } else {
    await runner.catchUp(options.store);
    const abort = new AbortController();
    const following = runner.follow(options.store, abort.signal);
    stopFollowing = async () => {
      abort.abort();
      await following;
    };
  }
  let stopped: Promise<void> | undefined;
  return {
    readModel,
    runner,
    stop: () =>
      (stopped ??= (async () => {
        await stopFollowing();
        if (options.snapshots) await runner.save();
      })()),
  };
}

/** The lots of a writer's ledger whose committed entities are ColumnStates, and its size now. */
function ledgerLots(ledger: CommitSource | undefined): { lots: LotProjection; size: number } | undefined {
  const writer = ledger as (CommitSource & { readonly entities?: unknown; readonly size?: number }) | undefined;
  const entities = writer?.entities;
  return entities instanceof ColumnStates && typeof writer?.size === 'number' ? { lots: entities.lots, size: writer.size } : undefined;
}
