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
  eventHash,
  fromHex,
  leafHash,
  openNote,
  parseCheckpoint,
  verifyInclusion,
  type HashedEventFields,
} from '../../hash/index.js';
import { ProofBundleSchema, type BundleEntry } from './types.js';

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
  | { readonly ok: false; readonly reason: string; readonly position?: number };

const HEX64 = /^[0-9a-f]{64}$/;

export function verifyBundle(input: unknown, vkey: string): BundleVerdict {
  const parsed = ProofBundleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: `not a proof bundle: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  const bundle = parsed.data;
  let size: number;
  let root: Uint8Array;
  try {
    ({ size, root } = parseCheckpoint(openNote(bundle.checkpoint, [vkey]).text));
  } catch (error) {
    return { ok: false, reason: `checkpoint: ${(error as Error).message}` };
  }
  if (size !== bundle.size) return { ok: false, reason: `the bundle says size ${bundle.size}, the signed checkpoint ${size}` };
  const whole = new Set(bundle.lots);
  if (!whole.has(bundle.code)) return { ok: false, reason: `the lineage does not include the code ${bundle.code} itself` };
  const heads = new Map<string, string>();
  let last = -1;
  let disclosed = 0;
  for (const entry of bundle.events) {
    const fail = (reason: string): BundleVerdict => ({ ok: false, reason, position: entry.position });
    if (entry.position <= last) return fail('entries are not in ascending position order');
    last = entry.position;
    if (entry.position >= size) return fail(`position ${entry.position} is outside the checkpoint (size ${size})`);
    if (!entry.inclusion.every((hash) => HEX64.test(hash))) return fail('inclusion proof elements must be 32-byte hex');
    const proof = entry.inclusion.map(fromHex);
    if (!verifyInclusion(leafHash(fromHex(entry.hash)), entry.position, size, proof, root)) {
      return fail('inclusion proof does not lead to the signed root');
    }
    const fields = fieldsOf(entry);
    if (typeof fields === 'string') return fail(fields);
    if (entry.event) {
      disclosed++;
      let recomputed: string;
      try {
        recomputed = eventHash(entry.event as HashedEventFields);
      } catch (error) {
        return fail(`event cannot be canonicalised: ${(error as Error).message}`);
      }
      if (recomputed !== entry.hash) return fail(`event hash is ${recomputed}, the bundle says ${entry.hash}`);
    }
    const broken = chainBreak(entry, fields, whole, heads);
    if (broken) return fail(broken);
    for (const tag of fields.tags) if (tag.startsWith(LOT_TAG_PREFIX)) heads.set(tag, entry.hash);
  }
  for (const code of whole) {
    if (!heads.has(LOT_TAG_PREFIX + code)) return { ok: false, reason: `lot ${code} is listed as whole but has no events in the bundle` };
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

function fieldsOf(entry: BundleEntry): { tags: readonly string[]; prev: readonly string[] } | string {
  if (entry.event) {
    if (entry.redacted) return 'an entry is either disclosed or redacted, not both';
    if (entry.event.position !== entry.position) return `the event says position ${entry.event.position}`;
    return { tags: entry.event.tags, prev: entry.event.prev };
  }
  if (!entry.redacted || !entry.tags || !entry.prev) return 'a redacted entry needs its tags and prev';
  return { tags: entry.tags, prev: entry.prev };
}

/** chainBreak says why an entry's prev does not continue the chains of the lots held whole, or undefined. */
function chainBreak(
  entry: BundleEntry,
  { tags, prev }: { tags: readonly string[]; prev: readonly string[] },
  whole: ReadonlySet<string>,
  heads: ReadonlyMap<string, string>,
): string | undefined {
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
    else if (entry.event && !creates(entry.event, code)) return `the first event of lot ${code} in the bundle does not create it`;
  }
  for (const hash of expected) {
    if (!prev.includes(hash)) return `prev does not link to the previous event of its lot (${hash})`;
  }
  const extra = new Set(prev.filter((hash) => !expected.has(hash))).size;
  if (extra > others) return 'prev links to events the bundle does not account for';
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
