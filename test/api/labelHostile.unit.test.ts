/**
 * The label against hostile certificates and careless clients: markup, a
 * lone ampersand, `]]>`, a noncharacter and C0 controls in the certificate's
 * fields and the product stay text, and the SVG keeps to the characters XML
 * 1.0 allows (so browsers draw it and resvg renders the PNG: it answered 500
 * before); odd ?size= and ?copies= are 400s; a hundred copies as a PNG take
 * about a second, not forty, and never stall other requests meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBaseUrl } from '../../src/api/pages/publicUrl.js';
import { lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

const HOSTILE = 'a&b]]><t>\uFFFE\u0001\u0008"\'';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: Harness;
let keys: Keys;
let code: string;
beforeAll(async () => {
  h = await harness({ pages: { publicUrl: 'https://trace.example.cn' } });
  keys = await setUp(h);
  const body = lotBody(60);
  const certificate = { ...body.certificate, product: HOSTILE, issuer: HOSTILE, origin: HOSTILE };
  code = (
    await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: { ...body, product: { ...body.product, name: HOSTILE }, certificate } }))
  ).code;
});
afterAll(() => h.close());

/** The characters of `text` XML 1.0 does not allow. */
const notXml = (text: string): string[] =>
  [...text].filter((char) => {
    const point = char.codePointAt(0)!;
    return (point < 0x20 && point !== 0x09 && point !== 0x0a && point !== 0x0d) || point === 0xfffe || point === 0xffff;
  });

describe('a hostile certificate on the label', () => {
  it('stays text in every size and in sheets of copies, in characters XML allows', async () => {
    for (const query of ['', '?size=100x70', '?copies=3', '?size=100x70&copies=9']) {
      const response = await h.call('GET', `/c/${code}/label.svg${query}`);
      expect(response.statusCode, query).toBe(200);
      expect(notXml(response.body), query).toEqual([]);
      expect(response.body, query).not.toContain('<t>');
      expect(response.body, query).not.toContain(']]>');
      expect(response.body, query).toContain('a&amp;b]]&gt;&lt;t&gt;\uFFFD\uFFFD\uFFFD&quot;&#39;');
    }
  });

  it('renders as a PNG, one label and sheets of copies', async () => {
    for (const query of ['', '?size=100x70', '?copies=2']) {
      const response = await h.call('GET', `/c/${code}/label.png${query}`);
      expect(response.statusCode, `${query}: ${response.body.slice(0, 200)}`).toBe(200);
      expect(response.rawPayload.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
  });
});

describe('careless clients on the label routes', () => {
  it('prints an http(s) URL on a well-formed host in the QR code, whatever the request claims', async () => {
    expect(publicBaseUrl(undefined, { protocol: 'javascript', host: 'trace.example.cn' })).toBe('http://trace.example.cn');
    expect(publicBaseUrl(undefined, { protocol: 'https', host: 'a"><b' })).toBe('https://localhost');
    expect(publicBaseUrl('https://trace.example.cn/', { protocol: 'http', host: 'evil.example' })).toBe('https://trace.example.cn');
  });

  it('answers an odd size or number of copies with 400, never 500', async () => {
    for (const query of [
      '?size=',
      '?size=1x1',
      '?size=60x40&size=100x70',
      '?copies=0',
      '?copies=101',
      '?copies=abc',
      '?copies=1e9',
      '?copies=',
      '?copies=1.5',
      '?copies=1&copies=2',
    ]) {
      for (const route of ['label.svg', 'label.png']) {
        const response = await h.call('GET', `/c/${code}/${route}${query}`);
        expect(response.statusCode, `${route}${query}`).toBe(400);
      }
    }
  });

  it('draws a hundred copies of the large label as a PNG in seconds, other requests answered meanwhile', async () => {
    const started = Date.now();
    const sheets = h.call('GET', `/c/${code}/label.png?size=100x70&copies=100`);
    // resvg draws off the event loop: a page asked for meanwhile is answered before the sheets are done.
    const meanwhile = await h.call('GET', '/');
    const answeredAfter = Date.now() - started;
    const response = await sheets;
    const total = Date.now() - started;
    expect(meanwhile.statusCode).toBe(200);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(answeredAfter, `the start page waited for the sheets (${total} ms)`).toBeLessThan(total / 2);
    expect(total, 'sheets of a hundred copies (each copy laid out anew took 35 s)').toBeLessThan(10_000);
  }, 30_000);
});
