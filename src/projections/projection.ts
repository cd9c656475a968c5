/**
 * A projection is a read model fed by the log's events in order (DESIGN §8).
 * It covers a prefix of the log: `position` events, 0 to position − 1, and
 * applies only the event at exactly `position` next. It can be emptied and
 * rebuilt from the log, or saved to a snapshot and restored from one.
 */
import type { SealedEvent } from '../store/index.js';
import type { TypedArray } from './store/typed.js';

export interface Projection {
  /** A stable name: the snapshot file is `<name>.snapshot`. */
  readonly name: string;
  /** Version of the snapshot layout; a snapshot of another version is ignored (and the log replayed). */
  readonly snapshotVersion: number;
  /** Events covered: the next event to apply has this position. */
  readonly position: number;
  /** Hash of the last event applied (position − 1), to check a snapshot against the log it came from. */
  readonly lastHash: string | undefined;
  /**
   * apply folds the event at `position` in. Throws ProjectionGapError, and
   * changes nothing, for any other position.
   */
  apply(event: SealedEvent): void;
  /** snapshot captures the state; its arrays may be views of live state, so encode it before the next apply. */
  snapshot(): SnapshotImage;
  /** restore replaces the state with a snapshot's. */
  restore(image: SnapshotImage): void;
  /** False when the projection's state is saved elsewhere (a lot projection shared with the ledger); default true. */
  readonly saves?: boolean;
  /** reset empties the projection (position 0), to rebuild it from the log. */
  reset(): void;
}

/** A projection's state as saved: the position it covers, typed arrays and JSON values. */
export interface SnapshotImage {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly lastHash: string | undefined;
  readonly arrays: Readonly<Record<string, TypedArray>>;
  /** JSON values; each is encoded on its own, so keep each one well under 256 MB of text. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Thrown when an event is not the next one a projection expects. */
export class ProjectionGapError extends Error {
  override name = 'ProjectionGapError';
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly got: number,
  ) {
    super(`projection ${projection} expects the event at position ${expected}, not ${got}`);
  }
}

/** checkNext throws unless `event` is the next event for a projection at `position`. */
export function checkNext(name: string, position: number, event: SealedEvent): void {
  if (event.position !== position) throw new ProjectionGapError(name, position, event.position);
}
