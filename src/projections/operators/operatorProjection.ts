/**
 * OperatorProjection ('operators'): every operator's domain state, folded
 * with the domain's own `evolve`, and the directory by region. Operators are
 * few beside lots (hundreds of thousands nationwide), so their states are
 * plain objects.
 */
import { OPERATOR_STATUSES, evolve, type DomainEvent, type OperatorState, type OperatorStatus } from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import { checkNext, type Projection, type SnapshotImage } from '../projection.js';
import { RegionDirectory } from './directory.js';

const OPERATOR_TAG = 'operator:';
/** 2: operators record their registrant and certifications whether they are confirmed. */
const SNAPSHOT_VERSION = 2;
/** Operators per JSON value in a snapshot, so no single text grows too large. */
const SNAPSHOT_CHUNK = 20_000;

export interface DirectoryQuery {
  /** A region code prefix: '' (everywhere), '44', '4401', '440113'; 440000 and 440100 read as 44 and 4401. */
  readonly regionPrefix?: string;
  readonly status?: OperatorStatus | readonly OperatorStatus[];
  /** Page size: default 100, at most 1000. */
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly after?: string;
}

export interface DirectoryPage {
  readonly operators: readonly OperatorState[];
  /** Cursor for the next page; absent on the last page. */
  readonly next?: string;
}

export class OperatorProjection implements Projection {
  readonly name = 'operators';
  readonly snapshotVersion = SNAPSHOT_VERSION;
  private states = new Map<string, OperatorState>();
  private directory = new RegionDirectory();
  private covered = 0;
  private last: string | undefined;
  private readonly listeners = new Set<(operatorId: string) => void>();

  get position(): number {
    return this.covered;
  }

  get lastHash(): string | undefined {
    return this.last;
  }

  get size(): number {
    return this.states.size;
  }

  onChange(listener: (operatorId: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get(operatorId: string): OperatorState | undefined {
    return this.states.get(operatorId);
  }

  apply(sealed: SealedEvent): void {
    checkNext(this.name, this.covered, sealed);
    const event = sealed as unknown as DomainEvent;
    for (const tag of sealed.tags) {
      if (!tag.startsWith(OPERATOR_TAG)) continue;
      const id = tag.slice(OPERATOR_TAG.length);
      const before = this.states.get(id);
      const after = evolve(tag, before, event);
      if (after?.entity !== 'operator') continue;
      if (before && before.region !== after.region) this.directory.remove(before.region, id);
      if (!before || before.region !== after.region) this.directory.add(after.region, id);
      this.states.set(id, after);
      for (const listener of this.listeners) listener(id);
    }
    this.covered = sealed.position + 1;
    this.last = sealed.hash;
  }

  /** directoryPage lists operators by (region, id), filtered by region prefix and status. */
  directoryPage(query: DirectoryQuery = {}): DirectoryPage {
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 100)), 1000);
    const statuses = query.status === undefined ? undefined : new Set<OperatorStatus>([query.status].flat());
    const cursor = parseCursor(query.after);
    const found: OperatorState[] = [];
    let more = false;
    this.directory.walk(query.regionPrefix ?? '', cursor, (_region, id) => {
      const state = this.states.get(id)!;
      if (statuses && !statuses.has(state.status)) return true;
      if (found.length === limit) {
        more = true;
        return false;
      }
      found.push(state);
      return true;
    });
    const lastFound = found.at(-1);
    return more && lastFound ? { operators: found, next: `${lastFound.region}:${lastFound.id}` } : { operators: found };
  }

  /** countByStatus counts the operators of a region prefix by status (for coverage reports). */
  countByStatus(regionPrefix = ''): Record<OperatorStatus, number> {
    const counts = Object.fromEntries(OPERATOR_STATUSES.map((status) => [status, 0])) as Record<OperatorStatus, number>;
    this.directory.walk(regionPrefix, undefined, (_region, id) => {
      counts[this.states.get(id)!.status]++;
      return true;
    });
    return counts;
  }

  snapshot(): SnapshotImage {
    const states = [...this.states.values()];
    const values: Record<string, unknown> = { chunks: Math.ceil(states.length / SNAPSHOT_CHUNK) };
    for (let i = 0; i * SNAPSHOT_CHUNK < states.length; i++) {
      values[`operators.${i}`] = states.slice(i * SNAPSHOT_CHUNK, (i + 1) * SNAPSHOT_CHUNK);
    }
    return { name: this.name, version: this.snapshotVersion, position: this.covered, lastHash: this.last, arrays: {}, values };
  }

  restore(image: SnapshotImage): void {
    this.reset();
    const chunks = image.values.chunks as number;
    for (let i = 0; i < chunks; i++) {
      const states = image.values[`operators.${i}`] as OperatorState[] | undefined;
      if (!states) throw new Error(`operators snapshot: chunk ${i} is missing`);
      for (const state of states) {
        this.states.set(state.id, state);
        this.directory.add(state.region, state.id);
      }
    }
    this.covered = image.position;
    this.last = image.lastHash;
  }

  reset(): void {
    this.states = new Map();
    this.directory = new RegionDirectory();
    this.covered = 0;
    this.last = undefined;
  }
}

function parseCursor(after: string | undefined): { region: string; id: string } | undefined {
  if (!after) return undefined;
  const colon = after.indexOf(':');
  if (colon < 0) throw new RangeError(`not a directory cursor: ${JSON.stringify(after)}`);
  return { region: after.slice(0, colon), id: after.slice(colon + 1) };
}
