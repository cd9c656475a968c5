import { describe, expect, it } from 'vitest';
import { operatorTag, recordTag, type TakeSample } from '../../../src/domain/index.js';
import {
  ADMIN,
  CABBAGE,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  NOW,
  PANYU,
  PUBLIC,
  STALL,
  TIANHE,
  WHOLESALER,
  as,
  authority,
  commissioned,
  freshCode,
  onboarded,
  received,
  sampleTaken,
  shipped,
  stamp,
  taskCreated,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const TASK = 'task-1';
const SAMPLE = 'sample-1';
const LOT = freshCode(1, PANYU); // 100 kg at the farm
const IN_TRANSIT = freshCode(2, PANYU); // 10 kg on its way to the wholesaler
const LOOSE = freshCode(3, PANYU); // 5 kg to a market buyer, held by no operator
const HN_MONITOR = authority('monitor', '43');

const take = (fields: Partial<TakeSample> = {}): TakeSample => ({
  type: 'sample.take',
  sampleId: SAMPLE,
  taskId: TASK,
  lotCode: LOT,
  ...fields,
});
const history = () => [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  ...onboarded(STALL),
  taskCreated(TASK),
  commissioned(LOT, 100),
  shipped({ from: LOT, child: IN_TRANSIT, amount: 10, to: WHOLESALER }),
  shipped({ from: LOT, child: LOOSE, amount: 5 }),
];

describe('sample.take', () => {
  it("takes a sample at the lot's holder, tagged with the sample, the task and the operator", () =>
    given(history())
      .when(take({ quantity: { amount: 0.5, unit: 'kg' } }), GZ_MONITOR)
      .thenEmits([
        {
          type: 'sample.taken',
          tags: [recordTag('sample', SAMPLE), recordTag('task', TASK), operatorTag(FARM.id)],
          data: {
            sampleId: SAMPLE,
            taskId: TASK,
            lotCode: LOT,
            quantity: { amount: 0.5, unit: 'kg' },
            operatorId: FARM.id,
            region: PANYU,
            product: CABBAGE,
          },
        },
      ]));

  it('remembers the sample and counts it on its task', () => {
    const then = given(history()).when(take(), GZ_MONITOR);
    expect(then.thenState(recordTag('sample', SAMPLE))).toEqual({
      entity: 'sample',
      id: SAMPLE,
      taskId: TASK,
      lotCode: LOT,
      operatorId: FARM.id,
      region: PANYU,
      product: CABBAGE,
      takenAt: NOW,
      by: 'authority:monitor-4401',
    });
    expect(then.thenState(recordTag('task', TASK))).toMatchObject({ sampled: 1, tested: 0, failed: 0 });
    const second = given(history(), sampleTaken('sample-0', TASK, LOT)).when(take(), GZ_MONITOR);
    expect(second.thenState(recordTag('task', TASK))).toMatchObject({ sampled: 2 });
  });

  it('samples a lot in transit at its recipient', () => {
    const then = given(history()).when(take({ lotCode: IN_TRANSIT }), GZ_MONITOR);
    expect(then.thenState(recordTag('sample', SAMPLE))).toMatchObject({ operatorId: WHOLESALER.id, region: TIANHE });
    given(history())
      .when(take({ lotCode: IN_TRANSIT, operatorId: WHOLESALER.id }), GZ_MONITOR)
      .thenAccepts();
  });

  it('samples loose goods where the command says they were found', () => {
    given(history())
      .when(take({ lotCode: LOOSE }), GZ_MONITOR)
      .thenRejects('OperatorRequired', 'operatorId');
    const then = given(history()).when(take({ lotCode: LOOSE, operatorId: WHOLESALER.id }), GZ_MONITOR);
    expect(then.thenState(recordTag('sample', SAMPLE))).toMatchObject({ lotCode: LOOSE, operatorId: WHOLESALER.id });
  });

  it('refuses to place a held lot at an operator that does not hold it', () =>
    given(history())
      .when(take({ operatorId: WHOLESALER.id }), GZ_MONITOR)
      .thenRejects('NotHolder', 'operatorId'));

  it('lets a monitor of a wider region and a national admin sample', () => {
    given(history()).when(take(), authority('monitor', '44')).thenAccepts();
    given(history()).when(take(), ADMIN).thenAccepts();
  });

  it('refuses roles outside monitoring', () => {
    for (const actor of [GZ_INSPECTOR, GZ_ENFORCER, GD_REVIEWER, as(FARM), PUBLIC])
      given(history()).when(take(), actor).thenRejects('Forbidden');
  });

  it('refuses a monitor whose region does not cover where the sample is taken', () => {
    given(history()).when(take(), HN_MONITOR).thenRejects('OutOfRegion', 'lotCode');
    given(history())
      .when(take({ lotCode: LOOSE, operatorId: FARM.id }), HN_MONITOR)
      .thenRejects('OutOfRegion', 'operatorId');
    given(history()).when(take(), authority('monitor', TIANHE)).thenRejects('OutOfRegion', 'lotCode');
  });

  it('refuses an unknown task, lot or operator', () => {
    given(history())
      .when(take({ taskId: 'task-404' }), GZ_MONITOR)
      .thenRejects('UnknownTask', 'taskId');
    given(history())
      .when(take({ lotCode: freshCode(1, PANYU) }), GZ_MONITOR)
      .thenRejects('UnknownLot', 'lotCode');
    given(history())
      .when(take({ lotCode: LOOSE, operatorId: 'person-9999' }), GZ_MONITOR)
      .thenRejects('UnknownOperator', 'operatorId');
  });

  it('refuses a sample id that is taken', () =>
    given(history(), sampleTaken(SAMPLE, TASK, LOT))
      .when(take(), GZ_MONITOR)
      .thenRejects('RecordExists', 'sampleId'));

  it("refuses a sample outside the task's region", () => {
    const tianheTask = taskCreated(TASK, TIANHE);
    given(
      history().filter((event) => event.type !== 'sampling.taskCreated'),
      tianheTask,
    )
      .when(take(), GZ_MONITOR)
      .thenRejects('OutsideTask', 'lotCode');
    given(
      history().filter((event) => event.type !== 'sampling.taskCreated'),
      tianheTask,
    )
      .when(take({ lotCode: LOOSE, operatorId: FARM.id }), GZ_MONITOR)
      .thenRejects('OutsideTask', 'operatorId');
  });

  it("refuses a lot outside the task's product categories", () => {
    const fruitTask = stamp(
      {
        type: 'sampling.taskCreated',
        tags: [recordTag('task', 'task-fruit')],
        data: { taskId: 'task-fruit', kind: 'special', region: '44', categories: ['fruit'], items: ['多菌灵'], dueBy: '2026-12-31' },
      },
      GZ_MONITOR,
    );
    given(history(), fruitTask)
      .when(take({ taskId: 'task-fruit' }), GZ_MONITOR)
      .thenRejects('OutsideTask', 'lotCode');
  });

  it('refuses a sample after the task was due', () => {
    given(history()).when(take(), GZ_MONITOR, '2026-12-31T15:59:59.999Z').thenAccepts();
    given(history()).when(take(), GZ_MONITOR, '2026-12-31T16:00:00.000Z').thenRejects('TaskOverdue', 'taskId');
  });

  it('samples a lot the buyer has accepted at the buyer', () => {
    const accepted = [...history(), received('lot.accepted', { child: IN_TRANSIT, from: LOT, amount: 10 })];
    given(accepted)
      .when(take({ lotCode: IN_TRANSIT, operatorId: FARM.id }), GZ_MONITOR)
      .thenRejects('NotHolder', 'operatorId');
    given(accepted)
      .when(take({ lotCode: IN_TRANSIT }), GZ_MONITOR)
      .thenAccepts();
  });

  it('refuses malformed samples', () => {
    given(history())
      .when(take({ lotCode: 'not-a-code' }), GZ_MONITOR)
      .thenRejects('InvalidTraceCode', 'lotCode');
    given(history())
      .when(take({ sampleId: '' }), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'sampleId');
    given(history())
      .when(take({ quantity: { amount: 0, unit: 'kg' } }), GZ_MONITOR)
      .thenRejects('InvalidQuantity', 'quantity.amount');
  });
});
