/**
 * IsoTimes formats epoch milliseconds as Date#toISOString does, remembering
 * recent results: the events a rebuild applies mostly touch lots made
 * moments earlier, so the same few instants are formatted again and again.
 */
const SLOTS = 4096;

export class IsoTimes {
  private readonly instants: Float64Array = new Float64Array(SLOTS).fill(Number.NaN);
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');

  format(ms: number): string {
    const slot = (ms >>> 0) & (SLOTS - 1);
    if (this.instants[slot] === ms) return this.texts[slot]!;
    const text = Number.isFinite(ms) ? new Date(ms).toISOString() : '';
    this.instants[slot] = ms;
    this.texts[slot] = text;
    return text;
  }
}
