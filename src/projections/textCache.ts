/**
 * TextCache keeps JSON answers (strings) by key within a byte budget and an
 * entry count, dropping the oldest entries first (FIFO: a hit costs no
 * bookkeeping; a hot entry pushed out is rebuilt once). A text larger than a
 * quarter of the budget is never kept, so one huge answer (a lineage of a
 * million lots) cannot flush everything else. Sizes count UTF-16 code units
 * twice, which is what V8 keeps for a string that is not pure Latin-1: an
 * upper bound, so the budget holds.
 */
export interface TextCacheLimits {
  /** Entries kept at most; 0 keeps nothing. */
  readonly entries: number;
  /** Bytes of text kept at most. */
  readonly bytes: number;
}

export class TextCache<Key> {
  private readonly texts = new Map<Key, string>();
  private used = 0;

  /** onDrop hears of every key dropped to make room or by delete/clear (not of a key replaced by set). */
  constructor(
    private readonly limits: TextCacheLimits,
    private readonly onDrop: (key: Key) => void = () => {},
  ) {}

  get(key: Key): string | undefined {
    return this.texts.get(key);
  }

  /** set keeps `text` under `key` if it fits the limits; it answers whether it was kept. */
  set(key: Key, text: string): boolean {
    const cost = text.length * 2;
    if (this.limits.entries <= 0 || cost > this.limits.bytes / 4) return false;
    const old = this.texts.get(key);
    if (old !== undefined) {
      this.texts.delete(key);
      this.used -= old.length * 2;
    }
    while (this.texts.size > 0 && (this.texts.size >= this.limits.entries || this.used + cost > this.limits.bytes)) {
      this.delete(this.texts.keys().next().value!);
    }
    this.texts.set(key, text);
    this.used += cost;
    return true;
  }

  delete(key: Key): void {
    const text = this.texts.get(key);
    if (text === undefined) return;
    this.texts.delete(key);
    this.used -= text.length * 2;
    this.onDrop(key);
  }

  clear(): void {
    for (const key of [...this.texts.keys()]) this.delete(key);
  }

  get size(): number {
    return this.texts.size;
  }

  /** Bytes held (see the class comment for how they are counted). */
  get bytes(): number {
    return this.used;
  }
}
