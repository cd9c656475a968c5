import { describe, expect, it } from 'vitest';
import { lotTag, type ProductionRecord, type RecordLot } from '../../../src/domain/index.js';
import {
  FARM,
  GZ_INSPECTOR,
  PANYU,
  PUBLIC,
  WHOLESALER,
  as,
  commissioned,
  freshCode,
  frozenEvent,
  onboarded,
  operatorEvent,
  shipped,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const LOT = freshCode(1, PANYU);
const CHILD = freshCode(2, PANYU);

const PESTICIDE: ProductionRecord = {
  kind: 'input',
  input: 'pesticide',
  name: '阿维菌素',
  registrationNumber: 'PD20080001',
  dose: '30 mL/亩',
  appliedAt: '2026-11-10',
  preHarvestIntervalDays: 7,
};

const record = (entry: ProductionRecord = PESTICIDE, code = LOT): RecordLot => ({
  type: 'lot.record',
  code,
  record: entry,
});
const history = () => [...onboarded(FARM), ...onboarded(WHOLESALER), commissioned(LOT, 100)];

describe('lot.record', () => {
  it('records an input use on a lot its holder holds', () => {
    const then = given(history()).when(record(), as(FARM));
    then.thenEmits([{ type: 'lot.recorded', tags: [lotTag(LOT)], data: { code: LOT, operatorId: FARM.id, record: PESTICIDE } }]);
    expect(then.thenState(lotTag(LOT))).toMatchObject({ records: 1 });
  });

  it.each<ProductionRecord>([
    { kind: 'operation', operation: '采收', performedAt: '2026-11-20' },
    { kind: 'environment', parameter: '土壤pH', value: 6.5, measuredAt: '2026-11-01T09:00:00+08:00' },
    { kind: 'processing', step: '清洗预冷', description: '4 °C 预冷 2 小时', performedAt: '2026-11-28' },
  ])('records a $kind record', (entry) => given(history()).when(record(entry), as(FARM)).thenAccepts());

  it('records on a frozen lot: the holder keeps documenting', () =>
    given(history(), frozenEvent('lot.frozen', [LOT]))
      .when(record(), as(FARM))
      .thenAccepts());

  it('refuses anyone but an operator', () => {
    given(history()).when(record(), PUBLIC).thenRejects('Forbidden');
    given(history()).when(record(), GZ_INSPECTOR).thenRejects('Forbidden');
  });

  it('refuses an operator that is not active', () =>
    given(history(), operatorEvent('operator.suspended', FARM)).when(record(), as(FARM)).thenRejects('OperatorSuspended'));

  it('refuses an unknown lot', () =>
    given(history())
      .when(record(PESTICIDE, freshCode(1, PANYU)), as(FARM))
      .thenRejects('UnknownLot', 'code'));

  it('refuses an operator that does not hold the lot', () =>
    given(history()).when(record(), as(WHOLESALER)).thenRejects('NotHolder', 'code'));

  it('refuses the recipient of a lot still in transit', () =>
    given(history(), shipped({ from: LOT, child: CHILD, amount: 10, to: WHOLESALER }))
      .when(record(PESTICIDE, CHILD), as(WHOLESALER))
      .thenRejects('LotInTransit', 'code'));

  it('refuses an activity dated after now', () =>
    given(history())
      .when(record({ ...PESTICIDE, appliedAt: '2026-12-01' }), as(FARM))
      .thenRejects('FutureDate', 'record.appliedAt'));

  it('refuses a record that does not match its schema', () => {
    given(history())
      .when(record({ ...PESTICIDE, preHarvestIntervalDays: -1 }), as(FARM))
      .thenRejects('InvalidCommand', 'record.preHarvestIntervalDays');
    given(history())
      .when(record({ kind: 'weather' } as unknown as ProductionRecord), as(FARM))
      .thenRejects('InvalidCommand', 'record.kind');
  });
});
