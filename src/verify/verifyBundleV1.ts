/**
 * verifyBundleV1 checks a format-1 bundle (already parsed): inclusion of every
 * entry, the hash of every disclosed one, and the `prev` links of each lot
 * held whole, where redacted entries state their tags and prev.
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
import type { BundleEntryV1, ProofBundleV1 } from './bundleSchemaV1.js';

type EntryFields = { readonly tags: readonly string[]; readonly prev: readonly string[] };

/** verifyBundleV1 verifies `bundle` against `vkey`. Never throws. */
export function verifyBundleV1(bundle: ProofBundleV1, vkey: string): BundleVerdict {
  const tree = openCheckpoint(bundle.checkpoint, bundle.size, vkey);
  if ('reason' in tree) return { ok: false, ...tree };
  const whole = new Set(bundle.lots);
  if (!whole.has(bundle.code)) {
    return { ok: false, reason: 'code-not-in-lineage', detail: `the lineage does not include the code ${bundle.code} itself` };
  }
  const heads = new Map<string, string>();
  let last = -1;
  let disclosed = 0;
  for (const entry of bundle.events) {
    const broken = entryFailure(entry, last, tree) ?? chainFailure(entry, whole, heads);
    if (broken) return { ok: false, ...broken, position: entry.position };
    last = entry.position;
    if (entry.event) disclosed++;
    for (const tag of fieldsOf(entry).tags) if (tag.startsWith(LOT_TAG_PREFIX)) heads.set(tag, entry.hash);
  }
  for (const code of whole) {
    if (!heads.has(LOT_TAG_PREFIX + code)) {
      return { ok: false, reason: 'lot-missing', detail: `lot ${code} is listed as whole but has no events in the bundle` };
    }
  }
  const events = bundle.events.length;
  return {
    ok: true,
    format: bundle.format,
    code: bundle.code,
    size: tree.size,
    events,
    disclosed,
    redacted: events - disclosed,
    lots: whole.size,
  };
}

function entryFailure(entry: BundleEntryV1, last: number, tree: SignedTree): Failure | undefined {
  const outside = inclusionFailure(entry, last, tree);
  if (outside) return outside;
  if (entry.event) {
    if (entry.redacted) return failure('entry-shape', 'an entry is either disclosed or redacted, not both');
    return hashFailure(entry.event, entry.position, entry.hash);
  }
  if (!entry.redacted || !entry.tags || !entry.prev) return failure('entry-shape', 'a redacted entry needs its tags and prev');
  return undefined;
}

/** fieldsOf: the tags and prev of an entry that passed entryFailure. */
function fieldsOf(entry: BundleEntryV1): EntryFields {
  if (entry.event) return { tags: entry.event.tags, prev: entry.event.prev };
  return { tags: entry.tags ?? [], prev: entry.prev ?? [] };
}

/** chainFailure says why an entry's prev does not continue the chains of the lots held whole, or undefined. */
function chainFailure(entry: BundleEntryV1, whole: ReadonlySet<string>, heads: ReadonlyMap<string, string>): Failure | undefined {
  const { tags, prev } = fieldsOf(entry);
  const expected = new Set<string>();
  let others = 0;
  for (const tag of tags) {
    if (!tag.startsWith(LOT_TAG_PREFIX)) continue;
    const code = tag.slice(LOT_TAG_PREFIX.length);
    if (!whole.has(code)) {
      others++;
      continue;
    }
    const head = heads.get(tag);
    if (head !== undefined) expected.add(head);
    else if (entry.event && !creates(entry.event, code)) {
      return failure('not-created', `the first event of lot ${code} in the bundle does not create it`);
    }
  }
  for (const hash of expected) {
    if (!prev.includes(hash)) return failure('prev-mismatch', `prev does not link to the previous event of its lot (${hash})`);
  }
  const extra = new Set(prev.filter((hash) => !expected.has(hash))).size;
  if (extra > others) return failure('prev-unaccounted', 'prev links to events the bundle does not account for');
  return undefined;
}
