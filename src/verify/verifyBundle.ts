/**
 * verifyBundle checks a proof bundle offline, trusting only the log's vkey:
 * 1. the checkpoint's signature, and its size and root;
 * 2. every entry's inclusion proof against that root (positions ascending, inside the checkpoint);
 * 3. every disclosed event's hash, recomputed from its canonical JSON;
 * 4. the `prev` links: for each lot the bundle says it holds whole, each
 *    entry links to the lot's previous entry, and the lot's first entry
 *    creates it (disclosed entries prove their links; redacted ones state them).
 */
import {
  LOT_TAG_PREFIX,
  checkInclusion,
  eventHash,
  fromHex,
  isSha256Hex,
  leafHash,
  openNote,
  parseCheckpoint,
  type HashedEventFields,
} from '../hash/index.js';
import { ProofBundleSchema, type BundleEntry } from './bundleSchema.js';

/**
 * BundleFailureReason says what failed: the bundle's shape ('not-a-bundle'),
 * its checkpoint ('checkpoint-signature', 'size-mismatch'), its lineage
 * ('code-not-in-lineage', 'lot-missing'), or an entry: 'order', 'outside-checkpoint',
 * 'entry-shape', 'inclusion' (the proof does not lead to the signed root; the
 * detail says how), 'position', 'canonical', 'hash-mismatch', 'not-created'
 * (a lot's first entry does not create it), 'prev-mismatch', 'prev-unaccounted'.
 */
export type BundleFailureReason =
  | 'not-a-bundle'
  | 'checkpoint-signature'
  | 'size-mismatch'
  | 'code-not-in-lineage'
  | 'lot-missing'
  | 'order'
  | 'outside-checkpoint'
  | 'entry-shape'
  | 'inclusion'
  | 'position'
  | 'canonical'
  | 'hash-mismatch'
  | 'not-created'
  | 'prev-mismatch'
  | 'prev-unaccounted';

export type BundleVerdict =
  | {
      readonly ok: true;
      readonly code: string;
      readonly size: number;
      readonly events: number;
      readonly disclosed: number;
      readonly redacted: number;
      readonly lots: number;
    }
  | { readonly ok: false; readonly reason: BundleFailureReason; readonly detail: string; readonly position?: number };

type Failure = { readonly reason: BundleFailureReason; readonly detail: string };
type EntryFields = { readonly tags: readonly string[]; readonly prev: readonly string[] };

const failure = (reason: BundleFailureReason, detail: string): Failure => ({ reason, detail });

/** verifyBundle checks `input` (parsed JSON) as a proof bundle signed with `vkey`. Never throws. */
export function verifyBundle(input: unknown, vkey: string): BundleVerdict {
  const parsed = ProofBundleSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'not-a-bundle', detail: `not a proof bundle: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  }
  const bundle = parsed.data;
  let size: number;
  let root: Uint8Array;
  try {
    ({ size, root } = parseCheckpoint(openNote(bundle.checkpoint, [vkey]).text));
  } catch (error) {
    return { ok: false, reason: 'checkpoint-signature', detail: `checkpoint: ${(error as Error).message}` };
  }
  if (size !== bundle.size) {
    return { ok: false, reason: 'size-mismatch', detail: `the bundle says size ${bundle.size}, the signed checkpoint ${size}` };
  }
  const whole = new Set(bundle.lots);
  if (!whole.has(bundle.code)) {
    return { ok: false, reason: 'code-not-in-lineage', detail: `the lineage does not include the code ${bundle.code} itself` };
  }
  const heads = new Map<string, string>();
  let last = -1;
  let disclosed = 0;
  for (const entry of bundle.events) {
    const broken = entryFailure(entry, last, size, root) ?? chainFailure(entry, whole, heads);
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
  return {
    ok: true,
    code: bundle.code,
    size,
    events: bundle.events.length,
    disclosed,
    redacted: bundle.events.length - disclosed,
    lots: whole.size,
  };
}

/** entryFailure checks one entry on its own: order, inclusion in the signed tree, shape and recomputed hash. */
function entryFailure(entry: BundleEntry, last: number, size: number, root: Uint8Array): Failure | undefined {
  if (entry.position <= last) return failure('order', 'entries are not in ascending position order');
  if (entry.position >= size) return failure('outside-checkpoint', `position ${entry.position} is outside the checkpoint (size ${size})`);
  if (!entry.inclusion.every(isSha256Hex)) return failure('inclusion', 'inclusion proof elements must be 32-byte hex');
  const included = checkInclusion(leafHash(fromHex(entry.hash)), entry.position, size, entry.inclusion.map(fromHex), root);
  if (!included.ok) return failure('inclusion', `inclusion proof does not lead to the signed root (${included.reason})`);
  const shape = shapeFailure(entry);
  if (shape) return shape;
  if (!entry.event) return undefined;
  let recomputed: string;
  try {
    recomputed = eventHash(entry.event as HashedEventFields);
  } catch (error) {
    return failure('canonical', `event cannot be canonicalised: ${(error as Error).message}`);
  }
  return recomputed === entry.hash ? undefined : failure('hash-mismatch', `event hash is ${recomputed}, the bundle says ${entry.hash}`);
}

function shapeFailure(entry: BundleEntry): Failure | undefined {
  if (entry.event) {
    if (entry.redacted) return failure('entry-shape', 'an entry is either disclosed or redacted, not both');
    if (entry.event.position !== entry.position) return failure('position', `the event says position ${entry.event.position}`);
    return undefined;
  }
  if (!entry.redacted || !entry.tags || !entry.prev) return failure('entry-shape', 'a redacted entry needs its tags and prev');
  return undefined;
}

/** fieldsOf: the tags and prev of an entry that passed shapeFailure. */
function fieldsOf(entry: BundleEntry): EntryFields {
  if (entry.event) return { tags: entry.event.tags, prev: entry.event.prev };
  return { tags: entry.tags ?? [], prev: entry.prev ?? [] };
}

/** chainFailure says why an entry's prev does not continue the chains of the lots held whole, or undefined. */
function chainFailure(entry: BundleEntry, whole: ReadonlySet<string>, heads: ReadonlyMap<string, string>): Failure | undefined {
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

/** creates: the event makes lot `code` (commissioned, shipped as the child, or a processing output). */
function creates(event: NonNullable<BundleEntry['event']>, code: string): boolean {
  const data = event.data as { code?: string; childCode?: string; outputs?: { code?: string }[] } | null;
  switch (event.type) {
    case 'lot.commissioned':
      return data?.code === code;
    case 'lot.shipped':
      return data?.childCode === code;
    case 'lot.processed':
      return Array.isArray(data?.outputs) && data.outputs.some((output) => output?.code === code);
    default:
      return false;
  }
}
