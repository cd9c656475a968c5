/**
 * buildBundle collects the proof bundle of a code: every event of every lot
 * in its upstream lineage (so each lot's `prev` chain is whole), each with
 * its RFC 9162 inclusion proof in the latest checkpoint, and each lot's chain
 * as a list of positions. Public bundles disclose only the events on the path
 * back to the origins (disclosure.ts); the others appear as position, hash,
 * prev and inclusion, so they name no code, buyer or operator (DESIGN §9).
 */
import { lotTag } from '../../domain/index.js';
import type { ReadModel } from '../../projections/index.js';
import type { EventStore, SealedEvent } from '../../store/index.js';
import type { CommittedHead } from '../head.js';
import { BUNDLE_FORMAT, type BundleEntry, type ProofBundle } from '../../verify/index.js';
import { onPath } from './disclosure.js';

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

type Chains = Map<string, readonly SealedEvent[]>;

/** buildBundle: the bundle of `code` at the committed head, public (`redact`) or full; undefined for an unknown code. */
export async function buildBundle(
  sources: BundleSources,
  code: string,
  redact: boolean,
  limits: BundleLimits = {},
): Promise<ProofBundle | undefined> {
  const { read, head } = sources;
  const lineage = read.lineage(code, 'backward', { maxDepth: 100_000, maxNodes: limits.maxLots ?? 2000 });
  if (!lineage) return undefined;
  const { chains, truncated } = await readChains({ store: sources.store, size: head.size }, lineage.nodes, limits.maxEvents ?? 20_000);
  const lots = new Set(chains.keys());
  const byPosition = new Map<number, SealedEvent>();
  for (const chain of chains.values()) for (const event of chain) byPosition.set(event.position, event);
  const events = [...byPosition.values()]
    .sort((a, b) => a.position - b.position)
    .map((event): BundleEntry => {
      const inclusion = sources.inclusionProof(event.position, head.size);
      const { hash, ...body } = event;
      if (!redact || onPath(event, lots)) {
        return { position: event.position, hash, inclusion, event: { ...body, tags: [...body.tags], prev: [...body.prev] } };
      }
      return { position: event.position, hash, prev: [...event.prev], inclusion };
    });
  return {
    format: BUNDLE_FORMAT,
    code: lineage.root,
    checkpoint: head.note,
    size: head.size,
    lots: [...lots],
    chains: Object.fromEntries([...chains].map(([lot, chain]) => [lot, chain.map((event) => event.position)])),
    events,
    truncated: truncated || lineage.truncated,
  };
}

/**
 * readLineageChains: every event of every lot in `code`'s upstream lineage below `size`, in log
 * order, with the lineage's lots (the EPCIS export of a code reads what its bundle would).
 */
export async function readLineageChains(
  sources: { readonly read: ReadModel; readonly store: EventStore },
  code: string,
  size: number,
  limits: BundleLimits = {},
): Promise<{ lots: Set<string>; events: SealedEvent[]; truncated: boolean } | undefined> {
  const lineage = sources.read.lineage(code, 'backward', { maxDepth: 100_000, maxNodes: limits.maxLots ?? 2000 });
  if (!lineage) return undefined;
  const { chains, truncated } = await readChains({ store: sources.store, size }, lineage.nodes, limits.maxEvents ?? 20_000);
  const byPosition = new Map<number, SealedEvent>();
  for (const chain of chains.values()) for (const event of chain) byPosition.set(event.position, event);
  return {
    lots: new Set(chains.keys()),
    events: [...byPosition.values()].sort((a, b) => a.position - b.position),
    truncated: truncated || lineage.truncated,
  };
}

/** readChains reads each lineage lot's chain up to the head, in lineage order, leaving out whole lots past `maxEvents`. */
async function readChains(
  { store, size }: { readonly store: EventStore; readonly size: number },
  nodes: readonly { readonly code: string }[],
  maxEvents: number,
): Promise<{ chains: Chains; truncated: boolean }> {
  const chains: Chains = new Map();
  const seen = new Set<number>();
  let truncated = false;
  for (const node of nodes) {
    const chain = (await store.readByTag(lotTag(node.code))).filter((event) => event.position < size);
    const added = chain.filter((event) => !seen.has(event.position)).length;
    if (chains.size > 0 && seen.size + added > maxEvents) {
      truncated = true;
      continue;
    }
    chains.set(node.code, chain);
    for (const event of chain) seen.add(event.position);
  }
  return { chains, truncated };
}
