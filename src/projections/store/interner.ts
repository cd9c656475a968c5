import { canonicalJson } from '../../hash/index.js';

/**
 * Interner gives each distinct value a small integer id, so a column of ids
 * stands for a column of values that repeat (products, origins, operator
 * ids, dates, production records). Values are shared, never copied: treat
 * them as immutable.
 */
export class Interner<T> {
  private ids = new Map<string, number>();
  private values: T[] = [];
  /** Values loaded from a snapshot and not yet keyed: keyed on first use, to keep start-up fast. */
  private unkeyed = 0;

  /**
   * keyOf names a value: two values with the same key are the same value.
   * normalize makes the copy that is kept (e.g. with its keys in one order,
   * whichever order the event that brought it had).
   */
  constructor(
    private readonly keyOf: (value: T) => string,
    private readonly normalize: (value: T) => T = (value) => value,
  ) {}

  get size(): number {
    return this.values.length;
  }

  /** intern returns the id of `value`, adding it if new. */
  intern(value: T): number {
    if (this.unkeyed > 0) this.keyLoaded();
    const key = this.keyOf(value);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.values.length;
    this.values.push(this.normalize(value));
    this.ids.set(key, id);
    return id;
  }

  /**
   * internLike interns `value`, first trying the value with id `hint` (-1: none), which `same`
   * compares without building a key: a shipped lot mostly repeats its parent's product and
   * origin. `same(kept, value)` must hold exactly when the two values' keys are equal.
   */
  internLike(value: T, hint: number, same: (kept: T, value: T) => boolean): number {
    return hint >= 0 && hint < this.values.length && same(this.values[hint]!, value) ? hint : this.intern(value);
  }

  /** idOf returns the id of a value already interned, or -1. */
  idOf(value: T): number {
    if (this.unkeyed > 0) this.keyLoaded();
    return this.ids.get(this.keyOf(value)) ?? -1;
  }

  /** value returns the value of an id. Requires 0 <= id < size. */
  value(id: number): T {
    return this.values[id]!;
  }

  /** All values in id order (for snapshots). */
  all(): readonly T[] {
    return this.values;
  }

  /** load replaces the contents with `values` (as this interner kept them), ids in array order. */
  load(values: readonly T[]): void {
    this.ids = new Map();
    this.values = [...values];
    this.unkeyed = this.values.length;
  }

  private keyLoaded(): void {
    for (let id = 0; id < this.values.length; id++) {
      const key = this.keyOf(this.values[id]!);
      if (this.ids.has(key)) throw new Error('interner snapshot holds a value twice');
      this.ids.set(key, id);
    }
    this.unkeyed = 0;
  }
}

/** A pool of strings: the string is its own key. */
export const stringPool = (): Interner<string> => new Interner<string>((text) => text);

/**
 * An interner of JSON values keyed by their canonical JSON (RFC 8785: keys
 * sorted), keeping that canonical form: the same value read back from a
 * store and handed over by the writer interns once.
 */
export const jsonInterner = <T>(): Interner<T> =>
  new Interner<T>(
    (value) => canonicalJson(value),
    (value) => JSON.parse(canonicalJson(value)) as T,
  );
