/**
 * The public HTML pages against hostile data and careless clients: names,
 * products, certificates, records and certifications holding markup and
 * characters XML forbids are shown as text (no element, attribute or link
 * made of them) on the consumer page in both languages, the lineage page,
 * the showcase and the operator page; a stray ?lang= never errors; and the
 * consumer page's cache never serves a stale page — spellings of one code
 * share it, an erasure shows 已删除 and a freeze its banner at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode } from '../../src/domain/index.js';
import { usccFor } from '../support/scenario.js';
import { FARM, PANYU, lotBody, ok, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

/** Markup, a CDATA end, a lone ampersand, a javascript: URL, a noncharacter and C0 controls, in one string. */
const HOSTILE = `<script>alert(1)</script>"><svg onload=alert(1)>]]>&x'javascript:alert(1)\uFFFE\u0001\u0008`;
const EVIL_OPERATOR = usccFor(PANYU, 'MA5BAD77');

let h: Harness;
let keys: Keys;
let evilKey: string;
let hostileLot: string;
let recordedLot: string;

const get = async (url: string, status = 200): Promise<string> => {
  const response = await h.call('GET', url);
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(status);
  return response.body;
};

/** What a hostile string may not leave in a page: markup it made, or a character XML forbids. */
function expectInert(body: string, where: string): void {
  for (const made of ['<script', '<svg onload', "href='javascript", 'href="javascript', ']]>&x']) {
    expect(body.includes(made), `${where} holds ${made}`).toBe(false);
  }
  expect(body, `${where}: an element with an event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  const forbidden = [...body].filter((char) => {
    const point = char.codePointAt(0)!;
    return (point < 0x20 && point !== 0x09 && point !== 0x0a && point !== 0x0d) || point === 0xfffe || point === 0xffff;
  });
  expect(forbidden, `${where}: characters XML 1.0 forbids`).toEqual([]);
}

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  await ok(h.call('POST', '/v1/operators', { body: registration(EVIL_OPERATOR, `恶意${HOSTILE}`.slice(0, 100), PANYU) }));
  await ok(h.call('POST', `/v1/operators/${EVIL_OPERATOR}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
  evilKey = (
    await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: 'evil app', role: 'operator', operatorId: EVIL_OPERATOR } }))
  ).key;
  const certification = { type: 'green', number: 'LB<1>&"', product: HOSTILE, validFrom: '2020-01-01', validTo: '2099-12-31' };
  await ok(h.call('POST', `/v1/operators/${EVIL_OPERATOR}/certifications`, { key: evilKey, body: certification }));
  const body = lotBody();
  hostileLot = (
    await ok(
      h.call('POST', '/v1/lots', {
        key: evilKey,
        body: {
          ...body,
          product: { ...body.product, name: HOSTILE, variety: HOSTILE },
          origin: { ...body.origin, base: HOSTILE },
          certificate: { ...body.certificate, product: HOSTILE, issuer: HOSTILE, origin: HOSTILE },
          claims: [certification.number],
        },
      }),
    )
  ).code;
  const short = 'a&b]]><i>\uFFFE\u0001';
  recordedLot = (await ok(h.call('POST', '/v1/lots', { key: evilKey, body: { ...body, product: { ...body.product, name: short } } }))).code;
  const records = [
    { kind: 'input', input: 'pesticide', name: HOSTILE, registrationNumber: 'PD<1>&', dose: HOSTILE, appliedAt: '2026-05-20' },
    { kind: 'operation', operation: HOSTILE, description: HOSTILE, performedAt: '2026-05-21' },
  ];
  for (const record of records) await ok(h.call('POST', `/v1/lots/${recordedLot}/records`, { key: evilKey, body: record }));
});
afterAll(() => h.close());

describe('hostile text on the public pages', () => {
  it('is text on the consumer page in both languages, the lineage page, the showcase and the operator page', async () => {
    for (const url of [
      `/c/${hostileLot}`,
      `/c/${hostileLot}?lang=en`,
      `/c/${recordedLot}`,
      `/c/${recordedLot}?lang=en`,
      `/c/${hostileLot}/graph`,
      `/c/${recordedLot}/graph`,
      `/showcase`,
      `/showcase?region=${PANYU}&certification=green`,
      `/o/${EVIL_OPERATOR}`,
    ]) {
      expectInert(await get(url), url);
    }
    const page = await get(`/c/${hostileLot}`);
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(1)&gt;]]&gt;&amp;x&#39;javascript:alert(1)\uFFFD\uFFFD\uFFFD',
    );
    expect(await get(`/c/${recordedLot}`)).toContain('登记证号 PD&lt;1&gt;&amp;');
  });

  it('keeps every link of the consumer page on this site, none made of data', async () => {
    for (const url of [`/c/${hostileLot}`, `/c/${recordedLot}`, `/showcase`, `/o/${EVIL_OPERATOR}`]) {
      const hrefs = [...(await get(url)).matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href, `${url}: ${href}`).toMatch(/^\/[A-Za-z0-9/._?=&;%-]*$/);
    }
  });
});

describe('careless clients on /c/{code}', () => {
  it('gives zh-CN for a lang too long, given twice or empty, never an error', async () => {
    for (const query of [`?lang=${'x'.repeat(40)}`, '?lang=en&lang=en', '?lang=', '?lang=EN', '?lang=%00']) {
      expect(await get(`/c/${recordedLot}${query}`), query).toContain('<html lang="zh-CN">');
    }
  });

  it('answers every spelling of one code with the same page (one cache entry), and a junk spelling with the mistyped page', async () => {
    const plain = await get(`/c/${recordedLot}`);
    const spaced = encodeURIComponent(formatTraceCode(recordedLot));
    const hyphenated = formatTraceCode(recordedLot).replaceAll(' ', '-');
    for (const spelling of [spaced, hyphenated, `%20${recordedLot}%0A`]) expect(await get(`/c/${spelling}`), spelling).toBe(plain);
    // Same digits with a letter in between: never the cached page of the real code.
    const junk = `${recordedLot.slice(0, 10)}x${recordedLot.slice(10)}`;
    expect(await get(`/c/${junk}`, 400)).not.toContain(`data-code="${recordedLot}"`);
  });
});

describe('the consumer page cache after changes', () => {
  it('shows 已删除 for a market-entry certificate’s buyer right after the erasure, though the page was kept', async () => {
    const farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(40) }))).code;
    const body = { to: { buyer: { name: '赵小满', phone: '13511112222' } }, quantity: { amount: 4, unit: 'kg' } };
    const sold = (await ok(h.call('POST', `/v1/lots/${farmLot}/shipments`, { key: keys.farm, body }))).code;
    for (const lang of ['', '?lang=en']) await get(`/c/${sold}${lang}`);
    expect(await get(`/c/${sold}`)).toContain('个人信息，不公开');
    const ref = (await ok(h.call('GET', `/v1/codes/${sold}`, { key: keys.farm }))).buyer.ref;
    await ok(h.call('DELETE', `/v1/personal-data/${ref}`, { key: keys.farm, body: { reason: '购货方要求删除' } }));
    const after = await get(`/c/${sold}`);
    expect(after).toContain('已删除');
    expect(after).not.toContain('个人信息，不公开');
    for (const secret of ['赵小满', '13511112222']) expect(after).not.toContain(secret);
  });

  it('shows the freeze banner right after a freeze, though the page was kept', async () => {
    const lot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(10) }))).code;
    expect(await get(`/c/${lot}`)).not.toContain('role="alert"');
    await ok(h.call('POST', `/v1/lots/${lot}/freeze`, { key: keys.inspectorGz, body: { reason: '抽检待复核' } }));
    const frozen = await get(`/c/${lot}`);
    expect(frozen).toContain('role="alert"');
    expect(frozen).toContain('抽检待复核');
  });
});

it('names the farm of the chain set up (a guard that the hostile operator is not the only one)', async () => {
  expect(await get(`/o/${FARM}`)).toContain('番禺绿野农场有限公司');
});
