import { ChainHeads, MerkleTree, eventHash, formatCheckpoint, generateKey, signNote, type LoggedEvent } from '../../src/hash/index.js';

/** A small deterministic PRNG (mulberry32) so fixtures are reproducible from a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fixtureKey = generateKey('test.suyuan.example/log');

/** A signed random log: events over a few lots and operators, with correct hashes, prev links and checkpoint. */
export function randomLog(count: number, seed: number): { events: LoggedEvent[]; checkpoint: string; vkey: string } {
  const random = prng(seed);
  const heads = new ChainHeads();
  const tree = new MerkleTree();
  const events: LoggedEvent[] = [];
  const types = ['lot.commissioned', 'lot.shipped', 'lot.accepted', 'lot.recorded', 'operator.registered'];
  for (let position = 0; position < count; position++) {
    const lotCount = Math.floor(random() * 3);
    const tags = new Set<string>([`operator:op${Math.floor(random() * 5)}`]);
    for (let i = 0; i < lotCount; i++) tags.add(`lot:1440113${String(Math.floor(random() * 40)).padStart(13, '0')}`);
    const body = {
      v: 1 as const,
      position,
      type: types[Math.floor(random() * types.length)]!,
      time: new Date(Date.UTC(2026, 10, 29, 1, 0, 0, position)).toISOString(),
      actor: `op:op${Math.floor(random() * 5)}`,
      tags: [...tags],
      data: {
        quantity: { amount: Math.round(random() * 10_000) / 10, unit: 'kg' },
        product: { name: '荔枝', variety: '妃子笑' },
        note: `第${position}批`,
      },
      prev: heads.prevFor([...tags]),
    };
    const hash = eventHash(body);
    heads.advance(body.tags, hash);
    tree.append(Buffer.from(hash, 'hex'));
    events.push({ ...body, hash });
  }
  const checkpoint = signNote(formatCheckpoint({ origin: 'test.suyuan.example/log', size: count, root: tree.root() }), fixtureKey.skey);
  return { events, checkpoint, vkey: fixtureKey.vkey };
}
