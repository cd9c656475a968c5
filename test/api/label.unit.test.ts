/**
 * The label (证码合一): /c/{code}/label.svg and .png carry the QR code of the
 * page URL, the code in groups of four and the certificate of compliance's
 * content with its commitment and basis; sizes in millimetres; ?copies=N on
 * A4 sheets. Public: never a buyer.
 */
import J from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode } from '../../src/domain/index.js';
import { COMMITMENT, sheetGrid } from '../../src/api/pages/label/index.js';
import { lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

const PUBLIC_URL = 'https://trace.example.cn';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The PNG the label route answered before it was the whole label: the QR alone, (modules + 4) × 8 px, at most 41 modules here. */
const QR_ONLY_WIDTH = (41 + 4) * 8;

let h: Harness;
let keys: Keys;
let code: string;
beforeAll(async () => {
  h = await harness({ pages: { publicUrl: PUBLIC_URL } });
  keys = await setUp(h);
  const body = lotBody(1000);
  code = (
    await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: { ...body, certificate: { ...body.certificate, basis: 'self-test' } } }))
  ).code;
});
afterAll(() => h.close());

const svgOf = async (url: string): Promise<string> => {
  const response = await h.call('GET', url);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
  return response.body;
};
/** The text of the label, tags removed, lines joined (the commitment wraps over two lines). */
const textOf = (svg: string): string => svg.replace(/<[^>]+>/g, '').replace(/\s*\n\s*/g, '');
const dimensions = (svg: string) => /<svg[^>]* width="([^"]+)" height="([^"]+)" viewBox="([^"]+)"/.exec(svg)?.slice(1);

describe('certificate basis through the API', () => {
  it('keeps the basis given on commissioning in the lot view', async () => {
    const lot = await ok(h.call('GET', `/v1/codes/${code}`));
    expect(lot.certificate).toMatchObject({ issuer: '番禺绿野农场', basis: 'self-test' });
  });

  it('keeps the basis of a certificate re-issued on a processing output, and refuses an unknown basis', async () => {
    const input = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(30) }))).code;
    const reissued = { ...lotBody(25).certificate, product: '净菜心', issuer: '番禺绿野农场加工部', basis: 'commissioned-test' };
    const made = await ok(
      h.call('POST', '/v1/processing', {
        key: keys.farm,
        body: {
          inputs: [{ code: input, quantity: { amount: 30, unit: 'kg' } }],
          outputs: [{ product: { name: '净菜心', category: 'vegetable' }, quantity: { amount: 25, unit: 'kg' }, certificate: reissued }],
        },
      }),
    );
    const output = made.outputs[0].code as string;
    expect((await ok(h.call('GET', `/v1/codes/${output}`))).certificate).toMatchObject({ basis: 'commissioned-test' });
    expect(textOf(await svgOf(`/c/${output}/label.svg`))).toContain('番禺绿野农场加工部');
    const bad = await h.call('POST', '/v1/lots', {
      key: keys.farm,
      body: { ...lotBody(5), certificate: { ...lotBody(5).certificate, basis: 'hearsay' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'ValidationFailed', field: 'certificate.basis' });
  });
});

describe('GET /c/{code}/label.svg', () => {
  it('holds the certificate fields, the grouped code, the commitment and its ticked basis', async () => {
    const svg = await svgOf(`/c/${code}/label.svg`);
    const text = textOf(svg);
    for (const shown of ['菜心', '1000 千克', '番禺绿野农场', '13900139000', '广州市番禺区石楼镇', '2026-06-01', COMMITMENT]) {
      expect(text).toContain(shown);
    }
    expect(svg).toContain(`>${formatTraceCode(code)}</text>`);
    expect(formatTraceCode(code)).toMatch(/^\d{4}( \d{4}){4}$/);
    expect(svg).toContain('data-basis="self-test" data-checked="true"');
    expect(svg).toContain('data-basis="quality-control" data-checked="false"');
    expect(svg).toContain('data-basis="commissioned-test" data-checked="false"');
    expect(text).toContain('质量安全控制');
  });

  it('is 60 × 40 mm by default and 100 × 70 mm when asked; other sizes are refused', async () => {
    expect(dimensions(await svgOf(`/c/${code}/label.svg`))).toEqual(['60mm', '40mm', '0 0 60 40']);
    expect(dimensions(await svgOf(`/c/${code}/label.svg?size=60x40`))).toEqual(['60mm', '40mm', '0 0 60 40']);
    expect(dimensions(await svgOf(`/c/${code}/label.svg?size=100x70`))).toEqual(['100mm', '70mm', '0 0 100 70']);
    expect((await h.call('GET', `/c/${code}/label.svg?size=80x50`)).statusCode).toBe(400);
  });

  it('lays ?copies=N out on A4 sheets, as many as they need', async () => {
    const six = await svgOf(`/c/${code}/label.svg?copies=6`);
    expect(six.match(/<use class="label"/g)).toHaveLength(6);
    expect(dimensions(six)).toEqual(['210mm', '297mm', '0 0 210 297']);
    const perSheet = sheetGrid('60x40').columns * sheetGrid('60x40').rows;
    const more = await svgOf(`/c/${code}/label.svg?copies=${perSheet + 1}`);
    expect(more.match(/<use class="label"/g)).toHaveLength(perSheet + 1);
    expect(dimensions(more)).toEqual(['210mm', '594mm', '0 0 210 594']);
    const large = await svgOf(`/c/${code}/label.svg?copies=100&size=100x70`);
    expect(large.match(/<use class="label"/g)).toHaveLength(100);
    for (const copies of ['0', '101', 'x']) expect((await h.call('GET', `/c/${code}/label.svg?copies=${copies}`)).statusCode).toBe(400);
  });

  it('escapes what the operator typed', async () => {
    const body = lotBody(10);
    const tricky = { ...body, certificate: { ...body.certificate, issuer: 'A&B <农场> "一"' } };
    const lot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: tricky }))).code;
    const svg = await svgOf(`/c/${lot}/label.svg`);
    expect(svg).toContain('A&amp;B &lt;农场&gt; &quot;一&quot;');
    expect(svg).not.toContain('<农场>');
  });

  it('shows the lot’s own facts and no commitment when it has no certificate', async () => {
    const { certificate: _none, ...bare } = lotBody(12);
    const lot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: bare }))).code;
    const text = textOf(await svgOf(`/c/${lot}/label.svg`));
    expect(text).toContain('12 千克');
    expect(text).not.toContain(COMMITMENT.slice(0, 10));
  });

  it('never shows the buyer of a market-entry certificate', async () => {
    const sold = await ok(
      h.call('POST', `/v1/lots/${code}/shipments`, {
        key: keys.farm,
        body: { to: { buyer: { name: '李记菜档', phone: '13600136000', address: '江南市场A区' } }, quantity: { amount: 5, unit: 'kg' } },
      }),
    );
    for (const url of [`/c/${sold.code}/label.svg`, `/c/${sold.code}/label.svg?copies=2&size=100x70`]) {
      const svg = await svgOf(url);
      for (const secret of ['李记菜档', '13600136000', '江南市场']) expect(svg).not.toContain(secret);
    }
  });
});

describe('GET /c/{code}/label.png', () => {
  const png = async (url: string): Promise<PNG> => {
    const response = await h.call('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    return PNG.sync.read(response.rawPayload);
  };

  it('is the whole label at 8 dots a millimetre, and its QR code is the page URL', async () => {
    const image = await png(`/c/${code}/label.png`);
    expect(image.width).toBeGreaterThan(QR_ONLY_WIDTH);
    expect([image.width, image.height]).toEqual([480, 320]);
    const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    expect(J.default(pixels, image.width, image.height)?.data).toBe(`${PUBLIC_URL}/c/${code}`);
  });

  it('follows the size and the copies', async () => {
    const large = await png(`/c/${code}/label.png?size=100x70`);
    expect([large.width, large.height]).toEqual([800, 560]);
    const sheet = await png(`/c/${code}/label.png?copies=3`);
    expect([sheet.width, sheet.height]).toEqual([1680, 2376]);
  });
});
