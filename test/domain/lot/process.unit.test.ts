import { describe, expect, it } from 'vitest';
import {
  childLinks,
  lotTag,
  type LotPortion,
  type LotState,
  type ProcessLots,
  type ProcessOutput,
  type Unit,
} from '../../../src/domain/index.js';
import {
  EARLIER,
  FARM,
  FURONG,
  NOW,
  ORIGIN,
  PANYU,
  PUBLIC,
  TIANHE,
  WHOLESALER,
  as,
  commissioned,
  freshCode,
  frozenEvent,
  merged,
  onboarded,
  operatorEvent,
  shipped,
  sold,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const A = freshCode(1, PANYU); // 60 kg
const B = freshCode(1, PANYU); // 40 kg
const C = freshCode(1, PANYU); // 10 boxes
const history = () => [...onboarded(FARM), ...onboarded(WHOLESALER), commissioned(A, 60), commissioned(B, 40), commissioned(C, 10, 'box')];

const take = (code: string, amount: number, unit: Unit = 'kg'): LotPortion => ({ code, quantity: { amount, unit } });
const make = (amount: number, unit: Unit = 'kg', code = freshCode(2, PANYU)): ProcessOutput => ({
  code,
  product: { name: '净菜心', category: 'vegetable' },
  quantity: { amount, unit },
});
const merge = (inputs: LotPortion[], outputs: ProcessOutput[]): ProcessLots => ({
  type: 'lot.process',
  mode: 'merge',
  inputs,
  outputs,
});
const process = (inputs: LotPortion[], outputs: ProcessOutput[]): ProcessLots => ({
  type: 'lot.process',
  mode: 'process',
  inputs,
  outputs,
});
const certificate = (amount: number) => ({
  product: '净菜心',
  quantity: { amount, unit: 'kg' as const },
  origin: '广州市番禺区',
  issuedAt: EARLIER,
  issuer: '番禺绿野蔬菜有限公司',
  contact: '020-12345678',
});

describe('lot.process (merge)', () => {
  it('merges lots of one unit into one lot holding their sum', () => {
    const output = make(100);
    const command = merge([take(A, 60), take(B, 40)], [output]);
    const then = given(history()).when(command, as(FARM));
    then.thenEmits([
      {
        type: 'lot.processed',
        tags: [lotTag(A), lotTag(B), lotTag(output.code)],
        data: {
          mode: 'merge',
          operatorId: FARM.id,
          producedAt: NOW,
          inputs: command.inputs,
          outputs: [{ ...output, origin: ORIGIN }],
        },
      },
    ]);
    expect(then.thenState(lotTag(A))).toMatchObject({
      status: 'merged',
      available: 0,
      processed: 60,
    });
    expect(childLinks(then.thenState(lotTag(A)) as LotState)).toEqual([{ code: output.code, quantity: 60, via: 'merge' }]);
    expect(then.thenState(lotTag(output.code))).toMatchObject({
      kind: 2,
      status: 'open',
      madeBy: 'merge',
      holder: FARM.id,
      quantity: 100,
      available: 100,
      parents: [
        { code: A, quantity: 60 },
        { code: B, quantity: 40 },
      ],
      origin: ORIGIN,
    });
  });

  it('merges part of a lot, which stays open with the rest', () => {
    const then = given(history()).when(merge([take(A, 20.5), take(B, 40)], [make(60.5)]), as(FARM));
    expect(then.thenState(lotTag(A))).toMatchObject({ status: 'open', available: 39.5, processed: 20.5 });
    expect(then.thenState(lotTag(B))).toMatchObject({ status: 'merged' });
  });

  it('sums decimals exactly', () =>
    given(history())
      .when(merge([take(A, 0.1), take(B, 0.2)], [make(0.3)]), as(FARM))
      .thenAccepts());

  it('refuses more or fewer than one output', () =>
    given(history())
      .when(merge([take(A, 60)], [make(30), make(30)]), as(FARM))
      .thenRejects('MergeNeedsOneOutput', 'outputs'));

  it('refuses to mix units without a processing step', () => {
    given(history())
      .when(merge([take(A, 60), take(C, 10, 'box')], [make(70)]), as(FARM))
      .thenRejects('UnitMismatch', 'inputs.1.quantity.unit');
    given(history())
      .when(merge([take(A, 60)], [make(60, 'jin')]), as(FARM))
      .thenRejects('UnitMismatch', 'outputs.0.quantity.unit');
  });

  it('refuses an output that is not exactly the sum of the inputs', () =>
    given(history())
      .when(merge([take(A, 0.1), take(B, 0.2)], [make(0.31)]), as(FARM))
      .thenRejects('QuantityMismatch', 'outputs.0.quantity.amount'));
});

describe('lot.process (processing)', () => {
  it('processes lots of any units into several outputs, depleting what it uses up', () => {
    const [boxes, trimmings] = [make(50, 'box'), make(5)];
    const then = given(history()).when(process([take(A, 60), take(C, 10, 'box')], [boxes, trimmings]), as(FARM));
    expect(then.thenState(lotTag(A))).toMatchObject({
      status: 'depleted',
      processed: 60,
    });
    expect(childLinks(then.thenState(lotTag(A)) as LotState)).toEqual([
      { code: boxes.code, quantity: 60, via: 'process' },
      { code: trimmings.code, quantity: 60, via: 'process' },
    ]);
    expect(then.thenState(lotTag(C))).toMatchObject({ status: 'depleted', processed: 10 });
    expect(then.thenState(lotTag(boxes.code))).toMatchObject({
      madeBy: 'process',
      unit: 'box',
      quantity: 50,
      parents: [
        { code: A, quantity: 60 },
        { code: C, quantity: 10 },
      ],
    });
  });

  it("gives outputs of mixed origin the processor's region", () => {
    const hunan = freshCode(1, PANYU);
    const output = make(70);
    const then = given(history(), commissioned(hunan, 10, 'kg', FARM, { region: FURONG })).when(
      process([take(A, 60), take(hunan, 10)], [output]),
      as(FARM),
    );
    expect(then.thenState(lotTag(output.code))).toMatchObject({ origin: { region: PANYU } });
  });

  it('keeps a shared origin region, without the base when the bases differ', () => {
    const otherBase = freshCode(1, PANYU);
    const output = make(70);
    const then = given(history(), commissioned(otherBase, 10, 'kg', FARM, { region: PANYU, base: '化龙镇基地' })).when(
      process([take(A, 60), take(otherBase, 10)], [output]),
      as(FARM),
    );
    expect(then.thenState(lotTag(output.code))).toMatchObject({ origin: { region: PANYU } });
    expect(then.thenState(lotTag(output.code))).not.toHaveProperty('origin.base');
  });

  it('carries a re-issued certificate of compliance on an output', () => {
    const output = { ...make(50), certificate: certificate(50) };
    const then = given(history()).when(process([take(A, 60)], [output]), as(FARM));
    expect(then.thenState(lotTag(output.code))).toMatchObject({ certificate: output.certificate });
  });
});

describe('lot.process refusals', () => {
  it('refuses anyone but an active operator', () => {
    given(history())
      .when(process([take(A, 60)], [make(50)]), PUBLIC)
      .thenRejects('Forbidden');
    given(history(), operatorEvent('operator.suspended', FARM))
      .when(process([take(A, 60)], [make(50)]), as(FARM))
      .thenRejects('OperatorSuspended');
  });

  it('refuses an input listed twice, an output listed twice, and an output that is an input', () => {
    given(history())
      .when(process([take(A, 10), take(A, 10)], [make(20)]), as(FARM))
      .thenRejects('DuplicateInput', 'inputs.1.code');
    const twice = make(5);
    given(history())
      .when(process([take(A, 10)], [twice, twice]), as(FARM))
      .thenRejects('DuplicateOutput', 'outputs.1.code');
    given(history())
      .when(process([take(A, 10)], [make(10, 'kg', A)]), as(FARM))
      .thenRejects('CycleRefused', 'outputs.0.code');
  });

  it('refuses an unknown input', () =>
    given(history())
      .when(process([take(freshCode(1, PANYU), 1)], [make(1)]), as(FARM))
      .thenRejects('UnknownLot', 'inputs.0.code'));

  it('refuses an input that cannot move', () => {
    given(history(), frozenEvent('lot.frozen', [B]))
      .when(process([take(A, 1), take(B, 1)], [make(1)]), as(FARM))
      .thenRejects('LotFrozen', 'inputs.1.code');
    given(history(), sold(B, 40))
      .when(process([take(B, 1)], [make(1)]), as(FARM))
      .thenRejects('LotDepleted', 'inputs.0.code');
    given(history(), merged([[B, 40]], freshCode(2, PANYU)))
      .when(process([take(B, 1)], [make(1)]), as(FARM))
      .thenRejects('LotMerged', 'inputs.0.code');
    const child = freshCode(2, PANYU);
    given(history(), shipped({ from: A, child, amount: 10, to: WHOLESALER }))
      .when(process([take(child, 1)], [make(1, 'kg', freshCode(2, TIANHE))]), as(WHOLESALER))
      .thenRejects('LotInTransit', 'inputs.0.code');
  });

  it('refuses an input the processor does not hold', () =>
    given(history())
      .when(process([take(A, 1)], [make(1, 'kg', freshCode(2, TIANHE))]), as(WHOLESALER))
      .thenRejects('NotHolder', 'inputs.0.code'));

  it('refuses an input portion in another unit or larger than what is available', () => {
    given(history())
      .when(process([take(C, 1)], [make(1)]), as(FARM))
      .thenRejects('UnitMismatch', 'inputs.0.quantity.unit');
    given(history())
      .when(process([take(A, 60.001)], [make(1)]), as(FARM))
      .thenRejects('InsufficientQuantity', 'inputs.0.quantity.amount');
  });

  it('refuses an output code that is not a fresh kind-2 code of the processor region', () => {
    const output = (code: string) => process([take(A, 1)], [make(1, 'kg', code)]);
    given(history())
      .when(output(freshCode(1, PANYU)), as(FARM))
      .thenRejects('WrongCodeKind', 'outputs.0.code');
    given(history())
      .when(output(freshCode(2, TIANHE)), as(FARM))
      .thenRejects('CodeRegionMismatch', 'outputs.0.code');
    const existing = freshCode(2, PANYU);
    given(history(), merged([[B, 40]], existing))
      .when(output(existing), as(FARM))
      .thenRejects('CodeExists', 'outputs.0.code');
  });

  it('refuses a certificate that does not match its output', () =>
    given(history())
      .when(process([take(A, 60)], [{ ...make(50), certificate: certificate(60) }]), as(FARM))
      .thenRejects('CertificateMismatch', 'outputs.0.certificate.quantity'));

  it('refuses a command without inputs', () =>
    given(history())
      .when(process([], [make(1)]), as(FARM))
      .thenRejects('InvalidCommand', 'inputs'));
});
