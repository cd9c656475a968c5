/**
 * Reads an `strace -f -tt -y -s <page> -e trace=pwrite64,write,writev,fsync,fdatasync`
 * log of the durability child and checks, for every acknowledgement it
 * wrote (`write(1, "ACK <hash>\n")`), that
 *   1. a write to the database's WAL file carrying the event's hash came before it, and
 *   2. no WAL write was left unsynced: an fsync/fdatasync of the WAL returned
 *      after the last WAL write and before the acknowledgement left.
 * Together: the batch's pages and its commit frame were on disk before the
 * answer. Lines are taken in log order; an interrupted call (`<unfinished ...>`)
 * counts as written at its start and, for a sync, as done at its `resumed` line.
 */

export interface DurabilityVerdict {
  readonly acks: number;
  readonly walWrites: number;
  readonly walSyncs: number;
  /** The first violations found (at most 10), each naming the hash and what was missing. */
  readonly violations: readonly string[];
}

const CALL = /^\d+\s+[\d:.]+\s+(\w+)\((\d+)<([^>]*)>(.*)$/;
const RESUMED = /^\d+\s+[\d:.]+\s+<\.\.\. (\w+) resumed>/;

export function checkAckDurability(trace: string, walSuffix = '-wal'): DurabilityVerdict {
  const hashesWritten = new Set<string>();
  let walWrites = 0;
  let walSyncs = 0;
  let acks = 0;
  let dirty = false;
  /** A WAL sync whose return is not yet in the log. */
  let syncInFlight = false;
  const violations: string[] = [];
  const hexRun = /[0-9a-f]{64,}/g;

  for (const line of trace.split('\n')) {
    const resumed = RESUMED.exec(line);
    if (resumed) {
      if ((resumed[1] === 'fsync' || resumed[1] === 'fdatasync') && syncInFlight) {
        syncInFlight = false;
        dirty = false;
      }
      continue;
    }
    const call = CALL.exec(line);
    if (!call) continue;
    const [, name, fd, path, rest] = call as unknown as [string, string, string, string, string];
    const onWal = path.endsWith(walSuffix);
    if ((name === 'pwrite64' || name === 'write' || name === 'writev') && onWal) {
      walWrites++;
      dirty = true;
      // A hex run may start with the digits of an escape before the hash (`\0001…`): take every 64-character window.
      for (const run of rest.match(hexRun) ?? []) for (let i = 0; i + 64 <= run.length; i++) hashesWritten.add(run.slice(i, i + 64));
    } else if ((name === 'fsync' || name === 'fdatasync') && onWal) {
      walSyncs++;
      if (rest.includes('<unfinished')) syncInFlight = true;
      else dirty = false;
    } else if (name === 'write' && fd === '1') {
      const ack = /^, "ACK ([0-9a-f]{64})\\n"/.exec(rest);
      if (!ack) continue;
      acks++;
      const hash = ack[1]!;
      if (violations.length >= 10) continue;
      if (!hashesWritten.has(hash)) violations.push(`ACK ${hash} left before any WAL write carried it`);
      else if (dirty) violations.push(`ACK ${hash} left while WAL writes were not yet fsynced`);
    }
  }
  return { acks, walWrites, walSyncs, violations };
}
