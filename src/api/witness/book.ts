/**
 * The witnesses' cosignatures an upstream log holds (issue 16): for each configured witness
 * (SUYUAN_WITNESSES), its latest cosignature line and the checkpoint size it covers. The log
 * serves its checkpoint with the lines of every witness that cosigned that size. Kept in a file
 * of the data directory, so a restart still shows what was witnessed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { checkCosignatures, type Cosigner, parseCosigner, parseNote } from '../../hash/index.js';

export interface Witnessed {
  readonly name: string;
  readonly size: number;
  readonly timestamp: number;
  readonly line: string;
  /** SHA-256 of the checkpoint text it cosigns: a line is served only with that very checkpoint. */
  readonly text?: string;
}

const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export class CosignatureBook {
  readonly cosigners: readonly Cosigner[];
  private readonly latest = new Map<string, Witnessed>();

  /** `vkeys`: the witnesses' keys (cosigner 0x04 or log 0x01 form); `file`: where to keep what they sent. */
  constructor(
    vkeys: readonly string[],
    private readonly file?: string,
  ) {
    this.cosigners = vkeys.map(parseCosigner);
    if (file && existsSync(file)) {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as Witnessed[];
      for (const entry of kept) if (this.cosigners.some((cosigner) => cosigner.name === entry.name)) this.latest.set(entry.name, entry);
    }
  }

  /**
   * accept checks `note` (this log's checkpoint of `size`, as `stored`, with cosignature lines)
   * and keeps each configured witness's verified line: what it accepted, or why nothing.
   */
  accept(note: string, stored: { note: string; size: number }): { ok: true; accepted: Witnessed[] } | { ok: false; detail: string } {
    let text: string;
    try {
      text = parseNote(note).text;
    } catch (error) {
      return { ok: false, detail: `not a signed note: ${(error as Error).message}` };
    }
    if (text !== parseNote(stored.note).text)
      return { ok: false, detail: `the cosigned text is not this log's checkpoint of size ${stored.size}` };
    const verdict = checkCosignatures(note, this.cosigners);
    if (!verdict.ok) return { ok: false, detail: verdict.detail };
    if (verdict.cosignatures.length === 0) return { ok: false, detail: 'no cosignature by a witness this log accepts (SUYUAN_WITNESSES)' };
    const accepted: Witnessed[] = [];
    for (const cosignature of verdict.cosignatures) {
      const before = this.latest.get(cosignature.name);
      // A witness only moves forward: an older size never replaces what it cosigned later.
      if (before && before.size > stored.size) continue;
      const entry = {
        name: cosignature.name,
        size: stored.size,
        timestamp: cosignature.timestamp,
        line: cosignature.line,
        text: textHash(text),
      };
      this.latest.set(cosignature.name, entry);
      accepted.push(entry);
    }
    this.save();
    return { ok: true, accepted };
  }

  /**
   * linesFor: the cosignature lines of the witnesses that cosigned the checkpoint `note` (its very
   * text, not only its size: a checkpoint of the same size signed again, after a restore, is not theirs).
   */
  linesFor(note: string): string[] {
    let text: string;
    try {
      text = textHash(parseNote(note).text);
    } catch {
      return [];
    }
    return [...this.latest.values()].filter((entry) => entry.text === text).map((entry) => entry.line);
  }

  /** all: every witness's latest cosignature. */
  all(): Witnessed[] {
    return [...this.latest.values()];
  }

  private save(): void {
    if (!this.file) return;
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.all()));
    renameSync(temporary, this.file);
  }
}
