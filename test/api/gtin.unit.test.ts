/**
 * A product's GS1 GTIN over HTTP: commissioning and processing take it in
 * the body, the lot views (public and full) and the lot page show it as 14
 * digits, a shipment's child inherits it, and a bad one is a 400 naming the
 * field that appends nothing. In EPCIS its lots are GS1 Digital Links, in exports and in captures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOP, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

const EAN13 = '6901234567892';
const GTIN14 = '06901234567892';
const kg = (amount: number) => ({ amount, unit: 'kg' });
const withGtin = (gtin: string, amount = 100) => {
  const body = lotBody(amount);
  return { ...body, product: { ...body.product, gtin } };
};
const view = async (code: string, key?: string) => ok(h.call('GET', `/v1/codes/${code}`, key ? { key } : {}));

describe('a product GTIN', () => {
  it('is kept as 14 digits on commissioning and shown in the public and full views and on the lot page', async () => {
    const { code } = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: withGtin(EAN13) }));
    const product = { name: '菜心', category: 'vegetable', variety: '四九菜心', gtin: GTIN14 };
    expect((await view(code)).product).toEqual(product);
    expect((await view(code, keys.farm)).product).toEqual(product);
    const page = await h.call('GET', `/c/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('商品条码 GTIN');
    expect(page.body).toContain(GTIN14);
  });

  it("is inherited by a shipment's child lot", async () => {
    const { code } = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: withGtin(EAN13) }));
    const shipment = { to: { operatorId: COOP }, quantity: kg(30) };
    const child = await ok(h.call('POST', `/v1/lots/${code}/shipments`, { key: keys.farm, body: shipment }));
    expect((await view(child.code)).product.gtin).toBe(GTIN14);
    expect((await view(child.code, keys.coop)).product.gtin).toBe(GTIN14);
  });

  it('is carried by a processing output that is given one', async () => {
    const { code } = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(50) }));
    const body = {
      inputs: [{ code, quantity: kg(50) }],
      outputs: [{ product: { name: '净菜心', category: 'vegetable', gtin: '96385074' }, quantity: { amount: 100, unit: 'bag' } }],
    };
    const made = await ok(h.call('POST', '/v1/processing', { key: keys.farm, body }));
    expect((await view(made.outputs[0].code)).product).toEqual({ name: '净菜心', category: 'vegetable', gtin: '00000096385074' });
  });

  it('refuses a bad GTIN with a 400 naming product.gtin, and appends nothing', async () => {
    for (const gtin of ['6901234567891', '690123456', '69O1234567892']) {
      const problem = await expectRefused(
        h,
        () => h.call('POST', '/v1/lots', { key: keys.farm, body: withGtin(gtin) }),
        400,
        'ValidationFailed',
        'product.gtin',
      );
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'product.gtin', code: 'InvalidGtin' })]);
      expect(problem.detail).toMatch(/GTIN/);
    }
    const { code } = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(5) }));
    const body = {
      inputs: [{ code, quantity: kg(5) }],
      outputs: [{ product: { name: '净菜心', category: 'vegetable', gtin: '96385075' }, quantity: kg(5) }],
    };
    await expectRefused(
      h,
      () => h.call('POST', '/v1/processing', { key: keys.farm, body }),
      400,
      'ValidationFailed',
      'outputs.0.product.gtin',
    );
  });

  it('is described in the OpenAPI document of the commission body', async () => {
    const doc = JSON.parse((await h.call('GET', '/docs/json')).body);
    expect(JSON.stringify(doc.paths['/v1/lots'].post.requestBody)).toContain('GS1 GTIN');
  });

  it('makes its lots GS1 Digital Links in the EPCIS export, and a capture may name a lot by one', async () => {
    const { code } = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: withGtin(EAN13) }));
    const link = `https://id.gs1.org/01/${GTIN14}/10/${code}`;
    const exported = JSON.parse((await h.call('GET', `/v1/codes/${code}/epcis`)).body);
    const [commissioning] = exported.epcisBody.eventList;
    expect(commissioning.bizStep).toBe('commissioning');
    expect(commissioning.quantityList[0].epcClass).toBe(link);
    const document = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-06-01T08:00:00.000+08:00',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2026-06-01T08:00:00.000+08:00',
            eventTimeZoneOffset: '+08:00',
            action: 'OBSERVE',
            bizStep: 'receiving',
            quantityList: [{ epcClass: `https://shop.example.com/gtin/${GTIN14}/lot/${code}`, quantity: 5, uom: 'KGM' }],
          },
        ],
      },
    };
    const posted = await h.call('POST', '/epcis/capture', { key: keys.subscriber, body: document });
    expect(posted.statusCode).toBe(202);
    const location = String(posted.headers.location);
    let job = JSON.parse((await h.call('GET', location, { key: keys.subscriber })).body);
    for (let polls = 0; job.running && polls < 200; polls++) {
      await new Promise((done) => setTimeout(done, 5));
      job = JSON.parse((await h.call('GET', location, { key: keys.subscriber })).body);
    }
    expect(job.success).toBe(true);
    const [sealed] = await h.store.readFrom(job.captured[0].position, 1);
    expect(sealed?.tags).toContain(`lot:${code}`);
  });
});
