/** The operators' forms: which fields a body still needs, and bodies shaped as the API's schemas take them. */
import { describe, expect, it } from 'vitest';
import { CommissionBody, ProcessingBody, ReasonBody, RecordBody, SaleBody, ShipmentBody } from '../../src/api/schemas/writes.js';
import {
  amountOf,
  chinaToday,
  type CommissionForm,
  commissionBody,
  mergeTotal,
  type ProcessingForm,
  processingBody,
  type RecordForm,
  recordBody,
  rejectBody,
  saleBody,
  shipmentBody,
} from '../../app/src/screens/operator/forms.js';

const CODE = '14413226024019630536';

const commission: CommissionForm = {
  product: ' 鸡蛋 ',
  category: 'egg',
  variety: '',
  gtin: '',
  amount: '100',
  unit: 'tray',
  producedAt: '2026-12-01',
  region: '441322',
  base: '大埔村基地',
  originName: '广东省惠州市博罗县',
  certificate: { issue: true, issuer: '博罗杨村合作社', contact: '13800138000', basis: 'self-test', issuedAt: '2026-12-01' },
  claims: ['LB-1'],
};

const record: RecordForm = {
  code: CODE,
  kind: 'input',
  input: 'pesticide',
  what: '吡虫啉',
  registrationNumber: 'PD20080001',
  dose: '20 g/亩',
  preHarvestDays: '7',
  description: '',
  value: '',
  valueUnit: '',
  date: '2026-11-20',
};

describe('amountOf', () => {
  it.each([
    ['12.5', 12.5],
    [' 3 ', 3],
    ['0,5', 0.5],
    ['.25', 0.25],
    ['7.', 7],
  ])('reads %j as %d', (text, amount) => expect(amountOf(text)).toBe(amount));
  it.each(['', '0', '-1', 'abc', '1e3', '1.2.3', 'Infinity'])('refuses %j', (text) => expect(amountOf(text)).toBeUndefined());
});

describe('chinaToday', () => {
  it('is the date in China (UTC+8), a day ahead of UTC late in the evening', () => {
    expect(chinaToday(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(chinaToday(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });
});

describe('commissionBody', () => {
  it('builds a body the API takes, the certificate stating the lot’s own product, quantity and origin', () => {
    const built = commissionBody(commission);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(CommissionBody.safeParse(built.body).success).toBe(true);
    expect(built.body.product).toEqual({ name: '鸡蛋', category: 'egg' });
    expect(built.body.origin).toEqual({ region: '441322', base: '大埔村基地' });
    expect(built.body.certificate).toMatchObject({
      product: '鸡蛋',
      quantity: { amount: 100, unit: 'tray' },
      origin: '广东省惠州市博罗县 大埔村基地',
    });
    expect(built.body.claims).toEqual(['LB-1']);
  });

  it('leaves out an unissued certificate, empty optional fields and no claims', () => {
    const built = commissionBody({ ...commission, base: ' ', claims: [], certificate: { ...commission.certificate, issue: false } });
    expect(built.ok && built.body).toEqual({
      product: { name: '鸡蛋', category: 'egg' },
      quantity: { amount: 100, unit: 'tray' },
      producedAt: '2026-12-01',
      origin: { region: '441322' },
    });
  });

  it('sends a GTIN typed as printed under the barcode as product.gtin, the spaces dropped; the server keeps 14 digits', () => {
    const built = commissionBody({ ...commission, gtin: ' 6 901234 567892 ' });
    expect(built.ok && built.body.product).toEqual({ name: '鸡蛋', category: 'egg', gtin: '6901234567892' });
    const parsed = built.ok ? CommissionBody.safeParse(built.body) : undefined;
    expect(parsed?.success && parsed.data.product.gtin).toBe('06901234567892');
  });

  it('names every field still missing', () => {
    const built = commissionBody({
      ...commission,
      product: '',
      amount: '0',
      region: '',
      certificate: { ...commission.certificate, contact: '' },
    });
    expect(built).toEqual({ ok: false, missing: ['commission-product', 'commission-amount', 'commission-region', 'certificate-contact'] });
  });
});

describe('shipmentBody', () => {
  const form = {
    code: ` ${CODE}`,
    amount: '5',
    unit: 'tray' as const,
    to: 'registered' as const,
    operatorId: '92440111MAJEYUDX45',
    buyerName: '',
    buyerPhone: '',
    buyerAddress: '',
  };

  it('hands off to a registered operator', () => {
    const built = shipmentBody(form);
    expect(built.ok && built.body).toEqual({
      path: `/v1/lots/${CODE}/shipments`,
      body: { to: { operatorId: '92440111MAJEYUDX45' }, quantity: { amount: 5, unit: 'tray' } },
    });
    expect(built.ok && ShipmentBody.safeParse(built.body.body).success).toBe(true);
  });

  it('hands off to an unregistered buyer, with only the details given', () => {
    const built = shipmentBody({ ...form, to: 'unregistered', buyerName: '张三', buyerPhone: '13900001111' });
    expect(built.ok && built.body.body.to).toEqual({ buyer: { name: '张三', phone: '13900001111' } });
    expect(built.ok && ShipmentBody.safeParse(built.body.body).success).toBe(true);
  });

  it('needs the code, an amount and the buyer of the chosen kind', () => {
    expect(shipmentBody({ ...form, code: '', amount: 'x', operatorId: ' ' })).toEqual({
      ok: false,
      missing: ['hand-off-code', 'hand-off-amount', 'hand-off-buyer'],
    });
    expect(shipmentBody({ ...form, to: 'unregistered' })).toEqual({ ok: false, missing: ['hand-off-buyer-name'] });
  });
});

describe('recordBody', () => {
  it('records input use with its registration number, dose and pre-harvest interval', () => {
    const built = recordBody(record);
    expect(built.ok && built.body).toEqual({
      path: `/v1/lots/${CODE}/records`,
      body: {
        kind: 'input',
        input: 'pesticide',
        name: '吡虫啉',
        registrationNumber: 'PD20080001',
        dose: '20 g/亩',
        appliedAt: '2026-11-20',
        preHarvestIntervalDays: 7,
      },
    });
    expect(built.ok && RecordBody.safeParse(built.body.body).success).toBe(true);
  });

  it.each([
    [
      { kind: 'operation' as const, what: '除草', description: '人工' },
      { kind: 'operation', operation: '除草', description: '人工', performedAt: '2026-11-20' },
    ],
    [
      { kind: 'environment' as const, what: '土壤 pH', value: '6,5', valueUnit: '' },
      { kind: 'environment', parameter: '土壤 pH', value: 6.5, measuredAt: '2026-11-20' },
    ],
    [
      { kind: 'processing' as const, what: '清洗' },
      { kind: 'processing', step: '清洗', performedAt: '2026-11-20' },
    ],
  ])('records a %j with only its own fields', (change, body) => {
    const built = recordBody({ ...record, ...change });
    expect(built.ok && built.body.body).toEqual(body);
    expect(built.ok && RecordBody.safeParse(built.body.body).success).toBe(true);
  });

  it('refuses a pre-harvest interval that is not whole days, and a missing dose', () => {
    expect(recordBody({ ...record, preHarvestDays: '7.5', dose: '' })).toEqual({
      ok: false,
      missing: ['records-pre-harvest', 'records-dose'],
    });
  });
});

describe('saleBody and rejectBody', () => {
  it('sells a quantity of a lot', () => {
    const built = saleBody({ code: CODE, amount: '2.5', unit: 'kg' });
    expect(built.ok && built.body).toEqual({ path: `/v1/lots/${CODE}/sales`, body: { quantity: { amount: 2.5, unit: 'kg' } } });
    expect(built.ok && SaleBody.safeParse(built.body.body).success).toBe(true);
  });

  it('rejects with a reason, and not without one', () => {
    const built = rejectBody(CODE, ' 货损 ');
    expect(built.ok && built.body).toEqual({ path: `/v1/lots/${CODE}/reject`, body: { reason: '货损' } });
    expect(built.ok && ReasonBody.safeParse(built.body.body).success).toBe(true);
    expect(rejectBody(CODE, '  ')).toEqual({ ok: false, missing: ['receive-reason'] });
  });
});

describe('mergeTotal and processingBody', () => {
  const form: ProcessingForm = {
    mode: 'merge',
    inputs: [
      { code: CODE, amount: '0.1', unit: 'kg' },
      { code: '24413224108714359417', amount: '0.2', unit: 'kg' },
    ],
    outputs: [{ product: '菜心', category: 'vegetable', variety: '', amount: '', unit: 'g' }],
    certificate: { issue: false, issuer: '', contact: '', basis: 'quality-control', issuedAt: '2026-12-01' },
    originName: '',
  };

  it('sums a merge exactly, in thousandths (0.1 + 0.2 is 0.3)', () => {
    expect(mergeTotal(form.inputs)).toEqual({ amount: 0.3, unit: 'kg' });
    expect(mergeTotal([...form.inputs, { code: 'x', amount: '1', unit: 'g' }])).toBeUndefined();
    expect(mergeTotal([{ code: 'x', amount: '', unit: 'kg' }])).toBeUndefined();
  });

  it('merges into one output of the inputs’ sum, whatever the output row says', () => {
    const built = processingBody({ ...form, outputs: [...form.outputs, form.outputs[0]!] });
    expect(built.ok && built.body).toEqual({
      mode: 'merge',
      inputs: [
        { code: CODE, quantity: { amount: 0.1, unit: 'kg' } },
        { code: '24413224108714359417', quantity: { amount: 0.2, unit: 'kg' } },
      ],
      outputs: [{ product: { name: '菜心', category: 'vegetable' }, quantity: { amount: 0.3, unit: 'kg' } }],
    });
    expect(built.ok && ProcessingBody.safeParse(built.body).success).toBe(true);
  });

  it('processes into outputs of their own amounts, each with its certificate', () => {
    const built = processingBody({
      ...form,
      mode: 'process',
      outputs: [{ product: '净菜', category: 'vegetable', variety: '', amount: '250', unit: 'g' }],
      certificate: { issue: true, issuer: '加工厂', contact: '020-12345678', basis: 'quality-control', issuedAt: '2026-12-01' },
      originName: '广东省广州市白云区',
    });
    expect(built.ok && built.body.outputs).toEqual([
      {
        product: { name: '净菜', category: 'vegetable' },
        quantity: { amount: 250, unit: 'g' },
        certificate: {
          product: '净菜',
          quantity: { amount: 250, unit: 'g' },
          origin: '广东省广州市白云区',
          issuedAt: '2026-12-01',
          issuer: '加工厂',
          contact: '020-12345678',
          basis: 'quality-control',
        },
      },
    ]);
    expect(built.ok && ProcessingBody.safeParse(built.body).success).toBe(true);
  });

  it('names the rows still missing', () => {
    const built = processingBody({
      ...form,
      inputs: [
        { code: '', amount: '1', unit: 'kg' },
        { code: CODE, amount: '', unit: 'kg' },
      ],
    });
    expect(built).toEqual({
      ok: false,
      missing: ['processing-input-0-code', 'processing-input-1-amount', 'processing-merge-total'],
    });
  });
});
