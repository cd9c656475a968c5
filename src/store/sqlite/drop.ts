import type Database from 'better-sqlite3';
import { SignedEventsError } from '../errors.js';

/**
 * createDrop returns dropFrom for the SQLite adapter: one IMMEDIATE
 * transaction that checks no stored checkpoint signs the events, then
 * deletes their tag rows and the events. Tags go first so that a reader
 * never finds a tag row without its event.
 */
export function createDrop(db: Database.Database): (position: number) => number {
  const signedSize = db.prepare<[], number>('SELECT coalesce(max(size), 0) FROM checkpoints').pluck();
  const deleteTags = db.prepare<[number]>('DELETE FROM event_tags WHERE position >= ?');
  const deleteEvents = db.prepare<[number]>('DELETE FROM events WHERE position >= ?');
  const drop = db.transaction((position: number): number => {
    const signed = signedSize.get()!;
    if (signed > position) throw new SignedEventsError(position, signed);
    deleteTags.run(position);
    return deleteEvents.run(position).changes;
  });
  return (position) => drop.immediate(position);
}
