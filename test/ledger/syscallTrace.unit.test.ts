import { describe, expect, it } from 'vitest';
import { checkAckDurability } from './support/syscallTrace.js';

const h = (c: string) => c.repeat(64);
const wal = '7</tmp/d/suyuan.db-wal>';
const out = '1<pipe:[99]>';
const lines = (...l: string[]) => l.map((x, i) => `123 10:00:00.${String(i).padStart(6, '0')} ${x}`).join('\n');
const walWrite = (hash: string) => `pwrite64(${wal}, "\\0\\0${hash}\\1", 4096, 32) = 4096`;
const ack = (hash: string) => `write(${out}, "ACK ${hash}\\n", 69) = 69`;

describe('checkAckDurability (the durability suite’s trace check)', () => {
  it('passes an acknowledgement after the WAL write carrying it and a sync', () => {
    const verdict = checkAckDurability(lines(walWrite(h('a')), `fdatasync(${wal}) = 0`, ack(h('a'))));
    expect(verdict).toEqual({ acks: 1, walWrites: 1, walSyncs: 1, violations: [] });
  });

  it('fails one that leaves before the sync (synchronous=OFF)', () => {
    const verdict = checkAckDurability(lines(walWrite(h('a')), ack(h('a')), `fdatasync(${wal}) = 0`));
    expect(verdict.violations).toEqual([`ACK ${h('a')} left while WAL writes were not yet fsynced`]);
  });

  it('fails one that leaves before its batch was written at all', () => {
    const verdict = checkAckDurability(lines(walWrite(h('a')), `fsync(${wal}) = 0`, ack(h('b')), walWrite(h('b'))));
    expect(verdict.violations).toEqual([`ACK ${h('b')} left before any WAL write carried it`]);
  });

  it('counts an interrupted sync as done only where it resumes', () => {
    const before = lines(walWrite(h('a')), `fdatasync(${wal} <unfinished ...>`, ack(h('a')), '<... fdatasync resumed>) = 0');
    expect(checkAckDurability(before).violations).toHaveLength(1);
    const after = lines(walWrite(h('a')), `fdatasync(${wal} <unfinished ...>`, '<... fdatasync resumed>) = 0', ack(h('a')));
    expect(checkAckDurability(after).violations).toEqual([]);
  });

  it('ignores syncs and writes of other files', () => {
    const verdict = checkAckDurability(lines(walWrite(h('a')), 'fsync(8</tmp/d/suyuan.db>) = 0', ack(h('a'))));
    expect(verdict.violations).toHaveLength(1);
  });
});
