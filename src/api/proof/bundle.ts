/**
 * buildBundle collects the proof bundle of a code: every event of every lot
 * in its upstream lineage (so each lot's `prev` chain is whole), each with
 * its RFC 9162 inclusion proof in the latest checkpoint. Public bundles
 * redact events that name a buyer or lead out of the lineage (DESIGN §9).
 */
import { lotTag, type EventOf } from '../../domain/index.js';
import type { ReadModel } from '../../projections/index.js';
import type { EventStore, SealedEvent } from '../../store/index.js';
import type { CommittedHead } from '../head.js';
import type { BundleEntry, ProofBundle } from '../../verify/index.js';

export interface BundleSources {
  readonly read: ReadModel;
  readonly store: EventStore;
  readonly head: CommittedHead;
  readonly inclusionProof: (index: number, size: number) => string[];
}

export interface BundleLimits {
  /** Lots of the lineage to include (default 2,000). */
  readonly maxLots?: number;
  /** Events to include (default 20,000); lots past it are left out whole. */
  readonly maxEvents?: number;
}

export async function buildBundle(
  sources: BundleSources,
  code: string,
  redact: boolean,
  limits: BundleLimits = {},
): Promise<ProofBundle | undefined> {
  const { read, store, head } = sources;
  const lineage = read.lineage(code, 'backward', { maxDepth: 100_000, maxNodes: limits.maxLots ?? 2000 });
  if (!lineage) return undefined;
  const maxEvents = limits.maxEvents ?? 20_000;
  const lots: string[] = [];
  const byPosition = new Map<number, SealedEvent>();
  let truncated = lineage.truncated;
  for (const node of lineage.nodes) {
    const events = (await store.readByTag(lotTag(node.code))).filter((event) => event.position < head.size);
    const added = events.filter((event) => !byPosition.has(event.position)).length;
    if (lots.length > 0 && byPosition.size + added > maxEvents) {
      truncated = true;
      continue;
    }
    lots.push(node.code);
    for (const event of events) byPosition.set(event.position, event);
  }
  const inLineage = new Set(lots);
  const events = [...byPosition.values()]
    .sort((a, b) => a.position - b.position)
    .map((event): BundleEntry => {
      const inclusion = sources.inclusionProof(event.position, head.size);
      const { hash, ...body } = event;
      if (!redact || disclosable(event, inLineage)) {
        return { position: event.position, hash, inclusion, event: { ...body, tags: [...body.tags], prev: [...body.prev] } };
      }
      return { position: event.position, hash, inclusion, redacted: true, tags: [...event.tags], prev: [...event.prev] };
    });
  return { format: 'suyuan-proof-bundle/1', code: lineage.root, checkpoint: head.note, size: head.size, lots, events, truncated };
}

/** An event the public may read in full: it names no buyer and no lot outside the lineage's own hand-offs. */
function disclosable(event: SealedEvent, lineage: ReadonlySet<string>): boolean {
  switch (event.type) {
    case 'lot.shipped': {
      const data = (event as unknown as EventOf<'lot.shipped'>).data;
      return 'operatorId' in data.to && lineage.has(data.childCode);
    }
    case 'lot.accepted':
    case 'lot.rejected':
      return lineage.has((event as unknown as EventOf<'lot.accepted'>).data.code);
    default:
      return true;
  }
}
