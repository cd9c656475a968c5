import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, verifyPersonalCommitment } from '../../src/hash/index.js';
import type { SealedEvent } from '../../src/store/index.js';
import { farmToCoop, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let sold: string;
const BUYER = { name: '赵六', phone: '13712345678', address: '海珠区江南大道 8 号' };

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  const { coopLot } = await farmToCoop(h, keys);
  sold = (
    await ok(
      h.call('POST', `/v1/lots/${coopLot}/shipments`, {
        key: keys.coop,
        body: { to: { buyer: BUYER }, quantity: { amount: 5, unit: 'kg' } },
      }),
    )
  ).code;
});
afterAll(() => h.close());

const allEvents = async (): Promise<SealedEvent[]> => h.store.readFrom(0, 100_000);
const buyerRef = async (): Promise<{ ref: string; commitment: string }> =>
  (await ok(h.call('GET', `/v1/codes/${sold}`, { key: keys.auditor }))).buyer;

describe('personal data in the vault', () => {
  it('keeps the buyer out of every event, which is v2 and holds the ref and commitment', async () => {
    const events = await allEvents();
    const text = JSON.stringify(events);
    for (const value of Object.values(BUYER)) expect(text).not.toContain(value);
    expect(events.every((event) => event.v === 2)).toBe(true);
    const ref = await buyerRef();
    expect(text).toContain(ref.ref);
    for (const value of Object.values(BUYER)) expect((await h.call('GET', `/v1/codes/${sold}`)).body).not.toContain(value);
  });

  it('answers an authorised read with data and salt that verify against the log, and records it', async () => {
    const { ref, commitment } = await buyerRef();
    const read = await ok(h.call('GET', `/v1/personal-data/${ref}?purpose=recall`, { key: keys.coop }));
    expect(read.data).toEqual(BUYER);
    expect(verifyPersonalCommitment(commitment, fromHex(read.salt), read.data)).toBe(true);
    const access = await ok(h.call('GET', `/v1/personal-data/access?ref=${ref}`, { key: keys.auditor }));
    expect(access.records).toMatchObject([{ ref, purpose: 'recall' }]);
  });

  it('refuses an unauthorised key with 403 and no data', async () => {
    const { ref } = await buyerRef();
    const refused = await h.call('GET', `/v1/personal-data/${ref}?purpose=curiosity`, { key: keys.hunan });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(BUYER.name);
    expect((await h.call('GET', `/v1/personal-data/${ref}`, { key: keys.coop })).statusCode).toBe(400);
  });

  it('erases: the vault forgets, the log records the ref and reason, views show erased', async () => {
    const { ref } = await buyerRef();
    await ok(h.call('DELETE', `/v1/personal-data/${ref}`, { key: keys.coop, body: { reason: '本人申请删除' } }));
    const read = await ok(h.call('GET', `/v1/personal-data/${ref}?purpose=check`, { key: keys.coop }));
    expect(read).toMatchObject({ erased: true, display: '已删除' });
    expect(await buyerRef()).toMatchObject({ ref, erased: true });
    const erased = (await allEvents()).filter((event) => event.type === 'personal.erased');
    expect(erased.map((event) => event.data)).toEqual([{ ref, reason: '本人申请删除' }]);
  });
});
