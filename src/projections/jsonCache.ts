/**
 * JsonCache keeps ready-made JSON text of recently served lots, so a hot
 * code is answered with one map lookup and no serialisation. Entries are
 * dropped when their lot changes; when full, the oldest entry goes (FIFO:
 * a hit costs no bookkeeping, and a hot lot pushed out is rebuilt once).
 */
export class JsonCache {
  private readonly entries = new Map<number, string>();

  constructor(private readonly capacity: number) {}

  get(key: number): string | undefined {
    return this.entries.get(key);
  }

  set(key: number, json: string): void {
    if (this.capacity <= 0) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, json);
  }

  delete(key: number): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
