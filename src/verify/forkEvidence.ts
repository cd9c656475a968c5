/**
 * Fork evidence (issue 16): proof, checkable with the log's public key alone, that one log key
 * signed two histories that cannot both be prefixes of one append-only log. Two checkpoint notes
 * signed by the key, and, when their sizes differ, the root of the longer history's first
 * `shorter.size` leaves with a consistency proof from it to the longer checkpoint: if that root is
 * not the shorter checkpoint's root, the key vouched for two different trees of the same size.
 */
import { checkConsistency, checkNote, fromHex, parseCheckpoint, toHex } from '../hash/index.js';

export type ForkEvidence = {
  readonly format: 'suyuan-fork-evidence/1';
  /** The log's origin line, as both notes carry it. */
  readonly origin: string;
  /** Two checkpoint notes signed by the log key. */
  readonly notes: readonly [string, string];
  /** When their sizes differ: the longer history's root at the shorter size, and the proof that it is a prefix of the longer. */
  readonly prefix?: { readonly size: number; readonly root: string; readonly consistency: readonly string[] };
  /** When and where the node saw them (not part of what is proved). */
  readonly seenAt?: string;
  readonly source?: string;
};

export type ForkVerdict =
  | { readonly ok: true; readonly origin: string; readonly sizes: readonly [number, number] }
  | { readonly ok: false; readonly detail: string };

/** verifyForkEvidence: whether `evidence` proves a fork of the log with vkey `vkey`. Never throws. */
export function verifyForkEvidence(evidence: unknown, vkey: string): ForkVerdict {
  try {
    const { notes, prefix } = evidence as ForkEvidence;
    if (!Array.isArray(notes) || notes.length !== 2) return { ok: false, detail: 'evidence needs exactly two checkpoint notes' };
    const opened = notes.map((note) => checkNote(String(note), [vkey]));
    const bad = opened.find((verdict) => !verdict.ok);
    if (bad && !bad.ok) return { ok: false, detail: `a note does not verify with the log key: ${bad.detail}` };
    const [a, b] = opened.map((verdict) => parseCheckpoint((verdict as { text: string }).text));
    if (a!.origin !== b!.origin) return { ok: false, detail: 'the notes are checkpoints of two different logs' };
    const [shorter, longer] = a!.size <= b!.size ? [a!, b!] : [b!, a!];
    if (shorter.size === longer.size) {
      return toHex(shorter.root) !== toHex(longer.root)
        ? { ok: true, origin: a!.origin, sizes: [shorter.size, longer.size] }
        : { ok: false, detail: 'the two checkpoints are of one tree (same size, same root)' };
    }
    if (!prefix || prefix.size !== shorter.size)
      return { ok: false, detail: `evidence needs the longer tree's root at size ${shorter.size}` };
    const root = fromHex(prefix.root);
    if (toHex(root) === toHex(shorter.root)) return { ok: false, detail: "the longer tree's prefix is the shorter tree: no fork" };
    const proof = prefix.consistency.map((node) => fromHex(node));
    const consistent = checkConsistency(shorter.size, longer.size, root, longer.root, proof);
    if (!consistent.ok) return { ok: false, detail: `the prefix root is not proved part of the longer tree (${consistent.reason})` };
    return { ok: true, origin: a!.origin, sizes: [shorter.size, longer.size] };
  } catch (error) {
    return { ok: false, detail: `malformed evidence: ${(error as Error).message}` };
  }
}
