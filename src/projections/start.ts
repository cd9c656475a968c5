/**
 * startProjections wires the standard projections (lots, operators, regulation) to a
 * store: restore snapshots, catch up with the log, then keep current — from
 * the writer's commits when given the ledger, else by following the store
 * (a read-only API node). This is what a process calls at start.
 */
import type { EventStore } from '../store/index.js';
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
  const lots = new LotProjection({ eventPositions: options.eventPositions ?? false });
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
