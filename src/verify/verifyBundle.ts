/**
 * verifyBundle checks a proof bundle offline, trusting only the log's vkey:
 * 1. the checkpoint's signature, and its size and root;
 * 2. every entry's inclusion proof against that root (positions ascending, inside the checkpoint);
 * 3. every disclosed event's hash, recomputed from its canonical JSON;
 * 4. each lot's chain (`chains`, format 2): every listed position has an
 *    entry and every entry is in a chain; each member's `prev` holds the hash
 *    of the member before it; a disclosed first member creates the lot; a
 *    disclosed event that tags a whole lot is in that lot's chain, and its
 *    `prev` names nothing the chains do not account for.
 * What it cannot check: the `prev` of a minimal entry is stated, not proved
 * (its body is withheld), so a minimal first member is not shown to create
 * its lot; and events a lot had after the last one listed are not known.
 * Format-1 bundles are checked by verifyBundleV1.
 */
import { LOT_TAG_PREFIX } from '../hash/index.js';
import {
  creates,
  failure,
  hashFailure,
  inclusionFailure,
  openCheckpoint,
  type BundleVerdict,
  type Failure,
  type SignedTree,
} from './bundleChecks.js';
import { ProofBundleSchema, isDisclosed, type BundleEntry, type DisclosedEntry, type ProofBundle } from './bundleSchema.js';
import { ProofBundleV1Schema } from './bundleSchemaV1.js';
import { verifyBundleV1 } from './verifyBundleV1.js';

export type { BundleFailureReason, BundleVerdict } from './bundleChecks.js';

/** verifyBundle checks `input` (parsed JSON) as a proof bundle signed with `vkey`. Never throws. */
export function verifyBundle(input: unknown, vkey: string): BundleVerdict {
  const v1 = (input as { format?: unknown } | null)?.format === 'suyuan-proof-bundle/1';
  const parsed = (v1 ? ProofBundleV1Schema : ProofBundleSchema).safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'not-a-bundle', detail: `not a proof bundle: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  }
  if (parsed.data.format === 'suyuan-proof-bundle/1') return verifyBundleV1(parsed.data, vkey);
  const bundle = parsed.data;
  const tree = openCheckpoint(bundle.checkpoint, bundle.size, vkey);
  if ('reason' in tree) return { ok: false, ...tree };
  const broken = lotsFailure(bundle) ?? entriesFailure(bundle.events, tree) ?? chainsFailure(bundle);
  if (broken) return { ok: false, ...broken };
  const disclosed = bundle.events.filter(isDisclosed).length;
  const events = bundle.events.length;
  return {
    ok: true,
    format: bundle.format,
    code: bundle.code,
    size: tree.size,
    events,
    disclosed,
    redacted: events - disclosed,
    lots: bundle.lots.length,
  };
}

/** lotsFailure: the code is among the lots, and `chains` holds a non-empty chain for exactly the lots listed. */
function lotsFailure(bundle: ProofBundle): Failure | undefined {
  const whole = new Set(bundle.lots);
  if (!whole.has(bundle.code)) return failure('code-not-in-lineage', `the lineage does not include the code ${bundle.code} itself`);
  for (const code of whole) {
    const chain = bundle.chains[code];
    if (!chain) return failure('chain-missing', `lot ${code} is listed as whole but has no chain`);
    if (chain.length === 0) return failure('lot-missing', `lot ${code} is listed as whole but has no events in the bundle`);
  }
  const stray = Object.keys(bundle.chains).find((code) => !whole.has(code));
  return stray === undefined ? undefined : failure('chain-missing', `the bundle has a chain for lot ${stray}, which it does not list`);
}

/** entriesFailure checks each entry on its own: order, inclusion in the signed tree, recomputed hash if disclosed. */
function entriesFailure(entries: readonly BundleEntry[], tree: SignedTree): Failure | undefined {
  let last = -1;
  for (const entry of entries) {
    const broken =
      inclusionFailure(entry, last, tree) ?? (isDisclosed(entry) ? hashFailure(entry.event, entry.position, entry.hash) : undefined);
    if (broken) return { ...broken, position: entry.position };
    last = entry.position;
  }
  return undefined;
}

/** chainsFailure checks the chains of the lots held whole against the entries (see the file comment, step 4). */
function chainsFailure(bundle: ProofBundle): Failure | undefined {
  const whole = new Set(bundle.lots);
  const byPosition = new Map(bundle.events.map((entry) => [entry.position, entry]));
  // For each entry, the hash of its predecessor in each chain it belongs to (undefined: it is the chain's first).
  const predecessors = new Map<number, Map<string, string | undefined>>();
  for (const [code, chain] of Object.entries(bundle.chains)) {
    let before: BundleEntry | undefined;
    for (const position of chain) {
      if (before && position <= before.position)
        return failure('chain-order', `the chain of lot ${code} is not in ascending order`, position);
      const entry = byPosition.get(position);
      if (!entry)
        return failure('chain-entry-missing', `the chain of lot ${code} names position ${position}, which has no entry`, position);
      const linked = linkFailure(entry, code, before?.hash);
      if (linked) return { ...linked, position };
      const members = predecessors.get(position) ?? new Map<string, string | undefined>();
      members.set(code, before?.hash);
      predecessors.set(position, members);
      before = entry;
    }
  }
  for (const entry of bundle.events) {
    const members = predecessors.get(entry.position);
    if (!members) return failure('entry-unaccounted', 'the entry is in no lot chain', entry.position);
    const broken = isDisclosed(entry) ? prevAccountingFailure(entry, members, whole) : undefined;
    if (broken) return { ...broken, position: entry.position };
  }
  return undefined;
}

/** linkFailure: `entry`, a member of lot `code`'s chain, links to the member before it (or, disclosed and first, creates the lot). */
function linkFailure(entry: BundleEntry, code: string, before: string | undefined): Failure | undefined {
  const disclosed = isDisclosed(entry);
  if (disclosed && !entry.event.tags.includes(LOT_TAG_PREFIX + code)) {
    return failure('chain-incomplete', `the chain of lot ${code} lists an event that does not tag it`);
  }
  if (before === undefined) {
    return !disclosed || creates(entry.event, code)
      ? undefined
      : failure('not-created', `the first event of lot ${code} in the bundle does not create it`);
  }
  const prev = disclosed ? entry.event.prev : entry.prev;
  return prev.includes(before)
    ? undefined
    : failure('prev-mismatch', `prev does not link to the previous event of lot ${code} (${before})`);
}

/**
 * prevAccountingFailure: a disclosed event that tags a whole lot is in its chain,
 * and each of its `prev` links is a chain predecessor or belongs to a lot the bundle does not hold whole.
 */
function prevAccountingFailure(
  entry: DisclosedEntry,
  members: ReadonlyMap<string, string | undefined>,
  whole: ReadonlySet<string>,
): Failure | undefined {
  const lots = entry.event.tags.filter((tag) => tag.startsWith(LOT_TAG_PREFIX)).map((tag) => tag.slice(LOT_TAG_PREFIX.length));
  const missing = lots.find((code) => !members.has(code) && whole.has(code));
  if (missing !== undefined) return failure('chain-incomplete', `the event tags lot ${missing} but is not in its chain`);
  const expected = new Set([...members.values()].filter((hash) => hash !== undefined));
  const others = lots.filter((code) => !whole.has(code)).length;
  const extra = new Set(entry.event.prev.filter((hash) => !expected.has(hash))).size;
  return extra > others ? failure('prev-unaccounted', 'prev links to events the bundle does not account for') : undefined;
}
