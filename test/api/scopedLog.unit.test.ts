/**
 * Issue 11 acceptance: a subscriber scoped to 4401 reads full bodies only of
 * the events touching 4401… (over /v1/log/events and /v1/log/stream), and
 * from the hashes it is given alone still verifies every signed checkpoint
 * and the consistency proofs between them; a regional admin cannot create a
 * nationwide log principal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MerkleTree, fromHex, openNote, parseCheckpoint, verifyConsistency, type Checkpoint } from '../../src/hash/index.js';
import { COOP, FARM, FURONG, MARKET, farmToCoop, lotBody, ok, principal, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { connectSse } from './support/sse.js';

interface Entry {
  readonly position: number;
  readonly hash: string;
  readonly type?: string;
  readonly tags?: readonly string[];
  readonly data?: Record<string, unknown>;
}

const SCOPE = '4401';
const GUANGZHOU_OPERATORS = new Set([FARM, COOP, MARKET]);

let h: Harness;
let keys: Keys;
let scopedSubscriber: string;
let scopedAuditor: string;
let gdAdmin: string;
/** Every checkpoint the log signed while the test wrote, as a monitor would have collected them. */
const checkpoints: Checkpoint[] = [];

async function collectCheckpoint(): Promise<void> {
  const note = (await h.call('GET', '/v1/log/checkpoint')).body;
  const checkpoint = parseCheckpoint(openNote(note, [h.ledger.vkey]).text);
  if (checkpoints.at(-1)?.size !== checkpoint.size) checkpoints.push(checkpoint);
}

async function readAll(key: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after = -1;
  for (;;) {
    const page = await ok(h.call('GET', `/v1/log/events?after=${after}&limit=7`, { key }));
    entries.push(...page.events);
    if (page.next === undefined) return entries;
    after = page.next;
  }
}

/**
 * touches4401 decides, from the full event and the events before it, whether
 * it touches Guangzhou: written apart from src/api/log/scope.ts so the test
 * does not check the code against itself.
 */
function touches4401(event: Entry, principalRegions: Map<string, string>): boolean {
  return event.tags!.some((tag) => {
    if (tag.startsWith('lot:')) return tag.slice('lot:'.length + 1, 'lot:'.length + 7).startsWith(SCOPE);
    if (tag.startsWith('operator:')) return GUANGZHOU_OPERATORS.has(tag.slice('operator:'.length));
    if (tag.startsWith('principal:')) return (principalRegions.get(tag.slice('principal:'.length)) ?? '').startsWith(SCOPE);
    return false;
  });
}

beforeAll(async () => {
  h = await harness();
  await collectCheckpoint();
  keys = await setUp(h);
  await collectCheckpoint();
  gdAdmin = await principal(h, { name: '广东管理员', role: 'admin', region: '44' });
  scopedSubscriber = await principal(h, { name: '广州市平台', role: 'subscriber', region: SCOPE });
  scopedAuditor = (await ok(h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: '广州审计', role: 'auditor', region: SCOPE } })))
    .key;
  await collectCheckpoint();
  await farmToCoop(h, keys);
  await collectCheckpoint();
  const hunanLot = { ...lotBody(300), origin: { region: FURONG, base: '芙蓉区蔬菜基地' } };
  await ok(h.call('POST', '/v1/lots', { key: keys.hunan, body: hunanLot }));
  await principal(h, { name: '湖南省监督员', role: 'inspector', region: '43' });
  await collectCheckpoint();
});
afterAll(() => h.close());

describe('a subscriber scoped to 4401', () => {
  it('reads full bodies of exactly the events touching 4401…, and { position, hash } of the rest', async () => {
    const whole = await readAll(h.adminKey);
    const principalRegions = new Map<string, string>();
    for (const event of whole) {
      if (event.type !== 'principal.created') continue;
      const data = event.data as { id: string; region?: string; operatorId?: string };
      const region = data.operatorId === undefined ? (data.region ?? '') : GUANGZHOU_OPERATORS.has(data.operatorId) ? SCOPE : '43';
      principalRegions.set(data.id, region);
    }
    for (const key of [scopedSubscriber, scopedAuditor]) {
      const scoped = await readAll(key);
      expect(scoped.map((entry) => entry.position)).toEqual(whole.map((event) => event.position));
      let disclosed = 0;
      for (const [index, entry] of scoped.entries()) {
        const event = whole[index]!;
        expect(entry.hash).toBe(event.hash);
        if (touches4401(event, principalRegions)) {
          expect(entry, `event ${event.position} (${event.type}) touches ${SCOPE}`).toEqual(event);
          disclosed += 1;
        } else {
          expect(entry, `event ${event.position} (${event.type}) is outside ${SCOPE}`).toEqual({
            position: event.position,
            hash: event.hash,
          });
        }
      }
      // Both kinds occur, or the test proves nothing.
      expect(disclosed).toBeGreaterThan(5);
      expect(scoped.length - disclosed).toBeGreaterThan(5);
    }
  });

  it('shows no full body of an event outside 4401: no Hunan lot, operator or principal', async () => {
    for (const entry of await readAll(scopedSubscriber)) {
      if (entry.type === undefined) continue;
      const text = JSON.stringify(entry);
      expect(text).not.toMatch(/"lot:[0-9]43/);
      expect(text).not.toMatch(/"region":"43/);
      expect(entry.tags!.length).toBeGreaterThan(0);
    }
  });

  it('rebuilds the Merkle tree from the hashes alone and verifies every signed checkpoint and consistency proof', async () => {
    expect(checkpoints.length).toBeGreaterThanOrEqual(4);
    const tree = new MerkleTree();
    for (const entry of await readAll(scopedSubscriber)) tree.append(fromHex(entry.hash));
    expect(tree.size).toBe(h.ledger.size);
    for (const checkpoint of checkpoints) {
      expect(Buffer.from(tree.root(checkpoint.size)).toString('hex'), `checkpoint at ${checkpoint.size}`).toBe(
        Buffer.from(checkpoint.root).toString('hex'),
      );
    }
    for (const [older, newer] of checkpoints.slice(1, -1).map((checkpoint, i) => [checkpoint, checkpoints[i + 2]!] as const)) {
      const { proof } = await ok(h.call('GET', `/v1/log/proof/consistency?from=${older.size}&to=${newer.size}`));
      expect(verifyConsistency(older.size, newer.size, older.root, newer.root, proof.map(fromHex))).toBe(true);
    }
  });

  it('follows the stream with the same disclosure: withheld events carry only position and hash', async () => {
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const expected = await readAll(scopedSubscriber);
    const received: Entry[] = [];
    const events: { event?: string; id?: string }[] = [];
    let finish: () => void = () => {};
    const complete = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const connection = await connectSse(`${base}/v1/log/stream`, { authorization: `Bearer ${scopedSubscriber}` }, (event) => {
      events.push(event);
      received.push(JSON.parse(event.data) as Entry);
      if (received.length === expected.length) finish();
    });
    await complete;
    connection.drop();
    expect(received).toEqual(expected);
    for (const [index, entry] of expected.entries()) {
      expect(events[index]!.id).toBe(String(entry.position));
      expect(events[index]!.event).toBe(entry.type ?? 'withheld');
    }
  });

  it('gets no withheld events when it filters, since a filter would match on what is withheld', async () => {
    const base = h.app.server.listening ? `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}` : '';
    expect(base).not.toBe('');
    const expected = (await readAll(scopedSubscriber)).filter((entry) => entry.type?.startsWith('lot.'));
    expect(expected.length).toBeGreaterThan(0);
    const received: Entry[] = [];
    let finish: () => void = () => {};
    const complete = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const connection = await connectSse(`${base}/v1/log/stream?types=lot.`, { authorization: `Bearer ${scopedSubscriber}` }, (event) => {
      received.push(JSON.parse(event.data) as Entry);
      if (received.length === expected.length) finish();
    });
    await complete;
    // A withheld event after the last Guangzhou lot event would arrive now, if it were sent.
    await new Promise((resolve) => setTimeout(resolve, 100));
    connection.drop();
    expect(received).toEqual(expected);
  });
});

describe('nationwide log principals', () => {
  it('still read every full body', async () => {
    const entries = await readAll(keys.subscriber);
    expect(entries.every((entry) => entry.type !== undefined)).toBe(true);
  });

  it('cannot be created by a regional admin (403, NationwideLogPrincipal); scoped ones only inside its region', async () => {
    for (const role of ['subscriber', 'auditor']) {
      await expectRefused(
        h,
        () => h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: '全国', role } }),
        403,
        'NationwideLogPrincipal',
        'region',
      );
    }
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: '湖南', role: 'subscriber', region: '43' } }),
      403,
      'OutOfRegion',
      'region',
    );
  });

  it('cannot be created by a nationwide admin other than the bootstrap admin', async () => {
    const nationalAdmin = await principal(h, { name: '全国管理员', role: 'admin' });
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals', { key: nationalAdmin, body: { name: '全国', role: 'subscriber' } }),
      403,
      'NationwideLogPrincipal',
      'region',
    );
  });
});
