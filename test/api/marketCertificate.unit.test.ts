/**
 * GET /v1/lots/{code}/certificate: the market-entry certificate (入市追溯凭证)
 * as an A6 print page in two copies, for the issuing operator and regulators
 * of its region; the buyer read from the vault (the read recorded), 已删除
 * once erased; never for another operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode, generateTraceCode } from '../../src/domain/index.js';
import { PANYU, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

const PUBLIC_URL = 'https://trace.example.cn';
const BUYER = { name: '李记菜档', phone: '13600136000', address: '江南果菜批发市场A区12号' };

let h: Harness;
let keys: Keys;
let farmLot: string;
let certificate: string;
beforeAll(async () => {
  h = await harness({ pages: { publicUrl: PUBLIC_URL } });
  keys = await setUp(h);
  farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(50) }))).code;
  certificate = (
    await ok(
      h.call('POST', `/v1/lots/${farmLot}/shipments`, {
        key: keys.farm,
        body: { to: { buyer: BUYER }, quantity: { amount: 20, unit: 'kg' } },
      }),
    )
  ).code;
});
afterAll(() => h.close());

const page = async (key: string, code = certificate): Promise<string> => {
  const response = await h.call('GET', `/v1/lots/${code}/certificate`, { key });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
  return response.body;
};
const accessCount = async (ref: string): Promise<number> =>
  (await ok(h.call('GET', `/v1/personal-data/access?ref=${ref}`, { key: keys.auditor }))).records.length;
const buyerRef = async (): Promise<string> => (await ok(h.call('GET', `/v1/codes/${certificate}`, { key: keys.farm }))).buyer.ref;

describe('GET /v1/lots/{code}/certificate', () => {
  it('shows the issuer the whole certificate: QR, seller, buyer, product, quantity, date and source lot', async () => {
    const html = await page(keys.farm);
    expect(html).toMatch(/^<!doctype html>\s*<html lang="zh-CN">/);
    expect(html).toContain('入市追溯凭证');
    expect(html).toContain(formatTraceCode(certificate));
    expect(html).toContain('番禺绿野农场有限公司');
    expect(html).toContain('广东省广州市番禺区');
    for (const field of [BUYER.name, BUYER.phone, BUYER.address]) expect(html).toContain(field);
    expect(html).toContain('菜心（四九菜心）');
    expect(html).toContain('20 千克');
    expect(html).toContain(`来源批次</th><td class="code">${formatTraceCode(farmLot)}`);
    expect(html).toMatch(/开具日期<\/th><td>\d{4}-\d{2}-\d{2}</);
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"/);
  });

  it('prints two copies (一式两联), each on its own A6 page', async () => {
    const html = await page(keys.farm);
    expect(html.match(/<section class="copy"/g)).toHaveLength(2);
    expect(html).toContain('data-copy="随货联"');
    expect(html).toContain('data-copy="存根联"');
    expect(html).toContain('@page { size: 105mm 148mm; margin: 0 }');
    expect(html).toContain('break-after: page');
    // The copy that travels with the goods masks the phone; the stub keeps it whole.
    const [withGoods, stub] = html.split('<section class="copy"').slice(1);
    expect(withGoods).toContain('136****6000');
    expect(withGoods).not.toContain(BUYER.phone);
    expect(stub).toContain(BUYER.phone);
  });

  it('records each read of the buyer in the vault’s access log', async () => {
    const ref = await buyerRef();
    const before = await accessCount(ref);
    await page(keys.farm);
    const records = (await ok(h.call('GET', `/v1/personal-data/access?ref=${ref}`, { key: keys.auditor }))).records;
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1).purpose).toContain('入市追溯凭证');
  });

  it('lets a regulator whose region covers the lot read it, as the vault rules do', async () => {
    expect(await page(keys.inspectorGz)).toContain(BUYER.name);
    expect(await page(keys.reviewerGd)).toContain(BUYER.name);
  });

  it('refuses another operator, a regulator of another region, an auditor and the public', async () => {
    const get = (key?: string) => () => h.call('GET', `/v1/lots/${certificate}/certificate`, key ? { key } : {});
    const before = await accessCount(await buyerRef());
    await expectRefused(h, get(keys.coop), 403, 'RoleForbidden');
    await expectRefused(h, get(keys.reviewerHn), 403, 'RoleForbidden');
    await expectRefused(h, get(keys.auditor), 403, 'RoleForbidden');
    await expectRefused(h, get(), 401, 'Unauthorized');
    expect(await accessCount(await buyerRef()), 'a refused request reads nothing').toBe(before);
  });

  it('answers 409 for a lot that is not a market-entry certificate, 404 for an unknown one', async () => {
    await expectRefused(
      h,
      () => h.call('GET', `/v1/lots/${farmLot}/certificate`, { key: keys.farm }),
      409,
      'NotMarketEntryCertificate',
      'code',
    );
    const unknown = generateTraceCode({ kind: 3, region: PANYU, serial: '00000000001' });
    await expectRefused(h, () => h.call('GET', `/v1/lots/${unknown}/certificate`, { key: keys.farm }), 404, 'UnknownLot', 'code');
  });

  it('shows 已删除 once the buyer’s data is erased', async () => {
    const body = { to: { buyer: { name: '王阿姨', phone: '13700137000' } }, quantity: { amount: 5, unit: 'kg' } };
    const sold = (await ok(h.call('POST', `/v1/lots/${farmLot}/shipments`, { key: keys.farm, body }))).code;
    const ref = (await ok(h.call('GET', `/v1/codes/${sold}`, { key: keys.farm }))).buyer.ref;
    await ok(h.call('DELETE', `/v1/personal-data/${ref}`, { key: keys.farm, body: { reason: '购货方要求删除' } }));
    const html = await page(keys.farm, sold);
    expect(html).toContain('已删除');
    expect(html).not.toContain('王阿姨');
    expect(html).not.toContain('13700137000');
  });

  it('has one <h1> though each copy prints the title, and shows a hostile buyer as text', async () => {
    expect((await page(keys.farm)).match(/<h1[ >]/g)).toHaveLength(1);
    const hostile = { name: '<img src=x onerror=alert(1)>&陈', phone: '13500135000', address: '"><script>alert(1)</script>' };
    const body = { to: { buyer: hostile }, quantity: { amount: 2, unit: 'kg' } };
    const sold = (await ok(h.call('POST', `/v1/lots/${farmLot}/shipments`, { key: keys.farm, body }))).code;
    const html = await page(keys.farm, sold);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;陈');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('never lets a caller with a key make the public page of the code show the buyer (one public page is kept for all)', async () => {
    await page(keys.farm);
    for (const key of [keys.farm, keys.inspectorGz, keys.auditor, undefined]) {
      const response = await h.call('GET', `/c/${certificate}`, key ? { key } : {});
      expect(response.statusCode).toBe(200);
      for (const secret of [BUYER.name, BUYER.phone, BUYER.address]) expect(response.body).not.toContain(secret);
    }
  });

  it('keeps the buyer out of the public label and page of the same code', async () => {
    for (const url of [`/c/${certificate}`, `/c/${certificate}/label.svg`]) {
      const response = await h.call('GET', url);
      expect(response.statusCode).toBe(200);
      for (const secret of [BUYER.name, BUYER.phone, BUYER.address]) expect(response.body).not.toContain(secret);
    }
  });
});
